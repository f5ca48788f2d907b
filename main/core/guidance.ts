// What the user should know and do next, derived from a check's outcome. Pure.

import type { AdminEciPolicy, ContainerSummary, DesiredState, SettingsProblem, Verdict } from './model';

export interface GuidanceInputs {
  verdict: Verdict;
  desired: DesiredState;
  engineDesktop: boolean;
  probeImage: string;
  unprotectedContainers: ContainerSummary[];
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
  const images = inputs.adminPolicy?.socketMountImages ?? [];
  if (images.length > 0) notes.push(`These images may mount the Docker socket under ECI (admin allow list): ${images.join(', ')}.`);
  const commands = inputs.adminPolicy?.commandList;
  if (commands && commands.commands.length > 0) {
    notes.push(`Docker commands through a mounted socket are ${commands.type === 'allow' ? 'limited to' : 'denied for'}: ${commands.commands.join(', ')}.`);
  }
  return notes;
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
      steps.push(`Remove or re-create the ${n} container${n === 1 ? '' : 's'} created before ECI was on; they keep running without it.`);
      steps.push('Review them with "eci-tray containers".');
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
      steps.push('Start Docker Desktop, or point eci-tray at your engine with --docker-host, DOCKER_HOST or "docker context use".');
      break;
    case 'not-docker-desktop':
      steps.push('ECI is a Docker Desktop feature. Point eci-tray at Docker Desktop\'s engine (--docker-host or "docker context use desktop-linux").');
      break;
    case 'unsupported-version':
      steps.push('Update Docker Desktop to 4.13 or newer; ECI also needs a Docker Business subscription.');
      break;
    case 'unknown':
      steps.push(`Make sure the probe image is available ("docker pull ${inputs.probeImage}", or pass --probe-image with an image you have) and run the check again.`);
      break;
  }
  return steps;
}
