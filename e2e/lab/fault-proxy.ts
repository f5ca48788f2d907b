// A proxy in front of an engine socket that misbehaves on purpose, for fault tests: it delays or
// stalls answers, truncates JSON bodies, answers with the wrong content type, or with HTTP 500,
// on the requests a rule matches. Everything else passes through (streams and upgrades included).

import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { pipeUpgrade } from './upgrade-pipe';
import { rmSync } from 'node:fs';

export type Fault =
  | { kind: 'delay'; ms: number }
  | { kind: 'stall' }
  | { kind: 'truncate' }
  | { kind: 'html' }
  | { kind: 'status'; status: number; body?: string };

export interface FaultRule {
  method?: string;
  /** Matched against the path without the API version prefix, e.g. /containers/create. */
  path: RegExp;
  fault: Fault;
  /** Apply to this many matching requests, then stop (default: all). */
  times?: number;
  /** Let this many matching requests pass first (default: none): fails the (skip + 1)-th. */
  skip?: number;
}

export class FaultProxy {
  private server: Server | null = null;
  private rules: FaultRule[] = [];
  private readonly open = new Set<Socket>();
  /** Requests seen, by "METHOD path". */
  readonly seen: string[] = [];
  /** The same with their query strings ("METHOD path?query"). */
  readonly seenUrls: string[] = [];
  /** Every container create that passed: the spec sent, and the id the engine gave it. */
  readonly creates: Array<{ name: string | null; spec: Record<string, unknown>; id: string | null }> = [];

  constructor(
    readonly socketPath: string,
    private readonly upstream: string,
  ) {}

  get url(): string {
    return `unix://${this.socketPath}`;
  }

  setRules(rules: FaultRule[]): void {
    this.rules = rules.map((r) => ({ ...r }));
  }

  private match(req: IncomingMessage): Fault | null {
    const path = (req.url ?? '/').split('?')[0]!.replace(/^\/v\d+\.\d+(?=\/)/, '');
    for (const rule of this.rules) {
      if (rule.method && rule.method !== req.method) continue;
      if (!rule.path.test(path)) continue;
      if (rule.skip !== undefined && rule.skip > 0) {
        rule.skip--;
        continue;
      }
      if (rule.times !== undefined) {
        if (rule.times <= 0) continue;
        rule.times--;
      }
      return rule.fault;
    }
    return null;
  }

  private pass(
    req: IncomingMessage,
    res: ServerResponse,
    alter?: (body: Buffer, headers: Record<string, unknown>) => { body: Buffer; headers: Record<string, unknown> },
  ): void {
    const path = (req.url ?? '/').split('?')[0]!.replace(/^\/v\d+\.\d+(?=\/)/, '');
    if (req.method === 'POST' && path === '/containers/create' && !alter) return this.recordCreate(req, res);
    const up = request(
      { socketPath: this.upstream, method: req.method, path: req.url, headers: req.headers },
      (ures) => {
        if (!alter) {
          res.writeHead(ures.statusCode ?? 502, ures.headers);
          res.flushHeaders();
          ures.pipe(res);
          return;
        }
        const chunks: Buffer[] = [];
        ures.on('data', (c: Buffer) => chunks.push(c));
        ures.on('end', () => {
          const out = alter(Buffer.concat(chunks), { ...ures.headers });
          delete out.headers['transfer-encoding'];
          out.headers['content-length'] = String(out.body.length);
          res.writeHead(ures.statusCode ?? 502, out.headers as Record<string, string>);
          res.end(out.body);
        });
      },
    );
    up.on('error', () => res.destroy());
    res.on('close', () => up.destroy());
    req.pipe(up);
  }

  /** Forwards a container create, recording its spec and the id it got. */
  private recordCreate(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const record: { name: string | null; spec: Record<string, unknown>; id: string | null } = {
        name: new URL(req.url ?? '/', 'http://x').searchParams.get('name'),
        spec: body.length ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : {},
        id: null,
      };
      this.creates.push(record);
      const up = request(
        {
          socketPath: this.upstream,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, 'content-length': String(body.length) },
        },
        (ures) => {
          const out: Buffer[] = [];
          ures.on('data', (c: Buffer) => out.push(c));
          ures.on('end', () => {
            const answer = Buffer.concat(out);
            try {
              record.id = (JSON.parse(answer.toString('utf8')) as { Id?: string }).Id ?? null;
            } catch {
              record.id = null;
            }
            const headers = { ...ures.headers, 'content-length': String(answer.length) };
            delete headers['transfer-encoding'];
            res.writeHead(ures.statusCode ?? 502, headers);
            res.end(answer);
          });
        },
      );
      up.on('error', () => res.destroy());
      up.end(body);
    });
  }

  async start(): Promise<void> {
    rmSync(this.socketPath, { force: true });
    this.server = createServer((req, res) => {
      this.seen.push(`${req.method} ${(req.url ?? '').split('?')[0]}`);
      this.seenUrls.push(`${req.method} ${req.url ?? ''}`);
      const fault = this.match(req);
      if (!fault) return this.pass(req, res);
      switch (fault.kind) {
        case 'delay':
          return void setTimeout(() => this.pass(req, res), fault.ms);
        case 'stall':
          return; // never answer; the client must give up by itself
        case 'truncate':
          return this.pass(req, res, (body, headers) => ({
            body: body.subarray(0, Math.max(1, Math.floor(body.length / 2))),
            headers,
          }));
        case 'html':
          return this.pass(req, res, (_body, headers) => ({
            body: Buffer.from('<html><body>Bad Gateway</body></html>'),
            headers: { ...headers, 'content-type': 'text/html' },
          }));
        case 'status': {
          const body = fault.body ?? '{"message":"injected failure"}';
          res.writeHead(fault.status, {
            'Content-Type': 'application/json',
            'Content-Length': Buffer.byteLength(body),
          });
          return void res.end(body);
        }
      }
    });
    this.server.on('connection', (s: Socket) => {
      this.open.add(s);
      s.on('close', () => this.open.delete(s));
    });
    this.server.on('upgrade', (req: IncomingMessage, client: Socket, head: Buffer) => {
      pipeUpgrade(this.upstream, req, client, head);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.socketPath, resolve));
  }

  async stop(): Promise<void> {
    for (const s of this.open) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    rmSync(this.socketPath, { force: true });
  }
}
