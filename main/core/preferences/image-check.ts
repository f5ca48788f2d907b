// "Check image" in Preferences: can the engine pull this probe image now? A real pull through the
// engine (the probe pulls the same way when the image is missing), with a timeout, and the failure
// said as a human cause, not as the registry's or Go's error text.

import { EngineError } from '../engine/engine-errors';
import { errorText } from '../error-text';

/** The engine calls the check makes (EngineClient has them). */
export interface ImagePuller {
  pullImage(name: string, timeoutMs: number): Promise<void>;
  imageExists(name: string): Promise<boolean>;
}

export const IMAGE_CHECK_TIMEOUT_MS = 60_000;

export interface ImageCheck {
  image: string;
  /** The pull succeeded: the probe can run this image. */
  pullable: boolean;
  /** The image is on the engine (so the probe still runs even when a pull fails). */
  present: boolean;
  /** Why it could not be pulled, in the user's words; null when it could. */
  cause: string | null;
  /** One sentence for the window. */
  message: string;
}

/** [what the error says, the cause in the user's words]: the first that matches wins. */
const CAUSES: Array<[RegExp, string]> = [
  [/toomanyrequests|rate limit/i, 'The registry limits downloads right now (try again later, or sign in)'],
  [
    /no such host|ENOTFOUND|EAI_AGAIN|dial tcp|connection refused|network is unreachable|i\/o timeout|awaiting headers|waiting for connection/i,
    "Can't reach the image registry (check the network or proxy)",
  ],
  [/x509|certificate|tls:/i, "The registry's certificate is not trusted on this machine"],
  [/no matching manifest|platform/i, "The image has no version for this machine's platform"],
  [/pull access denied/i, 'No image by that name, or the registry needs you to sign in'],
  [
    /manifest unknown|not found|does not exist|repository name not known|invalid reference/i,
    'No image by that name (check the spelling and the tag)',
  ],
  [
    /unauthorized|authentication required|denied|forbidden/i,
    'The registry refused the download (sign in to it, or the image is private)',
  ],
  [/did not answer within|timed? ?out|deadline exceeded|ETIMEDOUT/i, 'The download took too long'],
  [/no space left/i, 'Not enough disk space for the image'],
];

/** A pull failure as a human cause; an unknown one says it could not be downloaded. */
export function imagePullCause(err: unknown): string {
  // The engine itself not answering, before any registry error text is read.
  if (err instanceof EngineError && err.kind === 'unreachable') return "Docker isn't running";
  if (err instanceof EngineError && err.kind === 'paused') return 'Docker Desktop is paused';
  const text = err instanceof EngineError && err.engineMessage ? err.engineMessage : errorText(err);
  return CAUSES.find(([re]) => re.test(text))?.[1] ?? "Can't download the image";
}

export async function checkProbeImage(
  engine: ImagePuller,
  image: string,
  timeoutMs = IMAGE_CHECK_TIMEOUT_MS,
): Promise<ImageCheck> {
  try {
    await engine.pullImage(image, timeoutMs);
    return { image, pullable: true, present: true, cause: null, message: `${image} can be downloaded.` };
  } catch (err) {
    const cause = imagePullCause(err);
    const present = await engine.imageExists(image).catch(() => false);
    return {
      image,
      pullable: false,
      present,
      cause,
      message: present
        ? `${image} is on this machine, so checks can run, but it can't be downloaded again: ${cause}.`
        : `${image} can't be downloaded: ${cause}. Checks need it: choose another image or fix the cause.`,
    };
  }
}
