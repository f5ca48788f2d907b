// What an audit says about one container created before ECI: enough to judge what removing it
// would lose, and to re-create it with the same configuration.

export interface PortBinding {
  /** "8080/tcp" */
  containerPort: string;
  hostIp: string;
  hostPort: string;
}

export interface VolumeMount {
  name: string;
  destination: string;
  readOnly: boolean;
}

export interface BindMount {
  source: string;
  destination: string;
  readOnly: boolean;
}

export interface ComposeInfo {
  project: string;
  service: string;
  workingDir: string | null;
  configFiles: string[];
}

export interface AuditedContainer {
  id: string;
  name: string;
  image: string;
  imageId: string;
  /** Whether the image it was created from still exists (re-creation from it is possible). */
  imageExists: boolean;
  state: string;
  created: string;
  runtime: string;
  restartPolicy: { name: string; maximumRetryCount: number };
  ports: PortBinding[];
  networks: string[];
  namedVolumes: VolumeMount[];
  anonymousVolumes: VolumeMount[];
  bindMounts: BindMount[];
  /** Bytes written to the container's own filesystem (its writable layer). */
  writableLayerBytes: number;
  compose: ComposeInfo | null;
}

export interface AuditGroup {
  /** Compose project, or null for containers outside Compose. */
  project: string | null;
  containers: AuditedContainer[];
}

/** A Docker Desktop container outside ECI (Kubernetes, Extensions): shown apart, no action. */
export interface UncoveredAuditedContainer extends AuditedContainer {
  kind: 'kubernetes' | 'kubernetes-node' | 'extension';
  why: string;
  outsideEciByDesign: boolean;
}

export interface Audit {
  auditedAt: string;
  containers: AuditedContainer[];
  groups: AuditGroup[];
  /** Docker Desktop's own containers outside ECI: never part of `containers`, never cleaned up. */
  uncovered: UncoveredAuditedContainer[];
  /** Engine API calls this audit made, by operation. */
  apiCalls: Record<string, number>;
}
