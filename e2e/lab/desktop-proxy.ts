// The Docker Desktop personality: a reverse proxy on its own unix socket in front of the lab
// engine. It reports Desktop's identity, keeps DefaultRuntime at runc (as Desktop does even with
// ECI on), and in ECI-on mode answers host-namespace sharing and non-allow-listed Docker socket
// mounts with Desktop's own error texts, at create or at start (`refuseAt`, desktop-refusals.ts).
// Desktop's socket path is mapped to the lab engine's socket. Everything else passes through
// untouched, streams and hijacked (upgraded) connections included.

import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { DesktopMoods } from './desktop-states';
import {
  mountsDockerSocket,
  refusalMoments,
  socketSourceFromEngine,
  socketSourceToEngine,
  withoutSocketMounts,
  type RefusalMoment,
} from './desktop-refusals';
import { handleCommitFault } from './commit-faults';
import { pipeUpgrade } from './upgrade-pipe';
import type { LabMode } from './lab-paths';
import { readBody } from './http-body';

export interface DesktopProxyOptions {
  listenSocket: string;
  engineSocket: string;
  mode: LabMode;
  /** Docker Desktop version to report, e.g. "4.37.1". */
  version: string;
  /** The kernel /info reports (e.g. WSL 2's "5.15.153.1-microsoft-standard-WSL2"); the engine's own when unset. */
  kernelVersion?: string;
  /** Admin socket-mount allow list, read when "Desktop" started. */
  socketMountAllowList: string[];
  /** Pre-ECI containers the lab gave `UsernsMode: host`; inspect shows their original "". */
  hideHostUserns?: string[];
  /** When ECI's refusals are given (both kinds); unset: namespaces at start, socket at create. */
  refuseAt?: RefusalMoment;
  /** Desktop's mood (running, paused, sleeping), switchable at runtime: see desktop-states.ts. */
  moodFile?: string;
  /** Every call received is appended here (tests and the benchmark count them). */
  requestLog?: string;
}

export const DESKTOP_ERRORS = {
  sharedNamespace: (ns: string) =>
    `failed to create shim task: OCI runtime create failed: error in the container spec: invalid or unsupported container spec: sysbox containers can't share namespaces [${ns}] with the host (because they use the linux user-namespace for isolation): unknown`,
  hostNetwork:
    "failed to create shim task: OCI runtime create failed: error in the container spec: invalid or unsupported container spec: sysbox containers can't share a network namespace with the host (because they use the linux user-namespace for isolation): unknown",
  socketMount: (image: string) =>
    `enhanced container isolation: docker socket mount denied for container with image "${image}"; image is not in the allowed list; if you wish to allow it, configure the docker socket image list in the Docker Desktop settings.`,
};

function apiPath(url: string | undefined): string {
  const path = (url ?? '/').split('?')[0] ?? '/';
  return path.replace(/^\/v\d+\.\d+(?=\/)/, '');
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** Normalised image name for allow-list matching (`alpine` → `docker.io/library/alpine:latest`). */
function normaliseImage(image: string): string {
  let ref = image.trim().toLowerCase();
  if (!ref.includes('@') && !/:[^/]+$/.test(ref)) ref += ':latest';
  const first = ref.split('/')[0] ?? '';
  if (!ref.includes('/') || !(first.includes('.') || first.includes(':') || first === 'localhost')) {
    ref = ref.includes('/') ? `docker.io/${ref}` : `docker.io/library/${ref}`;
  }
  return ref;
}

function allowListed(image: string, list: string[]): boolean {
  const wanted = normaliseImage(image);
  const nameOf = (ref: string) => normaliseImage(ref).replace(/[:@][^/]*$/, '');
  return list.some((pattern) => {
    if (pattern === '*') return true;
    if (pattern.endsWith(':*')) return nameOf(image) === nameOf(pattern.slice(0, -2));
    return normaliseImage(pattern) === wanted;
  });
}

export function createDesktopProxy(options: DesktopProxyOptions): Server {
  const moments = refusalMoments(options.refuseAt);
  // Containers Desktop refuses only at start (sysbox-runc's namespace check, or the socket mount).
  const refuseAtStart = new Map<string, { status: number; message: string; autoRemove: boolean }>();
  // Hijacked attach connections by container id, so a refused start can end them as the
  // engine would for a container that failed to start.
  const attached = new Map<string, Set<Socket>>();
  const matching = <T>(map: Map<string, T>, id: string) =>
    [...map.entries()].filter(([full]) => full === id || full.startsWith(id));

  const forward = (
    req: IncomingMessage,
    res: ServerResponse,
    body?: Buffer,
    rewrite?: (json: Record<string, unknown>) => void,
    onCreated?: (json: Record<string, unknown>) => void,
  ) => {
    const headers = { ...req.headers };
    if (body) headers['content-length'] = String(body.length);
    const upstream = request(
      { socketPath: options.engineSocket, method: req.method, path: req.url, headers },
      (ures) => {
        if (!rewrite && !onCreated) {
          res.writeHead(ures.statusCode ?? 502, ures.headers);
          // Long polls (container wait) send headers long before the body; clients wait for them.
          res.flushHeaders();
          ures.pipe(res);
          // An engine that stops mid-stream (an event stream during a menu restart): the stream
          // ends here too, as the engine's own socket would end it.
          ures.on('close', () => {
            if (!res.writableEnded) res.end();
          });
          return;
        }
        readBody(ures).then(
          (raw) => {
            let out = raw;
            if ((ures.statusCode ?? 500) < 300) {
              try {
                const json = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
                rewrite?.(json);
                onCreated?.(json);
                out = Buffer.from(JSON.stringify(json));
              } catch {
                // Not JSON: pass it on as it came.
              }
            }
            const h = { ...ures.headers, 'content-length': String(out.length) };
            delete h['transfer-encoding'];
            res.writeHead(ures.statusCode ?? 502, h);
            res.end(out);
          },
          () => res.destroy(),
        );
      },
    );
    upstream.on('error', (err) => {
      if (!res.headersSent) sendJson(res, 502, { message: `lab proxy: engine unavailable (${err.message})` });
      else res.destroy();
    });
    res.on('close', () => upstream.destroy());
    if (body) upstream.end(body);
    else req.pipe(upstream);
  };

  const moods = new DesktopMoods({
    ...(options.moodFile ? { moodFile: options.moodFile } : {}),
    ...(options.requestLog ? { requestLog: options.requestLog } : {}),
  });
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    // Commits that lose the container's files, when the lab switches it on (commit-faults.ts).
    if (handleCommitFault(req, res, options.engineSocket, options.listenSocket)) return;
    const path = apiPath(req.url);
    const method = req.method ?? 'GET';
    if (method === 'GET' && path === '/version') {
      return forward(req, res, undefined, (v) => {
        // A version given with its build ("4.0.0 ()", the WSL placeholder) is reported as given.
        v['Platform'] = {
          Name: options.version.includes('(')
            ? `Docker Desktop ${options.version}`
            : `Docker Desktop ${options.version} (${labBuild(options.version)})`,
        };
      });
    }
    if (method === 'GET' && path === '/info') {
      return forward(req, res, undefined, (info) => {
        info['OperatingSystem'] = 'Docker Desktop';
        if (options.kernelVersion) info['KernelVersion'] = options.kernelVersion;
        info['Name'] = 'docker-desktop';
        info['DefaultRuntime'] = 'runc';
      });
    }
    if (method === 'POST' && path === '/containers/create') {
      return void readBody(req).then(
        (raw) => {
          let spec: Record<string, unknown>;
          try {
            spec = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
          } catch {
            return forward(req, res, raw);
          }
          const hostConfig = (spec['HostConfig'] ?? {}) as Record<string, unknown>;
          spec['HostConfig'] = hostConfig;
          const image = typeof spec['Image'] === 'string' ? spec['Image'] : '';
          const refusals: Array<{ at: RefusalMoment; status: number; message: string }> = [];
          if (options.mode === 'on') {
            if (mountsDockerSocket(hostConfig) && !allowListed(image, options.socketMountAllowList)) {
              refusals.push({
                at: moments.socketMount,
                status: 403,
                message: DESKTOP_ERRORS.socketMount(normaliseImage(image)),
              });
              // Refused at start: the container is stored without the mount it will never get.
              if (moments.socketMount === 'start') withoutSocketMounts(hostConfig);
            }
            const shared = (['PidMode', 'IpcMode', 'UTSMode'] as const).filter((k) => hostConfig[k] === 'host');
            const hostNet = hostConfig['NetworkMode'] === 'host';
            if (shared.length > 0 || hostNet) {
              const message = hostNet
                ? DESKTOP_ERRORS.hostNetwork
                : DESKTOP_ERRORS.sharedNamespace(shared.map((k) => k.replace('Mode', '').toLowerCase()).join(', '));
              refusals.push({ at: moments.namespaces, status: 500, message });
              // The engine itself would refuse these at create with its own words: a container
              // Desktop refuses only at start is stored as a plain one.
              for (const k of shared) delete hostConfig[k];
              if (hostNet) hostConfig['NetworkMode'] = 'none';
            }
          }
          const atCreate = refusals.find((r) => r.at === 'create');
          if (atCreate) return sendJson(res, atCreate.status, { message: atCreate.message });
          socketSourceToEngine(hostConfig, options.engineSocket);
          const atStart = refusals[0];
          const autoRemove = hostConfig['AutoRemove'] === true;
          return forward(req, res, Buffer.from(JSON.stringify(spec)), undefined, (created) => {
            if (atStart && typeof created['Id'] === 'string')
              refuseAtStart.set(created['Id'], { status: atStart.status, message: atStart.message, autoRemove });
          });
        },
        () => res.destroy(),
      );
    }
    const inspected = /^\/containers\/([^/]+)\/json$/.exec(path);
    if (inspected && method === 'GET') {
      return forward(req, res, undefined, (info) => {
        socketSourceFromEngine(info, options.engineSocket);
        if (!options.hideHostUserns?.length) return;
        const hc = info['HostConfig'] as Record<string, unknown> | undefined;
        if (hc && hc['UsernsMode'] === 'host' && options.hideHostUserns!.includes(String(info['Id'])))
          hc['UsernsMode'] = '';
      });
    }
    const start = /^\/containers\/([^/]+)\/start$/.exec(path);
    if (start && method === 'POST' && refuseAtStart.size > 0) {
      const id = decodeURIComponent(start[1] ?? '');
      const refusal = matching(refuseAtStart, id)[0];
      if (refusal) {
        const [full, { status, message, autoRemove }] = refusal;
        sendJson(res, status, { message });
        // A container that fails to start ends its attach streams, and --rm removes it.
        for (const [, sockets] of matching(attached, full)) for (const s of sockets) s.destroy();
        if (autoRemove) {
          refuseAtStart.delete(full);
          request({ socketPath: options.engineSocket, method: 'DELETE', path: `/containers/${full}?force=1` })
            .on('error', () => undefined)
            .end();
        }
        return;
      }
    }
    const del = /^\/containers\/([^/]+)$/.exec(path);
    if (del && method === 'DELETE') {
      const id = decodeURIComponent(del[1] ?? '');
      for (const full of refuseAtStart.keys()) if (full === id || full.startsWith(id)) refuseAtStart.delete(full);
    }
    return forward(req, res);
  };
  // A paused Desktop answers for the engine; a sleeping one holds the call while it wakes.
  const server = createServer((req, res) => {
    moods.admit(req, res).then(
      (answered) => answered || handle(req, res),
      () => res.destroy(),
    );
  });

  server.on('close', () => moods.close());

  // Hijacked connections (attach, exec start with `Upgrade: tcp`): a raw two-way tunnel.
  server.on('upgrade', (req: IncomingMessage, client: Socket, head: Buffer) => {
    moods.admitUpgrade(req, client).then(
      (answered) => answered || upgrade(req, client, head),
      () => client.destroy(),
    );
  });
  const upgrade = (req: IncomingMessage, client: Socket, head: Buffer) => {
    const attachId = /^\/containers\/([^/]+)\/attach$/.exec(apiPath(req.url))?.[1];
    if (attachId) {
      const set = attached.get(attachId) ?? new Set<Socket>();
      set.add(client);
      attached.set(attachId, set);
      client.on('close', () => {
        set.delete(client);
        if (set.size === 0) attached.delete(attachId);
      });
    }
    pipeUpgrade(options.engineSocket, req, client, head);
  };
  return server;
}

/** A stable, plausible build number per version (Desktop prints one in parentheses). */
export function labBuild(version: string): number {
  return 100000 + ([...version].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 90000, 7) % 90000);
}
