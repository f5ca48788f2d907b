// The packaging job's checks, on the CI workflow's machines after `electron-builder --publish never`
// (.github/workflows/desktop.yml): the fuses read back from the built binary; the signature when
// the build was signed (EXPECT_SIGNED=yes); then the per-machine package installed and run the way
// a fleet runs it (Linux: the deb's /usr/bin/eci-tray after checking that only root can change it;
// macOS: the Jamf script, which refuses an app users could change; Windows: the Intune discovery
// script, likewise), and the unpacked app's CLI once. Without Docker Desktop on these machines,
// the only true verdicts are those in VERDICTS_WITHOUT_DESKTOP.
//
//   npx tsx scripts/ci/check-packages.ts out

import { execFileSync } from 'node:child_process';
import { lstatSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { checkFuses } from '../check-fuses';
import { fleetPackage, unpackedApp, VERDICTS_WITHOUT_DESKTOP } from './package-checks';

const ROOT = join(__dirname, '..', '..');
const out = resolve(process.argv[2] ?? join(ROOT, 'out'));
const platform = process.platform;
const failures: string[] = [];
const say = (m: string) => process.stdout.write(`check-packages: ${m}\n`);

function run(file: string, args: string[], okCodes: number[] = [0]): string {
  try {
    return execFileSync(file, args, { encoding: 'utf8', timeout: 300_000, stdio: ['ignore', 'pipe', 'inherit'] });
  } catch (err) {
    const e = err as { status?: number; stdout?: string };
    if (e.status !== undefined && okCodes.includes(e.status)) return e.stdout ?? '';
    throw err;
  }
}

function expectVerdict(where: string, verdict: string | undefined): void {
  if (verdict && VERDICTS_WITHOUT_DESKTOP.includes(verdict)) say(`${where}: ${verdict}`);
  else
    failures.push(`${where}: verdict ${verdict ?? '(none)'}, expected one of ${VERDICTS_WITHOUT_DESKTOP.join(', ')}`);
}

/** What the Jamf script checks, for the deb's install: root owns it and every folder above, nobody else writes. */
function onlyRootCanChange(path: string): string | null {
  for (let p = path; ; p = dirname(p)) {
    const st = lstatSync(p);
    if (st.isSymbolicLink()) return `${p} is a symbolic link`;
    if (st.uid !== 0) return `${p} is owned by uid ${st.uid}`;
    if (st.mode & 0o022) return `${p} is writable by others (mode ${(st.mode & 0o777).toString(8)})`;
    if (dirname(p) === p) return null;
  }
}

async function main(): Promise<void> {
  const app = unpackedApp(out, platform);

  const mismatches = await checkFuses(app, ROOT);
  if (mismatches.length) failures.push(...mismatches.map((m) => `fuse ${m}`));
  else say(`fuses of ${app} are as configured`);

  if (process.env['EXPECT_SIGNED'] === 'yes') {
    if (platform === 'darwin') run('/usr/bin/codesign', ['--verify', '--deep', '--strict', '--verbose=2', app]);
    if (platform === 'win32') {
      const status = run('powershell.exe', [
        '-NoProfile',
        '-Command',
        `(Get-AuthenticodeSignature -LiteralPath '${app}').Status`,
      ]).trim();
      if (status !== 'Valid') failures.push(`signature of ${app}: ${status}`);
    }
    say('signature verified');
  }

  const cliArgs = ['check', '--json', '--timeout', '60'];
  const unpacked = JSON.parse(
    run(platform === 'darwin' ? join(app, 'Contents', 'MacOS', 'ECI Tray') : app, cliArgs, [0, 13, 14, 17, 18]),
  ) as { verdict?: string };
  expectVerdict('the unpacked app as CLI', unpacked.verdict);

  const pkg = fleetPackage(out, platform);
  if (platform === 'linux') {
    run('sudo', ['apt-get', 'install', '-y', pkg]);
    const why = onlyRootCanChange('/opt/ECI Tray/eci-tray');
    if (why) failures.push(`the deb's install can be changed by users: ${why}`);
    const r = JSON.parse(run('/usr/bin/eci-tray', cliArgs, [0, 13, 14, 17, 18])) as { verdict?: string };
    expectVerdict('the deb, /usr/bin/eci-tray', r.verdict);
  } else if (platform === 'darwin') {
    run('sudo', ['/usr/sbin/installer', '-pkg', pkg, '-target', '/']);
    const result = /<result>([^<]*)<\/result>/.exec(
      run('sudo', ['/bin/sh', join(ROOT, 'fleet', 'jamf', 'eci-verdict.sh')]),
    )?.[1];
    expectVerdict('the pkg through the Jamf script', result);
  } else if (platform === 'win32') {
    run('msiexec.exe', ['/i', pkg, '/qn', '/norestart']);
    const line =
      run('powershell.exe', [
        '-NoProfile',
        '-ExecutionPolicy',
        'Bypass',
        '-File',
        join(ROOT, 'fleet', 'intune', 'discovery.ps1'),
      ])
        .trim()
        .split(/\r?\n/)
        .pop() ?? '';
    expectVerdict('the MSI through the Intune discovery script', (JSON.parse(line) as { verdict?: string }).verdict);
  }

  if (failures.length) {
    for (const f of failures) process.stderr.write(`check-packages: FAILED ${f}\n`);
    process.exit(1);
  }
  say('every check passed');
}

main().catch((err: unknown) => {
  process.stderr.write(`check-packages: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
