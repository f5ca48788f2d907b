import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { EngineClient } from './engine-client';

describe('EngineClient', () => {
  it('keeps its connection pool cheap to format, as docker-modem formats it on every request', () => {
    const client = new EngineClient({ connection: { socketPath: '/nonexistent/docker.sock' } });
    try {
      const modem = client.docker.modem as unknown as { agent?: unknown };
      expect(modem.agent).toBeDefined();
      // What docker-modem's buildRequest passes to its debug log for every call, log on or off.
      const text = inspect({ method: 'GET', path: '/_ping', agent: modem.agent }, { showHidden: true, depth: null });
      expect(text.length).toBeLessThan(200);
      expect(text).toContain('[Agent]');
    } finally {
      client.close();
    }
  });
});
