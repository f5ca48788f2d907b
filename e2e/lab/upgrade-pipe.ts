// Both lab proxies pass upgraded connections (attach, exec, hijacked streams) through to the
// engine byte for byte: the request line and headers are replayed, then the two sockets piped.

import type { IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';

/** Replays an upgrade request on the engine's socket and pipes both ways; either side closing closes both. */
export function pipeUpgrade(engineSocket: string, req: IncomingMessage, client: Socket, head: Buffer): Socket {
  const engine = connect(engineSocket, () => {
    const lines = [`${req.method} ${req.url} HTTP/1.1`];
    for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
    engine.write(lines.join('\r\n') + '\r\n\r\n');
    if (head.length) engine.write(head);
    engine.pipe(client);
    client.pipe(engine);
  });
  const close = () => {
    engine.destroy();
    client.destroy();
  };
  engine.on('error', close);
  client.on('error', close);
  engine.on('close', close);
  client.on('close', close);
  return engine;
}
