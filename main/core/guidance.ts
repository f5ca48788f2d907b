// What the user should know and do next, derived from a check's outcome. Pure.

import { MIN_ECI_VERSION } from './identity';
import type { AdminEciPolicy, ContainerSummary, DesiredState, DesktopOwnedContainer, EngineIdentity, SettingsProblem, Verdict } from './model';
import { isOlderThanEci } from './verdict';
import { plural } from './words';

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
    if (inputs.platform === 'win32') notes.push('Builds with the default build driver on WSL 2 are not protected by ECI.');
  }
  notes.push(...versionNotes(inputs));
  const byDesign = (inputs.uncoveredContainers ?? []).filter((c) => c.outsideEciByDesign).length;
  if (byDesign > 0) {
    notes.push(
      `${byDesign} Docker Desktop container${byDesign === 1 ? '' : 's'} (Kubernetes, Extensions) run${byDesign === 1 ? 's' : ''} outside ECI by design: listed apart, not counted as unprotected, never offered for cleanup.`,
    );
  }
  const images = inputs.adminPolicy?.socketMountImages ?? [];
  if (images.length > 0) notes.push(`These images may mount the Docker socket under ECI (admin allow list): ${images.join(', ')}.`);
  const adminImages = new Set(images);
  const stored = (inputs.storedSocketMount?.images ?? []).filter((i) => !adminImages.has(i));
  if (stored.length > 0) {
    notes.push(`These images may mount the Docker socket under ECI (Docker Desktop's stored settings, e.g. a Docker Home policy): ${stored.join(', ')}.`);
  }
  if (inputs.probeImage && [...images, ...stored].includes(inputs.probeImage)) {
    notes.push(`The probe image ${inputs.probeImage} is on the socket mount allow list, so the socket check accepts a mount it allows.`);
  }
  const commands = inputs.adminPolicy?.commandList ?? inputs.storedSocketMount?.commandList;
  if (commands && commands.commands.length > 0) {
    notes.push(`Docker commands through a mounted socket are ${commands.type === 'allow' ? 'limited to' : 'denied for'}: ${commands.commands.join(', ')}.`);
  }
  return notes;
}

/** What the engine's version string says, when it cannot be taken at its word. */
function versionNotes({ engine, effectiveEci }: GuidanceInputs): string[] {
  if (!engine?.desktop) return [];
  if (engine.version === null && engine.versionUnknownBecause) return [`Docker Desktop's version is unknown (${engine.versionUnknownBecause}); the verdict rests on the probe.`];
  if (isOlderThanEci(engine) && effectiveEci === true) {
    return [
      `Docker Desktop reports version ${engine.version}, older than ${MIN_ECI_VERSION} (the first with ECI), yet the probe shows ECI on: the version string is not trusted and the verdict rests on the probe.`,
    ];
  }
  return [];
}

export function nextStepsFor(inputs: GuidanceInputs): string[] {
  const steps: string[] = [];
  for (const p of inputs.problems) {
    if (p.blocksDockerDesktop) {
      const where = p.line ? ` at line ${p.line}, column ${p.column}` : '';
      steps.push(`Fix ${p.file}${where} first: Docker Desktop will not start while it is invalid.`);
    }
  }
  switch (inputs.verdict) {
    case 'protected':
      steps.push('Nothing to do: ECI is on and verified.');
      break;
    case 'unprotected-containers': {
      const n = inputs.unprotectedContainers.length;
      if (n > 0) {
        steps.push(`Remove or re-create the ${plural(n, 'container')} created before ECI was on; they keep running without it.`);
        steps.push('Review them with "eci-tray containers".');
      }
      if ((inputs.uncoveredContainers ?? []).some((c) => c.kind === 'kubernetes-node')) {
        steps.push("Reset Docker Desktop's Kubernetes cluster (Settings > Kubernetes) so its kind nodes are re-created under ECI.");
      }
      break;
    }
    case 'pending-restart':
      steps.push('Quit Docker Desktop fully and start it again. Restarting from the Docker menu is not enough: it only restarts some components.');
      steps.push('Then run "eci-tray check" again to verify.');
      break;
    case 'off':
      steps.push('Turn ECI on: Docker Desktop Settings > General > "Use Enhanced Container Isolation" > Apply, or ask your admin for an admin-settings.json policy.');
      steps.push('Then quit Docker Desktop fully and start it again, and run "eci-tray check".');
      break;
    case 'engine-unreachable':
      if (inputs.enginePaused) {
        steps.push('Resume Docker Desktop: select Resume in the Docker menu (the whale icon) or on the Dashboard. Then run "eci-tray check" again.');
        break;
      }
      steps.push('Start Docker Desktop, or point eci-tray at your engine with --docker-host, DOCKER_HOST or "docker context use".');
      break;
    case 'not-docker-desktop':
      steps.push('ECI is a Docker Desktop feature. Point eci-tray at Docker Desktop\'s engine (--docker-host or "docker context use desktop-linux").');
      break;
    case 'unsupported-version':
      steps.push(`Update Docker Desktop to ${MIN_ECI_VERSION} or newer; ECI also needs a Docker Business subscription.`);
      break;
    case 'unknown':
      steps.push(`Make sure the probe image is available ("docker pull ${inputs.probeImage}", or pass --probe-image with an image you have) and run the check again.`);
      break;
  }
  return steps;
}
