// What the user should know and do next, derived from a check's outcome. Pure.

import { MIN_ECI_VERSION } from './identity';
import type {
  AdminEciPolicy,
  CheckReport,
  ContainerSummary,
  DesiredState,
  DesktopOwnedContainer,
  EngineIdentity,
  SettingsProblem,
  Verdict,
} from '../model';
import { isOlderThanEci } from './verdict';
import { KUBERNETES_RESET, wayForward } from './way-forward';

export interface GuidanceInputs {
  verdict: Verdict;
  desired: DesiredState;
  engineDesktop: boolean;
  /** Docker Desktop said it is paused by hand. */
  enginePaused?: boolean;
  probeImage: string;
  unprotectedContainers: ContainerSummary[];
  /** Docker Desktop's own containers outside ECI (listed apart, never cleaned up). */
  uncoveredContainers?: DesktopOwnedContainer[];
  /** The engine's identity, for what its version string does and does not tell. */
  engine?: EngineIdentity;
  effectiveEci?: boolean | null;
  /** Socket mount exceptions stored in settings-store.json (where a Docker Home policy shows). */
  storedSocketMount?: { images: string[]; commandList: { type: 'allow' | 'deny'; commands: string[] } | null } | null;
  problems: SettingsProblem[];
  adminPolicy: AdminEciPolicy | null;
  platform: NodeJS.Platform;
}

/** What ECI does not cover, even when it is on (Docker docs), plus policy facts worth knowing. */
export function notesFor(inputs: GuidanceInputs): string[] {
  const notes: string[] = [];
  if (inputs.engineDesktop) {
    notes.push('Docker Extensions are not protected by ECI.');
    notes.push('Docker Debug containers are not protected by ECI.');
    notes.push('Kubernetes clusters created with kubeadm are not protected by ECI.');
    if (inputs.platform === 'win32')
      notes.push('Builds with the default build driver on WSL 2 are not protected by ECI.');
  }
  notes.push(...versionNotes(inputs));
  const byDesign = (inputs.uncoveredContainers ?? []).filter((c) => c.outsideEciByDesign).length;
  if (byDesign > 0) {
    notes.push(
      `${byDesign} Docker Desktop container${byDesign === 1 ? '' : 's'} (Kubernetes, Extensions) run${byDesign === 1 ? 's' : ''} outside ECI by design: listed apart, not counted as unprotected, never offered for cleanup.`,
    );
  }
  const images = inputs.adminPolicy?.socketMountImages ?? [];
  if (images.length > 0)
    notes.push(`These images may mount the Docker socket under ECI (admin allow list): ${images.join(', ')}.`);
  const adminImages = new Set(images);
  const stored = (inputs.storedSocketMount?.images ?? []).filter((i) => !adminImages.has(i));
  if (stored.length > 0) {
    notes.push(
      `These images may mount the Docker socket under ECI (Docker Desktop's stored settings, e.g. a Docker Home policy): ${stored.join(', ')}.`,
    );
  }
  if (inputs.probeImage && [...images, ...stored].includes(inputs.probeImage)) {
    notes.push(
      `The probe image ${inputs.probeImage} is on the socket mount allow list, so the socket check accepts a mount it allows.`,
    );
  }
  const commands = inputs.adminPolicy?.commandList ?? inputs.storedSocketMount?.commandList;
  if (commands && commands.commands.length > 0) {
    notes.push(
      `Docker commands through a mounted socket are ${commands.type === 'allow' ? 'limited to' : 'denied for'}: ${commands.commands.join(', ')}.`,
    );
  }
  return notes;
}

/** What the engine's version string says, when it cannot be taken at its word. */
function versionNotes({ engine, effectiveEci }: GuidanceInputs): string[] {
  if (!engine?.desktop) return [];
  if (engine.version === null && engine.versionUnknownBecause)
    return [`Docker Desktop's version is unknown (${engine.versionUnknownBecause}); the verdict rests on the probe.`];
  if (isOlderThanEci(engine) && effectiveEci === true) {
    return [
      `Docker Desktop reports version ${engine.version}, older than ${MIN_ECI_VERSION} (the first with ECI), yet the probe shows ECI on: the version string is not trusted and the verdict rests on the probe.`,
    ];
  }
  return [];
}

/**
 * The CLI's "Next" lines: the way forward (decided in way-forward.ts, for every surface), with
 * its command, then what only this state adds.
 */
export function nextStepsFor(report: CheckReport, inputs: GuidanceInputs): string[] {
  const line = (w: ReturnType<typeof wayForward>) =>
    w.command && !w.text.includes(w.command) ? `${w.text} Run: ${w.command}` : w.text;
  const steps = [line(wayForward(report, [], 'cli'))];
  // A broken file comes first; the verdict's own way forward still follows it.
  if (inputs.problems.some((p) => p.blocksDockerDesktop))
    steps.push(line(wayForward({ ...report, settingsProblems: [] }, [], 'cli')));
  for (const p of inputs.problems.filter((x) => x.blocksDockerDesktop).slice(1)) {
    const where = p.line ? ` at line ${p.line}, column ${p.column}` : '';
    steps.push(`Fix ${p.file}${where} too: Docker Desktop will not start while it is invalid.`);
  }
  if (
    inputs.verdict === 'unprotected-containers' &&
    (inputs.uncoveredContainers ?? []).some((c) => c.kind === 'kubernetes-node') &&
    !steps.includes(KUBERNETES_RESET)
  ) {
    steps.push(KUBERNETES_RESET);
  }
  if (inputs.verdict === 'off') steps.push('Then run "eci-tray check" again to verify.');
  return steps;
}
