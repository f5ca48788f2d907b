// Lab switch: a Docker Desktop whose commits silently lose the container's files. With a remapped
// (userns) engine a user saw `docker commit` give a 0-byte layer while reporting success; the
// lab plays that on demand: while `<lab root>/commit-fault` holds "empty", every POST /commit is
// answered by committing a pristine, never-started container of the same image instead (same
// repo, tag, comment and changes), so the image exists, has the right labels, and holds none of
// the container's own files. The product must notice before it removes anything.

import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { engineApi } from './engine-api';

export type CommitFault = 'empty';

/** The switch file of the lab whose Desktop socket is `desktopSocket`. */
export function commitFaultFile(desktopSocket: string): string {
  return join(dirname(desktopSocket), 'commit-fault');
}

/** Turns the fault on (or off with null) for a running lab; read by the proxy on every commit. */
export function setCommitFault(desktopSocket: string, fault: CommitFault | null): void {
  const file = commitFaultFile(desktopSocket);
  if (fault) writeFileSync(file, fault);
  else rmSync(file, { force: true });
}

/** Handles the request when it is a commit and the fault is on; returns whether it did. */
export function handleCommitFault(
  req: IncomingMessage,
  res: ServerResponse,
  engineSocket: string,
  desktopSocket: string,
): boolean {
  const url = new URL(req.url ?? '/', 'http://lab');
  if (req.method !== 'POST' || !/^(\/v\d+\.\d+)?\/commit$/.test(url.pathname)) return false;
  const file = commitFaultFile(desktopSocket);
  if (!existsSync(file) || readFileSync(file, 'utf8').trim() !== 'empty') return false;
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    void (async () => {
      const container = url.searchParams.get('container') ?? '';
      const info = await engineApi(engineSocket, 'GET', `/containers/${encodeURIComponent(container)}/json`);
      if (info.status !== 200) return answer(res, info.status, info.json);
      const pristine = await engineApi(engineSocket, 'POST', '/containers/create', {
        Image: info.json.Image,
        Entrypoint: ['/lab-pristine-never-started'],
        Labels: { 'com.eci-tray.lab.commit-fault': '1' },
        HostConfig: { NetworkMode: 'none' },
      });
      if (pristine.status !== 201)
        return answer(res, 500, { message: `lab commit fault: ${JSON.stringify(pristine.json)}` });
      try {
        url.searchParams.set('container', pristine.json.Id);
        const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') : undefined;
        const committed = await engineApi(
          engineSocket,
          'POST',
          `${url.pathname}?${url.searchParams.toString()}`,
          body ?? undefined,
        );
        answer(res, committed.status, committed.json);
      } finally {
        await engineApi(engineSocket, 'DELETE', `/containers/${pristine.json.Id}?force=1&v=1`);
      }
    })().catch((err: Error) => answer(res, 500, { message: `lab commit fault: ${err.message}` }));
  });
  return true;
}

function answer(res: ServerResponse, status: number, json: unknown): void {
  const text = JSON.stringify(json);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
