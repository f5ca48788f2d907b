import { describe, expect, it } from 'vitest';
import { SingleFlight } from './single-flight';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('SingleFlight', () => {
  it('never runs twice at once and coalesces requests during a run into one queued run', async () => {
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    const gates: Array<ReturnType<typeof deferred>> = [];
    const flight = new SingleFlight(async () => {
      active++;
      maxActive = Math.max(maxActive, active);
      const gate = deferred();
      gates.push(gate);
      await gate.promise;
      active--;
      return ++runs;
    });
    const a = flight.run();
    const b = flight.run();
    const c = flight.run();
    expect(b).toBe(c);
    gates[0]!.resolve();
    expect(await a).toBe(1);
    await new Promise((r) => setTimeout(r, 0));
    gates[1]!.resolve();
    expect(await b).toBe(2);
    expect(await c).toBe(2);
    expect(maxActive).toBe(1);
    expect(runs).toBe(2);
    await flight.idle();
    expect(flight.busy).toBe(false);
  });

  it('a failed run does not block the next', async () => {
    let n = 0;
    const flight = new SingleFlight(async () => {
      n++;
      if (n === 1) throw new Error('boom');
      return n;
    });
    await expect(flight.run()).rejects.toThrow('boom');
    expect(await flight.run()).toBe(2);
  });
});
