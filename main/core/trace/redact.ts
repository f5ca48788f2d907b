// What a trace keeps of an engine's answer: an allow-list, never a deny-list. The answer's shape
// stays (keys of the Engine API, value types, array lengths); a string is kept only where it is a
// fact about the engine or Docker Desktop that a verdict rests on (versions, OS, runtime names,
// namespace modes, Desktop's error texts, a uid_map line); every other string and every key that
// is not a field of the API becomes a stand-in (Pseudonyms). Numbers and booleans are kept: the
// engine makes them (sizes, times, counts, exit codes), the user does not write them.

import { isDesktopPausedText } from '../engine/engine-errors';
import { isMissingEntrypoint, isNamespaceRefusal, isSocketMountRefusal } from '../verify/evidence';
import { PROBE_LABEL, PROBE_OWNER_LABEL, PROBE_RUN_LABEL } from '../verify/probe-containers';
import type { Pseudonyms } from './pseudonyms';

/** Field names of the Engine API answers the product reads (version, info, containers, images, errors, events). */
const API_KEYS = new Set(
  (
    'Platform Name Components Version Details ApiVersion MinAPIVersion GitCommit GoVersion Os Arch KernelVersion Experimental BuildTime ' +
    'ID Containers ContainersRunning ContainersPaused ContainersStopped Images Driver DriverStatus Plugins Volume Network Authorization Log ' +
    'MemoryLimit SwapLimit KernelMemoryTCP CpuCfsPeriod CpuCfsQuota CPUShares CPUSet PidsLimit IPv4Forwarding BridgeNfIptables BridgeNfIp6tables ' +
    'Debug NFd OomKillDisable NGoroutines SystemTime LoggingDriver CgroupDriver CgroupVersion NEventsListener OperatingSystem OSVersion OSType ' +
    'Architecture IndexServerAddress RegistryConfig NCPU MemTotal GenericResources DockerRootDir HttpProxy HttpsProxy NoProxy Labels ' +
    'ExperimentalBuild ServerVersion Runtimes DefaultRuntime Swarm LiveRestoreEnabled Isolation InitBinary ContainerdCommit RuncCommit InitCommit ' +
    'Expected SecurityOptions ProductLicense DefaultAddressPools Warnings CDISpecDirs Containerd Address Namespaces path runtimeArgs status ' +
    'NodeID NodeAddr LocalNodeState ControlAvailable Error RemoteManagers ' +
    'Id Names Image ImageID ImageManifestDescriptor Command Created Ports SizeRw SizeRootFs State Status HostConfig NetworkMode Annotations ' +
    'NetworkSettings Networks Mounts Type Source Destination Mode RW Propagation ' +
    'Path Args Running Paused Restarting OOMKilled Dead Pid ExitCode StartedAt FinishedAt Health ResolvConfPath HostnamePath HostsPath LogPath ' +
    'RestartCount MountLabel ProcessLabel AppArmorProfile ExecIDs GraphDriver Data Config Hostname Domainname User AttachStdin AttachStdout ' +
    'AttachStderr Tty OpenStdin StdinOnce Env Cmd Entrypoint WorkingDir OnBuild StopSignal StopTimeout ExposedPorts Volumes NetworkDisabled ' +
    'Binds ContainerIDFile LogConfig PortBindings RestartPolicy AutoRemove VolumeDriver VolumesFrom ConsoleSize CapAdd CapDrop CgroupnsMode Dns ' +
    'DnsOptions DnsSearch ExtraHosts GroupAdd IpcMode Cgroup Links OomScoreAdj PidMode Privileged PublishAllPorts ReadonlyRootfs SecurityOpt ' +
    'UTSMode UsernsMode ShmSize Runtime Memory NanoCpus CgroupParent Devices MaskedPaths ReadonlyPaths Init ' +
    'RepoTags RepoDigests Parent Comment DockerVersion Author Size VirtualSize RootFS Layers Metadata LastTagTime ' +
    'message Action Actor Attributes scope time timeNano StatusCode'
  ).split(' '),
);

/** Where a string value is kept as it is (`[]` an array element). */
const SAFE_STRINGS = new Set([
  'Platform.Name',
  'Version',
  'ApiVersion',
  'MinAPIVersion',
  'GoVersion',
  'Os',
  'Arch',
  'KernelVersion',
  'Components[].Name',
  'Components[].Version',
  'OperatingSystem',
  'OSVersion',
  'OSType',
  'Architecture',
  'ServerVersion',
  'DefaultRuntime',
  'Driver',
  'CgroupDriver',
  'CgroupVersion',
  'Isolation',
  'LoggingDriver',
  'SecurityOptions[]',
  '[].State',
  '[].Status',
  'State.Status',
  'HostConfig.Runtime',
  'Type',
  'Action',
]);

/** Namespace and network modes: kept only when they are one of these words (not another container's id, not a network's name). */
const MODE_KEYS = new Set(['PidMode', 'IpcMode', 'UTSMode', 'UsernsMode', 'CgroupnsMode', 'NetworkMode']);
const MODE_WORDS = new Set(['', 'host', 'private', 'shareable', 'none', 'bridge', 'default']);

/** Times the engine gives (RFC 3339): when a container was created, started, stopped. */
const TIME_KEYS = new Set(['Created', 'StartedAt', 'FinishedAt', 'SystemTime']);
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** Labels whose name is kept (Docker Desktop's own, Kubernetes', ours); only some keep their value. */
const LABEL_KEYS = new Set([
  PROBE_LABEL,
  PROBE_OWNER_LABEL,
  PROBE_RUN_LABEL,
  'com.docker.desktop.extension',
  'com.docker.compose.project',
  'com.docker.compose.project.config_files',
  'io.x-k8s.kind.cluster',
  'io.kubernetes.pod.name',
  'io.kubernetes.pod.namespace',
  'io.kubernetes.pod.uid',
  'io.kubernetes.container.name',
  'io.kubernetes.docker.type',
  'io.kubernetes.sandbox.id',
]);
const LABEL_VALUES = new Set([PROBE_LABEL, 'com.docker.desktop.extension', 'io.x-k8s.kind.cluster']);

/** A JSON answer of the engine, redacted. `at` names where the value sits (for the allow-list). */
export function redactJson(value: unknown, names: Pseudonyms, at = ''): unknown {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') return redactString(value, names, at);
  if (Array.isArray(value)) return value.map((v) => redactJson(v, names, `${at}[]`));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    const last = at.split('.').pop() ?? '';
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (last === 'Labels' || last === 'Attributes') {
        // Free-form maps: the user names the keys.
        const keep = LABEL_KEYS.has(k);
        out[keep ? k : names.key(k)] =
          keep && LABEL_VALUES.has(k) && typeof v === 'string' && /^[a-z0-9.-]{0,40}$/i.test(v)
            ? v
            : redactJson(v, names, '?');
      } else if (last === 'Runtimes' && /^[a-z0-9][a-z0-9._-]{0,63}$/i.test(k)) {
        out[k] = redactJson(v, names, 'Runtimes.*');
      } else if (API_KEYS.has(k)) {
        out[k] = redactJson(v, names, at ? `${at}.${k}` : k);
      } else {
        out[names.key(k)] = redactJson(v, names, '?');
      }
    }
    return out;
  }
  return null;
}

function redactString(value: string, names: Pseudonyms, at: string): string {
  if (SAFE_STRINGS.has(at) && value.length <= 200 && !/[\n\r]/.test(value)) return value;
  const key = at.split('.').pop()?.replace(/\[\]$/, '') ?? '';
  if (MODE_KEYS.has(key) && MODE_WORDS.has(value)) return value;
  if (TIME_KEYS.has(key) && TIMESTAMP.test(value)) return value;
  if (key === 'message' || key === 'Error') return engineMessage(value, names);
  return names.value(value);
}

/**
 * An error text of the engine or of Docker Desktop: kept when it is one the verdict reads
 * (ECI's refusals, Desktop's pause, the probe's missing entrypoint, "No such ..."), with the
 * names in it replaced; any other text is a stand-in.
 */
export function engineMessage(text: string, names: Pseudonyms): string {
  if (text.length > 2000) return names.value(text);
  if (isSocketMountRefusal(text)) return text.replace(/"[^"]*"/g, (q) => `"${names.value(q.slice(1, -1))}"`);
  if (isNamespaceRefusal(text) || isDesktopPausedText(text) || isMissingEntrypoint(text)) return text;
  const noSuch = /^(No such (?:container|image)): (.+)$/.exec(text);
  if (noSuch) return `${noSuch[1]}: ${names.value(noSuch[2] ?? '')}`;
  return names.value(text);
}

/** A uid_map line (`0 100000 65536`): the one output of a probe a verdict reads. */
const UID_MAP_LINE = /^\s*\d+\s+\d+\s+\d+\s*$/;

/** A container's output: uid_map lines kept, every other line a stand-in. */
export function redactOutput(text: string, names: Pseudonyms): string {
  return text
    .split('\n')
    .map((line) => (line === '' || UID_MAP_LINE.test(line) ? line : names.value(line)))
    .join('\n');
}

/** One engine event: its type, action (without the command an exec action carries) and time. */
export function redactEvent(event: unknown): { Type: string; Action: string; time: number } {
  const e = (event ?? {}) as { Type?: unknown; Action?: unknown; time?: unknown };
  const word = (v: unknown) => (typeof v === 'string' && /^[a-z_]{1,40}$/.test(v) ? v : '?');
  const action = typeof e.Action === 'string' ? (e.Action.split(':')[0] ?? '') : '';
  return { Type: word(e.Type), Action: word(action), time: typeof e.time === 'number' ? e.time : 0 };
}
