// Containers Docker Desktop runs for itself, which show in the container list when its "Show system
// containers" settings are on (settings-store.json `ShowKubernetesSystemContainers`,
// `ShowExtensionsSystemContainers`). They are not the user's, so they are listed apart, with why,
// and never offered for cleanup. Pure.
//
// Labels alone prove nothing: an image's LABEL lines set them on every container made from it, so
// a container the user created before ECI (host PID, the Docker socket) could carry Desktop's
// labels and leave the verdict at `protected`. Each kind needs corroboration that no image can
// give: the container's name, which whoever creates the container chooses (the kubelet, Compose,
// kind), agreeing with its labels, and Kubernetes not off in Desktop's settings where they can be
// read. An uncorroborated one is the user's: it counts, and cleanup offers it.
//
// - kubeadm Kubernetes: the kubelet (through cri-dockerd, as dockershim did) names containers
//   `k8s_<container>_<pod>_<namespace>_<pod uid>_<attempt>` (`k8s_POD_...` for a pod's sandbox)
//   and labels them `io.kubernetes.container.name`, `io.kubernetes.pod.name`,
//   `io.kubernetes.pod.namespace`, `io.kubernetes.pod.uid`. ECI does not protect them.
// - Extensions: Desktop runs an extension's backend as a Compose project named
//   `<publisher>_<extension>-desktop-extension` (its compose file inside Desktop's extensions
//   folder) and labels its containers `com.docker.desktop.extension=true`; Compose names them
//   `<project>-<service>-<n>` (`<project>_<service>_<n>` before Compose v2). ECI does not protect them.
// - kind Kubernetes (Desktop 4.38+): the nodes are containers labelled
//   `io.x-k8s.kind.cluster=desktop`, which kind names `desktop-control-plane`, `desktop-worker`,
//   `desktop-worker2`, ... Its helpers run the images `desktop-cloud-provider-kind` and
//   `desktop-containerd-registry-mirror` (named in Docker's settings reference, which says they
//   mount the Docker socket). ECI protects them when they are created while ECI is on, so one running without
//   it counts against the verdict; it is still Desktop's to re-create (reset the cluster), never
//   eci-tray's.

export type DesktopOwnedKind = 'kubernetes' | 'kubernetes-node' | 'extension';

export interface DesktopOwnership {
  kind: DesktopOwnedKind;
  /** One sentence: what it is, and why it runs without ECI. */
  why: string;
  /** True when ECI does not cover it by design, so it never makes the machine "unprotected". */
  outsideEciByDesign: boolean;
}

/** What the container itself shows: its name and image reference are set when it is created, not by the image. */
export interface ContainerFacts {
  /** The container's name, with or without the leading "/". */
  name: string | null | undefined;
  /** The image reference the container was created with (`Config.Image`). */
  image?: string | null | undefined;
  labels: Record<string, string> | null | undefined;
}

/** What Desktop's settings say, where they can be read. */
export interface DesktopContext {
  /** Kubernetes on (true) or off (false) in Desktop's settings; null when they do not say. */
  kubernetesEnabled: boolean | null;
}

export const UNKNOWN_DESKTOP_CONTEXT: DesktopContext = { kubernetesEnabled: null };

const KUBEADM_WHY =
  "A container of Docker Desktop's Kubernetes (kubeadm) cluster: ECI does not protect kubeadm Kubernetes, by design. Docker Desktop manages it.";
const EXTENSION_WHY =
  'A Docker Extension container run by Docker Desktop: ECI does not protect Docker Extensions, by design. Manage it from Extensions in Docker Desktop.';
const KIND_NODE_WHY =
  "A node of Docker Desktop's Kubernetes (kind) cluster created while ECI was off: ECI protects kind nodes only when they are created with ECI on. Reset the cluster in Docker Desktop (Settings > Kubernetes) to re-create it under ECI.";
const KIND_HELPER_WHY =
  "A helper of Docker Desktop's Kubernetes (kind) cluster, which mounts the Docker socket, created while ECI was off: ECI protects it only when it is created with ECI on. Reset the cluster in Docker Desktop (Settings > Kubernetes) to re-create it under ECI.";

const EXTENSION_SUFFIX = '-desktop-extension';
const KIND_HELPER_IMAGES = ['desktop-cloud-provider-kind', 'desktop-containerd-registry-mirror'];

/**
 * An extension's Compose project: `<extension>-desktop-extension`, its compose file inside
 * Desktop's extensions folder under the extension's own name (`.../extensions/<extension>/vm/`).
 * Both together, so a user project that merely ends the same way is not taken for one.
 */
function isExtensionProject(project: string, configFiles: string): boolean {
  if (!project.endsWith(EXTENSION_SUFFIX) || project.length === EXTENSION_SUFFIX.length) return false;
  const extension = project.slice(0, -EXTENSION_SUFFIX.length).toLowerCase();
  return configFiles.replace(/\\/g, '/').toLowerCase().includes(`/extensions/${extension}/`);
}

const bareName = (name: string | null | undefined) => (name ?? '').replace(/^\//, '');

/** The kubelet's name for this container agrees with its labels (container, pod, namespace, pod uid). */
export function kubeletNameAgrees(name: string | null | undefined, labels: Record<string, string>): boolean {
  const parts = bareName(name).split('_');
  if (parts.length !== 6 || parts[0] !== 'k8s' || !/^\d+$/.test(parts[5] as string)) return false;
  const sandbox = labels['io.kubernetes.docker.type'] === 'podsandbox';
  const container = sandbox ? 'POD' : labels['io.kubernetes.container.name'];
  const expected = [
    container,
    labels['io.kubernetes.pod.name'],
    labels['io.kubernetes.pod.namespace'],
    labels['io.kubernetes.pod.uid'],
  ];
  return expected.every((value, i) => !!value && value === parts[i + 1]);
}

/** Compose's name for a container of this project and service (`<project>-<service>-<n>`, or with "_" before v2). */
export function composeNameAgrees(name: string | null | undefined, labels: Record<string, string>): boolean {
  const project = labels['com.docker.compose.project'];
  const service = labels['com.docker.compose.service'];
  if (!project || !service) return false;
  const n = bareName(name);
  return [`${project}-${service}-`, `${project}_${service}_`].some(
    (prefix) => n.startsWith(prefix) && /^\d+$/.test(n.slice(prefix.length)),
  );
}

/** kind's name for a node of the cluster `desktop`, agreeing with its role label when there is one. */
export function kindNodeNameAgrees(name: string | null | undefined, labels: Record<string, string>): boolean {
  const m = /^desktop-(control-plane|worker|external-load-balancer)(\d*)$/.exec(bareName(name));
  if (!m) return false;
  const role = labels['io.x-k8s.kind.role'];
  return role === undefined || role === m[1];
}

/** The last path component of an image reference, without tag or digest. */
function imageBasename(image: string | null | undefined): string {
  const withoutDigest = (image ?? '').split('@')[0] as string;
  const last = withoutDigest.split('/').pop() ?? '';
  return last.split(':')[0] as string;
}

/** What Docker Desktop container this is (corroborated), or null for the user's own container. */
export function desktopOwnership(
  c: ContainerFacts,
  ctx: DesktopContext = UNKNOWN_DESKTOP_CONTEXT,
): DesktopOwnership | null {
  const labels = c.labels ?? {};
  const kubernetesNotOff = ctx.kubernetesEnabled !== false;
  if (Object.keys(labels).some((k) => k.startsWith('io.kubernetes.'))) {
    return kubernetesNotOff && kubeletNameAgrees(c.name, labels)
      ? { kind: 'kubernetes', why: KUBEADM_WHY, outsideEciByDesign: true }
      : null;
  }
  const marked = labels['com.docker.desktop.extension'] === 'true';
  const project = labels['com.docker.compose.project'] ?? '';
  if (marked || isExtensionProject(project, labels['com.docker.compose.project.config_files'] ?? '')) {
    return project.endsWith(EXTENSION_SUFFIX) && composeNameAgrees(c.name, labels)
      ? { kind: 'extension', why: EXTENSION_WHY, outsideEciByDesign: true }
      : null;
  }
  if (labels['io.x-k8s.kind.cluster'] === 'desktop') {
    return kubernetesNotOff && kindNodeNameAgrees(c.name, labels)
      ? { kind: 'kubernetes-node', why: KIND_NODE_WHY, outsideEciByDesign: false }
      : null;
  }
  const helper = imageBasename(c.image);
  // The image reference is the creator's choice, not a label; these count either way, so a
  // mistaken match changes only whether cleanup offers the container.
  if (KIND_HELPER_IMAGES.includes(helper) && kubernetesNotOff) {
    return { kind: 'kubernetes-node', why: KIND_HELPER_WHY, outsideEciByDesign: false };
  }
  return null;
}

/** The context from a settings snapshot (or none: nothing known). */
export function desktopContextOf(settings: { kubernetesEnabled?: boolean | null } | null | undefined): DesktopContext {
  return { kubernetesEnabled: settings?.kubernetesEnabled ?? null };
}
