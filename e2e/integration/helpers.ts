// Shared helpers for lab integration tests: run the real CLI, talk to a lab engine directly.

import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';
import { REPO_ROOT } from '../lab/lab-paths';

export const CLI = join(REPO_ROOT, 'dist', 'bin', 'eci-tray.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export function runCli(args: string[], env: Record<string, string> = {}, timeoutMs = 120_000): Promise<CliResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

export async function checkJson(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; report: any; stderr: string; ms: number }> {
  const r = await runCli(['check', '--json', ...args], env);
  let report: unknown;
  try {
    report = JSON.parse(r.stdout);
  } catch {
    throw new Error(`check --json printed no JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  }
  return { code: r.code, report, stderr: r.stderr, ms: r.ms };
}

import { engineApi } from '../lab/engine-api';

export { engineApi };

/** Containers carrying the probe label, as the raw engine sees them. */
export async function probeContainers(engineHost: string): Promise<string[]> {
  const filters = encodeURIComponent(JSON.stringify({ label: ['com.eci-tray.probe'] }));
  const r = await engineApi(engineHost, 'GET', `/containers/json?all=1&filters=${filters}`);
  return (r.json as Array<{ Id: string }>).map((c) => c.Id);
}

/**
 * Creates (and optionally starts) a container on the lab engine with no network. Its stop
 * timeout is 1 s unless given: a lab relaunch stops running containers the way Docker Desktop does.
 */
export async function createContainer(
  engineHost: string,
  name: string,
  spec: Record<string, unknown>,
  start = true,
): Promise<string> {
  const hostConfig = { NetworkMode: 'none', ...((spec['HostConfig'] as object) ?? {}) };
  const r = await engineApi(engineHost, 'POST', `/containers/create?name=${encodeURIComponent(name)}`, {
    StopTimeout: 1,
    ...spec,
    HostConfig: hostConfig,
  });
  if (r.status !== 201) throw new Error(`create ${name}: ${r.status} ${JSON.stringify(r.json)}`);
  const id = r.json.Id as string;
  if (start) {
    const s = await engineApi(engineHost, 'POST', `/containers/${id}/start`);
    if (s.status >= 300) throw new Error(`start ${name}: ${s.status} ${JSON.stringify(s.json)}`);
  }
  return id;
}

export async function removeContainer(engineHost: string, id: string): Promise<void> {
  await engineApi(engineHost, 'DELETE', `/containers/${id}?force=1`);
}

/** Runs a command in a running container and returns its stdout (demultiplexed). */
export async function execIn(engineHost: string, id: string, cmd: string[]): Promise<string> {
  const created = await engineApi(engineHost, 'POST', `/containers/${id}/exec`, {
    Cmd: cmd,
    AttachStdout: true,
    AttachStderr: true,
  });
  if (created.status !== 201) throw new Error(`exec in ${id}: ${created.status} ${JSON.stringify(created.json)}`);
  const socketPath = engineHost.replace(/^unix:\/\//, '');
  const raw = await new Promise<Buffer>((resolve, reject) => {
    const body = Buffer.from(JSON.stringify({ Detach: false, Tty: false }));
    const req = request(
      {
        socketPath,
        method: 'POST',
        path: `/exec/${created.json.Id}/start`,
        headers: { 'Content-Type': 'application/json', 'Content-Length': body.length },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks)));
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error('exec timed out')));
    req.on('error', reject);
    req.end(body);
  });
  let out = '';
  for (let i = 0; i + 8 <= raw.length;) {
    const size = raw.readUInt32BE(i + 4);
    if (raw[i] === 1) out += raw.subarray(i + 8, i + 8 + size).toString();
    i += 8 + size;
  }
  return out;
}

export async function inspect(engineHost: string, idOrName: string): Promise<any> {
  const r = await engineApi(engineHost, 'GET', `/containers/${encodeURIComponent(idOrName)}/json`);
  return r.status === 200 ? r.json : null;
}
