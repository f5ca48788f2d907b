import { describe, expect, it } from 'vitest';
import {
  classifyEngineError,
  EngineError,
  isDesktopPaused,
  isDesktopPausedText,
  type EngineErrorKind,
} from './engine-errors';

// What Docker Desktop answers while paused by hand, as users have pasted it from the docker CLI
// ("Error response from daemon: " is the CLI's prefix; the rest is the engine's message).
const PAUSED = 'Docker Desktop is manually paused. Unpause it through the Whale menu or Dashboard.';

/** An error as docker-modem raises it for an HTTP error status. */
const modemError = (
  statusCode: number,
  json: unknown,
  message = `(HTTP code ${statusCode}) unexpected - ${typeof json === 'string' ? json : ''} `,
) => Object.assign(new Error(message), { statusCode, json });

describe('recognising a paused Docker Desktop', () => {
  it.each<[string, string | undefined | null, boolean]>([
    ['the engine message', PAUSED, true],
    ['as the docker CLI prints it', `Error response from daemon: ${PAUSED}`, true],
    ['wrapped by eci-tray with the operation', `ping: ${PAUSED} (HTTP 500)`, true],
    ['other case and spacing', 'docker desktop is   Manually\npaused', true],
    ['a shorter wording', 'Docker Desktop is paused', true],
    ['Resource Saver is not a pause to undo', 'Docker Desktop is paused (Resource Saver mode)', false],
    [
      'a paused container is not a paused Desktop',
      'Container 3f2a is paused, unpause the container before stopping or killing',
      false,
    ],
    ['connection refused', 'connect ECONNREFUSED /var/run/docker.sock', false],
    ['nothing', undefined, false],
    ['empty', '', false],
  ])('%s', (_name, text, paused) => {
    expect(isDesktopPausedText(text)).toBe(paused);
  });

  it.each<[string, unknown, EngineErrorKind]>([
    ['HTTP 500 with a JSON message', modemError(500, { message: PAUSED }), 'paused'],
    [
      'HTTP 503 with a JSON message (not "unreachable": starting Desktop would not help)',
      modemError(503, { message: PAUSED }),
      'paused',
    ],
    ['HTTP 500 with a plain-text body', modemError(500, Buffer.from(PAUSED + '\n')), 'paused'],
    [
      'HTTP 500 with only the modem text',
      modemError(500, undefined, `(HTTP code 500) server error - ${PAUSED} `),
      'paused',
    ],
    [
      'a refusal stays an engine "no"',
      modemError(500, { message: "sysbox containers can't share namespaces [pid] with the host" }),
      'http',
    ],
    ['a gateway error stays unreachable', modemError(502, { message: 'engine unavailable' }), 'unreachable'],
    [
      'a paused container stays an engine "no"',
      modemError(409, { message: 'Container abc is paused, unpause the container before stopping or killing' }),
      'http',
    ],
  ])('%s', (_name, err, kind) => {
    const e = classifyEngineError(err, 'create probe container', 10_000);
    expect(e.kind).toBe(kind);
    if (kind === 'paused') {
      expect(e.engineMessage).toBe(PAUSED);
      expect(e.message).toContain('manually paused');
      expect(isDesktopPaused(e)).toBe(true);
    } else {
      expect(isDesktopPaused(e)).toBe(false);
    }
  });

  it('knows an already classified error and plain texts', () => {
    expect(isDesktopPaused(new EngineError('http', 'ping', 'x', 500, PAUSED))).toBe(true);
    expect(isDesktopPaused(new Error(`ping: ${PAUSED}`))).toBe(true);
    expect(isDesktopPaused('no engine socket at this path')).toBe(false);
  });
});
