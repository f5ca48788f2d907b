// Containers Docker Desktop runs for itself, which show in the container list when its "Show system
// containers" settings are on (settings-store.json `ShowKubernetesSystemContainers`,
// `ShowExtensionsSystemContainers`). They are not the user's, so they are listed apart, with why,
// and never offered for cleanup. Decided from labels only (names are the user's to choose). Pure.
//
// - kubeadm Kubernetes: containers made through cri-dockerd carry `io.kubernetes.*` labels
//   (`io.kubernetes.pod.name`, `io.kubernetes.container.name`, ...). ECI does not protect them.
// - Extensions: Desktop runs an extension's backend as a Compose project named
//   `<publisher>_<extension>-desktop-extension` and labels its containers
//   `com.docker.desktop.extension=true`. ECI does not protect extensions.
// - kind Kubernetes (Desktop 4.38+): the nodes are containers labelled
//   `io.x-k8s.kind.cluster=desktop`. ECI does protect them when they are created while ECI is on,
//   so one running without it counts against the verdict; it is still Desktop's to re-create
//   (reset the cluster), never eci-tray's.

export type DesktopOwnedKind = 'kubernetes' | 'kubernetes-node' | 'extension';

export interface DesktopOwnership {
  kind: DesktopOwnedKind;
  /** One sentence: what it is, and why it runs without ECI. */
  why: string;
  /** True when ECI does not cover it by design, so it never makes the machine "unprotected". */
  outsideEciByDesign: boolean;
}

const KUBEADM_WHY = "A container of Docker Desktop's Kubernetes (kubeadm) cluster: ECI does not protect kubeadm Kubernetes, by design. Docker Desktop manages it.";
const EXTENSION_WHY = 'A Docker Extension container run by Docker Desktop: ECI does not protect Docker Extensions, by design. Manage it from Extensions in Docker Desktop.';
const KIND_NODE_WHY =
  "A node of Docker Desktop's Kubernetes (kind) cluster created while ECI was off: ECI protects kind nodes only when they are created with ECI on. Reset the cluster in Docker Desktop (Settings > Kubernetes) to re-create it under ECI.";

const EXTENSION_SUFFIX = '-desktop-extension';

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

/** What Docker Desktop container this is, or null for the user's own container. */
export function desktopOwnership(labels: Record<string, string> | null | undefined): DesktopOwnership | null {
  if (!labels) return null;
  const keys = Object.keys(labels);
  if (keys.some((k) => k.startsWith('io.kubernetes.'))) return { kind: 'kubernetes', why: KUBEADM_WHY, outsideEciByDesign: true };
  if (labels['com.docker.desktop.extension'] === 'true') return { kind: 'extension', why: EXTENSION_WHY, outsideEciByDesign: true };
  if (isExtensionProject(labels['com.docker.compose.project'] ?? '', labels['com.docker.compose.project.config_files'] ?? '')) {
    return { kind: 'extension', why: EXTENSION_WHY, outsideEciByDesign: true };
  }
  if (labels['io.x-k8s.kind.cluster'] === 'desktop') return { kind: 'kubernetes-node', why: KIND_NODE_WHY, outsideEciByDesign: false };
  return null;
}
