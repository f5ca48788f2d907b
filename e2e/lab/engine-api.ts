// A raw Engine API call for the lab and its tests (their own view of the engine, never the product's).
import { request } from 'node:http';

/** A raw Engine API call on a unix socket (`unix://` optional); a body that is not JSON comes back as text. */
export function engineApi(
  socketUrl: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: any }> {
  const socketPath = socketUrl.replace(/^unix:\/\//, '');
  const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = request(
      {
        socketPath,
        method,
        path,
        headers: data ? { 'Content-Type': 'application/json', 'Content-Length': data.length } : {},
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => {
          let json: unknown = text;
          try {
            json = text ? JSON.parse(text) : null;
          } catch {
            // Plain text answer.
          }
          resolve({ status: res.statusCode ?? 0, json });
        });
      },
    );
    req.setTimeout(60_000, () => req.destroy(new Error(`${method} ${path} timed out`)));
    req.on('error', reject);
    req.end(data);
  });
}
