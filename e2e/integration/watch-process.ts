// Runs `eci-tray watch --json` as a real process and collects its states as they arrive.

import { spawn, type ChildProcess } from 'node:child_process';
import { CLI } from './helpers';

export interface SeenState {
  receivedAt: number;
  state: any;
}

export class WatchProcess {
  readonly states: SeenState[] = [];
  stderr = '';
  /** The same, each line with when it was read (ms since the watch started). */
  private stderrTimed = '';
  private readonly startedAt = Date.now();
  private readonly child: ChildProcess;
  private waiters: Array<() => void> = [];
  readonly exited: Promise<number | null>;

  constructor(args: string[], env: Record<string, string> = {}, prefix: string[] = []) {
    const command = prefix.length ? prefix[0]! : process.execPath;
    const argv = prefix.length
      ? [...prefix.slice(1), process.execPath, CLI, 'watch', '--json', ...args]
      : [CLI, 'watch', '--json', ...args];
    this.child = spawn(command, argv, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let buffer = '';
    this.child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (!line.trim()) continue;
        this.states.push({ receivedAt: Date.now(), state: JSON.parse(line) });
        for (const w of this.waiters.splice(0)) w();
      }
    });
    this.child.stderr!.on('data', (c: Buffer) => {
      this.stderr += c.toString();
      this.stderrTimed += c.toString().replace(/^(?=.)/gm, () => `+${Date.now() - this.startedAt} ms `);
    });
    this.exited = new Promise((resolve) =>
      this.child.on('exit', (code) => {
        for (const w of this.waiters.splice(0)) w();
        resolve(code);
      }),
    );
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get last(): any {
    return this.states[this.states.length - 1]?.state;
  }

  /** Waits for a state (arriving after index `from`) that satisfies `test`. */
  async waitFor(test: (state: any) => boolean, timeoutMs = 30_000, from = 0): Promise<SeenState> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.states.slice(from).find((s) => test(s.state));
      if (found) return found;
      if (this.child.exitCode !== null)
        throw new Error(`watch exited (${this.child.exitCode}) before the state came:\n${this.stderr}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching state within ${timeoutMs} ms; ${this.story()}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 1000));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** The states seen and what the watch logged, for a failing assertion's message. */
  story(): string {
    const states = this.states.map(
      ({ receivedAt, state: s }) =>
        `+${receivedAt - this.startedAt} ms #${s.seq} ${s.trigger} ${s.report.verdict} connected=${s.engine.connected} [${s.advice}]`,
    );
    return `states seen:\n${states.join('\n')}\nstderr:\n${this.stderrTimed}`;
  }

  async stop(signal: NodeJS.Signals = 'SIGINT'): Promise<number | null> {
    if (this.child.exitCode === null) this.child.kill(signal);
    return this.exited;
  }
}
