// Every admin-settings.json key Docker documents, with the shape each must have. The validator
// walks a file against this table; a key not in it is reported as unknown (with a "did you mean").
//
// Source, read on 2026-12-01 from github.com/docker/docs (the pages published at docs.docker.com):
// - https://docs.docker.com/enterprise/security/hardened-desktop/settings-management/configure-json-file/
//   (content/manuals/enterprise/security/hardened-desktop/settings-management/configure-json-file.md,
//   commit 042d9a959f4e7e8f76d534002af30284cc1ab21f): the tables "admin-settings.json configurations"
//   and the example file;
// - https://docs.docker.com/enterprise/security/hardened-desktop/settings-management/settings-reference/
//   (settings-reference.md, commit 1577a57bd39b898d8a7de341205f00bc11600648): types ("Format") and
//   accepted values, and `enableCloud`, which only that page names;
// - https://docs.docker.com/enterprise/security/hardened-desktop/enhanced-container-isolation/config/
//   (config.md, commit 32ff57182183dc97bfe05301cd28b144344dab76): the ECI section in depth.
// docs/POLICY.md says how to refresh this table.

export const DOCS_SOURCE = {
  configureJsonFile:
    'https://docs.docker.com/enterprise/security/hardened-desktop/settings-management/configure-json-file/',
  settingsReference:
    'https://docs.docker.com/enterprise/security/hardened-desktop/settings-management/settings-reference/',
  eciConfig: 'https://docs.docker.com/enterprise/security/hardened-desktop/enhanced-container-isolation/config/',
  readOn: '2026-12-01',
  docsCommit: '042d9a959f4e7e8f76d534002af30284cc1ab21f',
} as const;

/** The JSON type a field must have. `exclude` is a list in the docs' example and a string in its table. */
export type FieldType =
  | { type: 'boolean' }
  | { type: 'integer'; min?: number; max?: number }
  | { type: 'string'; oneOf?: readonly string[]; check?: 'cidr' | 'json-object' }
  | { type: 'string-or-string-array' };

export type SettingShape =
  /** `{ "locked": bool, "value": <type> }`. */
  | { kind: 'value'; value: FieldType }
  /** An object with `locked` and named fields (proxy, containersProxy, kubernetes, scout). */
  | { kind: 'fields'; fields: Readonly<Record<string, FieldType>> }
  /** A folder of value settings (linuxVM, windowsContainers); each child has its own `locked`. */
  | { kind: 'group'; children: Readonly<Record<string, SettingShape>> }
  /** `configurationFileVersion`: a bare integer. */
  | { kind: 'version' }
  /** `filesharingAllowedDirectories`: `[{ "path": string, "sharedByDefault": bool }]`. */
  | { kind: 'directories' }
  /** `enhancedContainerIsolation`: checked in depth by eci-section.ts. */
  | { kind: 'eci' }
  /** A key Docker's pages spell differently (`disputedBy` is the other spelling): Desktop may read either. */
  | { kind: 'disputed'; value: FieldType; disputedBy: string };

const bool: FieldType = { type: 'boolean' };
const str: FieldType = { type: 'string' };
const value = (v: FieldType): SettingShape => ({ kind: 'value', value: v });
const flag = value(bool);

/** The documented value of `configurationFileVersion` (every example in the docs uses 2). */
export const CONFIGURATION_FILE_VERSION = 2;

const PROXY_FIELDS = {
  mode: { type: 'string', oneOf: ['system', 'manual'] },
  http: str,
  https: str,
  exclude: { type: 'string-or-string-array' },
  pac: str,
  embeddedPac: str,
} as const;

export const DOCUMENTED_SETTINGS: Readonly<Record<string, SettingShape>> = {
  configurationFileVersion: { kind: 'version' },
  // General
  analyticsEnabled: flag,
  disableUpdate: flag,
  blockDockerLoad: flag,
  displayedOnboarding: flag,
  desktopTerminalEnabled: flag,
  exposeDockerAPIOnTCP2375: flag,
  silentModulesUpdate: flag,
  // Extensions
  extensionsEnabled: flag,
  onlyMarketplaceExtensions: flag,
  extensionsPrivateMarketplace: flag,
  extensionsPrivateMarketplaceAdminContactURL: value(str),
  // File sharing and emulation
  filesharingAllowedDirectories: { kind: 'directories' },
  useVirtualizationFrameworkVirtioFS: flag,
  useGrpcfuse: flag,
  useVirtualizationFrameworkRosetta: flag,
  // Docker Scout
  scout: { kind: 'fields', fields: { sbomIndexing: bool, useBackgroundIndexing: bool } },
  // Proxies
  proxy: {
    kind: 'fields',
    fields: { ...PROXY_FIELDS, windowsDockerdPort: { type: 'integer', min: -1, max: 65535 }, enableKerberosNtlm: bool },
  },
  containersProxy: { kind: 'fields', fields: { ...PROXY_FIELDS, transparentPorts: str } },
  // Linux VM and Windows containers
  linuxVM: {
    kind: 'group',
    children: {
      wslEngineEnabled: flag,
      dockerDaemonOptions: value({ type: 'string', check: 'json-object' }),
      vpnkitCIDR: value({ type: 'string', check: 'cidr' }),
    },
  },
  windowsContainers: {
    kind: 'group',
    children: { dockerDaemonOptions: value({ type: 'string', check: 'json-object' }) },
  },
  // Kubernetes
  kubernetes: { kind: 'fields', fields: { enabled: bool, showSystemContainers: bool, imagesRepository: str } },
  // The settings reference ("Custom Kubernetes image repository") names this top-level key; the
  // JSON file page has `kubernetes.imagesRepository` instead: which one Desktop reads is unknown.
  KubernetesImagesRepository: { kind: 'disputed', value: str, disputedBy: 'kubernetes.imagesRepository' },
  // Networking
  defaultNetworkingMode: value({ type: 'string', oneOf: ['dual-stack', 'ipv4only', 'ipv6only'] }),
  dnsInhibition: value({ type: 'string', oneOf: ['auto', 'ipv4', 'ipv6', 'none'] }),
  portBindingBehavior: value({
    type: 'string',
    oneOf: ['default-port-binding', 'default-local-port-binding', 'local-only-port-binding'],
  }),
  // AI
  enableInference: flag,
  enableInferenceTCP: flag,
  enableInferenceTCPPort: value({ type: 'integer', min: 1, max: 65535 }),
  enableInferenceCORS: value(str),
  enableInferenceGPUVariant: flag,
  // Beta features
  allowBetaFeatures: flag,
  enableDockerAI: flag,
  enableDockerMCPToolkit: flag,
  allowExperimentalFeatures: flag,
  enableCloud: flag,
  // Enhanced Container Isolation
  enhancedContainerIsolation: { kind: 'eci' },
};

/** The keys inside `enhancedContainerIsolation` and below, as config.md documents them. */
export const ECI_KEYS = {
  section: ['locked', 'value', 'dockerSocketMount'],
  dockerSocketMount: ['imageList', 'commandList'],
  imageList: ['images', 'allowDerivedImages'],
  commandList: ['type', 'commands'],
} as const;
