// Entry point of the detached Docker Desktop proxy process: `node proxy-main.js '<json options>'`.

import { rmSync } from 'node:fs';
import { createDesktopProxy, type DesktopProxyOptions } from './desktop-proxy';

const options = JSON.parse(process.argv[2] ?? '{}') as DesktopProxyOptions;
rmSync(options.listenSocket, { force: true });
const server = createDesktopProxy(options);
server.listen(options.listenSocket, () => {
  process.stdout.write(
    `desktop proxy (ECI ${options.mode}, Docker Desktop ${options.version}, refusals at ${options.refuseAt ?? 'default moments'}) on ${options.listenSocket}\n`,
  );
});
const stop = () => {
  server.close();
  rmSync(options.listenSocket, { force: true });
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
