// What the engine's answers mean, read without trusting them: objects that must be objects,
// the multiplexed log stream, the change list, a path's stat. Pure, so each shape is table-tested
// (engine-client.test.ts) without an engine.

import { EngineError } from './engine-errors';

/** A path's stat inside a container; `mode` is a Go os.FileMode (type bits above the permissions). */
export interface PathStat {
  name: string;
  size: number;
  mode: number;
  linkTarget: string;
}

export function expectObject(operation: string, value: unknown): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value) || Buffer.isBuffer(value)) {
    throw new EngineError('bad-response', operation, `${operation}: the engine's answer is not a JSON object`);
  }
  return value as Record<string, unknown>;
}

/**
 * The engine multiplexes stdout/stderr in frames of [stream, 0, 0, 0, size(4, big endian)]
 * for containers without a TTY. Text without frame headers is returned as stdout.
 */
export function demuxLogs(buffer: Buffer): { stdout: string; stderr: string } {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const type = buffer[offset];
    const size = buffer.readUInt32BE(offset + 4);
    if ((type !== 0 && type !== 1 && type !== 2) || buffer[offset + 1] !== 0 || offset + 8 + size > buffer.length) {
      return offset === 0
        ? { stdout: buffer.toString('utf8'), stderr: '' }
        : { stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
    }
    (type === 2 ? err : out).push(buffer.subarray(offset + 8, offset + 8 + size));
    offset += 8 + size;
  }
  if (offset < buffer.length && offset === 0) return { stdout: buffer.toString('utf8'), stderr: '' };
  return { stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

/**
 * The answer of `GET /containers/{id}/changes`. A container with no changes gets `null`, which
 * docker-modem hands back as the raw bytes (`null` is not an object it keeps), so bytes and text
 * are parsed here.
 */
export function parseChangeList(raw: unknown): Array<{ Path: string; Kind: number }> {
  let list = raw;
  if (Buffer.isBuffer(list) || typeof list === 'string') {
    const text = list.toString().trim();
    try {
      list = text ? JSON.parse(text) : null;
    } catch {
      throw new EngineError('bad-response', 'container-changes', 'container-changes: the engine did not answer JSON');
    }
  }
  if (list === null || list === undefined) return [];
  if (!Array.isArray(list))
    throw new EngineError(
      'bad-response',
      'container-changes',
      'container-changes: the engine did not answer with a list',
    );
  return (list as Array<{ Path?: unknown; Kind?: unknown } | null>).filter(
    (c): c is { Path: string; Kind: number } => !!c && typeof c.Path === 'string' && typeof c.Kind === 'number',
  );
}
