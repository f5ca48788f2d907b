// The lab's `docker desktop` CLI plugin, installed in the lab's DOCKER_CONFIG: a shell wrapper
// that runs the compiled desktop-plugin entry against this lab.
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compiledEntry, type LabPaths } from './lab-paths';

export function installDesktopPlugin(paths: LabPaths): void {
  const plugin = join(paths.dockerConfig, 'cli-plugins', 'docker-desktop');
  // Docker Desktop starts its engine from its own files, whatever the caller's PATH (a tray app
  // started by the OS has a minimal one): the lab's "Desktop" finds dockerd the same way.
  const system = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
  const script = `#!/bin/sh\nPATH="${system}\${PATH:+:$PATH}"; export PATH\nexec "${process.execPath}" "${compiledEntry('desktop-plugin')}" --lab "${paths.root}" "$@"\n`;
  writeFileSync(plugin, script);
  chmodSync(plugin, 0o755);
  writeFileSync(join(paths.dockerConfig, 'config.json'), '{}\n');
}
