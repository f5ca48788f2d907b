// fleet/jamf/eci-verdict.sh against an install tree of the test's: a copy of the real script with
// only its two machine constants pointed at the tree (the applications folder, and codesign: a
// fake that says unsigned, valid or broken). The tree must sit under folders only root can write.

import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const JAMF_SCRIPT = join(__dirname, '../../fleet/jamf/eci-verdict.sh');

export type Codesign = 'unsigned' | 'valid' | 'broken';

/** Fails loudly when `dir` or a folder above it is not root's alone (the script would refuse it). */
export function assertRootOnlyPath(dir: string): void {
  for (let d = dir; ; d = join(d, '..')) {
    const st = statSync(d);
    if (st.uid !== 0 || (st.mode & 0o022) !== 0)
      throw new Error(`${d} must be root's and writable only by root for this test`);
    if (d === '/') break;
  }
}

/** A copy of the script in `base` whose applications folder is `apps`; returns its path. */
export function jamfScriptFor(base: string, apps: string, codesign: Codesign): string {
  const fake = join(base, `codesign-${codesign}`);
  const display =
    codesign === 'unsigned'
      ? 'echo "$2: code object is not signed at all" >&2; exit 1'
      : 'echo "Executable=$2" >&2; exit 0';
  writeFileSync(
    fake,
    `#!/bin/sh\nif [ "$1" = --display ]; then ${display}; fi\n${codesign === 'broken' ? 'echo "a sealed resource is missing or invalid" >&2; exit 1' : 'exit 0'}\n`,
    { mode: 0o755 },
  );
  const text = readFileSync(JAMF_SCRIPT, 'utf8');
  if (!/^APPS=\/Applications$/m.test(text) || !/^CODESIGN=\/usr\/bin\/codesign$/m.test(text))
    throw new Error('eci-verdict.sh no longer sets APPS and CODESIGN on lines of their own');
  const path = join(base, `eci-verdict-${codesign}.sh`);
  writeFileSync(path, text.replace(/^APPS=.*$/m, `APPS=${apps}`).replace(/^CODESIGN=.*$/m, `CODESIGN=${fake}`), {
    mode: 0o755,
  });
  return path;
}

/** A bundle as the pkg installs it (root's, 755/644), whose executable is the given sh body. */
export function installBundle(apps: string, name: string, body: string): { bundle: string; exe: string } {
  const bundle = join(apps, name);
  mkdirSync(join(bundle, 'Contents/MacOS'), { recursive: true });
  mkdirSync(join(bundle, 'Contents/Frameworks'), { recursive: true });
  writeFileSync(join(bundle, 'Contents/Frameworks/Electron Framework'), 'library', { mode: 0o644 });
  const exe = join(bundle, 'Contents/MacOS/ECI Tray');
  writeFileSync(exe, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return { bundle, exe };
}
