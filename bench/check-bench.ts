// Issue 2's and issue 17's benchmark, on the lab, ECI off and on (the Desktop proxy refusing host
// namespaces and the socket mount at create, then at start) in one run:
//  - `eci-tray check --json` (a fresh process of the bundled CLI, as users run it) against the
//    four commands of Docker's "Verify Enhanced Container Isolation is active"
//    (https://docs.docker.com/enterprise/security/hardened-desktop/enhanced-container-isolation/enable-eci/,
//    docker/docs enable-eci.md at 042d9a9) run as written with the docker CLI through the lab's
//    Desktop personality; both are timed in turns, so a busy machine slows both alike. Target with
//    ECI on: at most 0.9x;
//  - a warm in-process verification (EciChecker.check on a live connection) against one bare
//    `docker run --rm <probe image> true` (target: at most 1.5x).

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EciChecker } from '../main/core/verify/check';
import { Lab } from '../e2e/lab/lab';
import type { RefusalMoment } from '../e2e/lab/desktop-refusals';
import { REPO_ROOT, type LabMode } from '../e2e/lab/lab-paths';
import { VERDICT_EXIT_CODES } from '../main/cli/exit-codes';
import { median, repeat, run, timeIt, type Figure } from './measure';

/** BENCH_CLI: another build of the CLI (e.g. main's dist/bin/eci-tray.js) for a before/after comparison. */
const CLI = process.env['BENCH_CLI'] ?? join(REPO_ROOT, 'dist', 'bin', 'eci-tray.js');
const RUNS = Number(process.env['BENCH_RUNS'] ?? 9);
/** The container the docs' runtime check inspects: one of the user's, there before the check. */
const INSPECTED = 'eci-bench-inspected';

/**
 * Docker's four verification commands, one after another. As written, except: the lab's probe
 * image for `alpine` with `sh` named (alpine's default command; the probe image has none), no
 * `-it` (no terminal here; stdin is closed instead, so the shell exits at once when it runs), and
 * `--network none` (lab rule: containers get no network). The lab's Desktop proxy maps the socket
 * path to the lab engine's own socket, as Desktop's VM has it.
 */
export function docsCommands(image: string, inspected: string): string {
  return [
    `docker run --rm --network none ${image} cat /proc/self/uid_map`,
    `docker inspect --format='{{.HostConfig.Runtime}}' ${inspected}`,
    `docker run --rm --network none --pid=host ${image} sh </dev/null || true`,
    `docker run --rm --network none -v /var/run/docker.sock:/var/run/docker.sock ${image} sh </dev/null || true`,
  ].join('\n');
}

/**
 * Times each of `fns` in turns (rotating which goes first), so a busy machine slows them alike:
 * the median of each, and the median of each one's paired ratio to the first.
 */
async function inTurns(
  runs: number,
  fns: Array<() => Promise<unknown>>,
): Promise<{ ms: number[]; pairRatio: number[] }> {
  const times = fns.map((): number[] => []);
  for (let i = 0; i < runs; i++)
    for (let k = 0; k < fns.length; k++) {
      const j = (i + k) % fns.length;
      (times[j] as number[]).push(await timeIt(fns[j] as () => Promise<unknown>));
    }
  const first = times[0] as number[];
  return {
    ms: times.map(median),
    pairRatio: times.map((t) => median(t.map((v, i) => v / (first[i] as number)))),
  };
}

/** The code cache's use by a fresh Node (main/cli/code-cache.ts): what the CLI's start-up figures rest on. */
async function codeCacheUse(env: NodeJS.ProcessEnv): Promise<string> {
  // A BENCH_CLI from before the launcher is the whole CLI: requiring it would run it.
  if (!existsSync(join(dirname(CLI), 'eci-tray-cli.js'))) return 'none (a build without the launcher)';
  const code = `const l = require(${JSON.stringify(CLI)}); process.stdout.write(l.compileBundle(l.CLI_BUNDLE, l.CLI_CODE_CACHE).cache);`;
  const r = await run(process.execPath, ['-e', code], env);
  return r.code === 0 ? r.stdout : `unknown (${r.stderr.trim().split('\n')[0] ?? ''})`;
}

/** Fails loudly when a timed command did not do what it is timed for. */
async function mustRun(
  what: string,
  result: Promise<{ code: number; stdout: string; stderr: string }>,
  okCodes: number[] = [0],
): Promise<string> {
  const r = await result;
  if (!okCodes.includes(r.code))
    throw new Error(`${what} exited with ${r.code}: ${r.stderr.trim() || r.stdout.trim()}`);
  return r.stdout;
}

export async function checkBenchmarks(log: (s: string) => void): Promise<Figure[]> {
  const figures: Figure[] = [];
  const lab = await Lab.start({ mode: 'off' });
  const runs: Array<{ mode: LabMode; refuseAt?: RefusalMoment }> = [
    { mode: 'off' },
    { mode: 'on', refuseAt: 'create' },
    { mode: 'on', refuseAt: 'start' },
  ];
  try {
    const env0 = { ...process.env, ...lab.env() };
    // Node 20 reads NODE_EXTRA_CA_CERTS's whole file at every start, before any of our code: where
    // it is set (this machine sets it), the CLI is also timed as Node starts by default.
    const extraCa = process.env['NODE_EXTRA_CA_CERTS'] !== undefined;
    const withoutCa = (env: NodeJS.ProcessEnv): NodeJS.ProcessEnv => {
      const copy = { ...env };
      delete copy['NODE_EXTRA_CA_CERTS'];
      return copy;
    };
    const nodeAlone = median(await repeat(RUNS, () => run(process.execPath, ['-e', '0'], env0)));
    const nodeAloneNoCa = median(await repeat(RUNS, () => run(process.execPath, ['-e', '0'], withoutCa(env0))));
    const cliHelp = median(await repeat(RUNS, () => run(process.execPath, [CLI, 'check', '--help'], env0)));
    log(
      `start-up: node -e 0 ${nodeAlone.toFixed(0)} ms${extraCa ? ` (NODE_EXTRA_CA_CERTS is set; ${nodeAloneNoCa.toFixed(0)} ms without it)` : ''}, eci-tray check --help ${cliHelp.toFixed(0)} ms; the CLI's code cache: ${await codeCacheUse(env0)}`,
    );
    for (const { mode, refuseAt } of runs) {
      if (lab.mode !== mode) await lab.switchTo(mode);
      if (lab.refuseAt !== refuseAt) await lab.setRefusalMoment(refuseAt);
      const label = refuseAt ? `ECI ${mode}, refused at ${refuseAt}` : `ECI ${mode}`;
      const env = { ...process.env, ...lab.env() };
      const args = ['check', '--json', ...lab.productArgs()];
      await run('docker', ['rm', '-f', INSPECTED], env);
      await mustRun(
        'docker create',
        run('docker', ['create', '--name', INSPECTED, '--network', 'none', lab.probeImage, 'true'], env),
      );
      const script = docsCommands(lab.probeImage, INSPECTED);
      const manualRun = () => mustRun("the docs' commands", run('sh', ['-ec', script], env));
      // Any verdict's exit code: only a crash or a usage error fails the bench.
      const cliRun = () =>
        mustRun('eci-tray check', run(process.execPath, [CLI, ...args], env), Object.values(VERDICT_EXIT_CODES));
      // Warm the engine's caches once for each path, and show what each said.
      const first = await run('sh', ['-ec', script], env);
      const said = first.stdout.trim().split('\n').join(' | ');
      // With ECI on, the anchor must have been refused as the docs say, or it timed something else.
      const refused = /share namespaces/.test(first.stderr) && /socket mount denied/.test(first.stderr);
      if (mode === 'on' && !refused)
        throw new Error(`the docs' commands were not refused with ECI on: ${first.stderr.trim()}`);
      const verdict = (JSON.parse(await cliRun()) as { verdict: string }).verdict;

      const cliRunNoCa = () =>
        mustRun(
          'eci-tray check',
          run(process.execPath, [CLI, ...args], withoutCa(env)),
          Object.values(VERDICT_EXIT_CODES),
        );
      const timed = await inTurns(RUNS, extraCa ? [manualRun, cliRun, cliRunNoCa] : [manualRun, cliRun]);
      const [manual = NaN, cli = NaN, cliNoCa = NaN] = timed.ms;
      const [, pairRatio = NaN, pairNoCa = NaN] = timed.pairRatio;
      const bare = median(
        await repeat(RUNS, () => run('docker', ['run', '--rm', '--network', 'none', lab.probeImage, 'true'], env)),
      );

      const checker = new EciChecker({
        dockerHost: lab.dockerHost,
        adminSettings: lab.paths.adminSettings,
        userSettings: lab.paths.userSettings,
        probeImage: lab.probeImage,
      });
      await checker.check();
      const warm = median(await repeat(RUNS, () => checker.check()));
      checker.close();
      log(
        `${label}: verdict ${verdict} (docs' commands said: ${said}); docs' commands ${manual.toFixed(0)} ms, CLI ${cli.toFixed(0)} ms (${(cli / manual).toFixed(2)}x; median of paired ratios ${pairRatio.toFixed(2)}x)${extraCa ? `, CLI without NODE_EXTRA_CA_CERTS ${cliNoCa.toFixed(0)} ms (${(cliNoCa / manual).toFixed(2)}x; paired ${pairNoCa.toFixed(2)}x)` : ''}, bare run ${bare.toFixed(0)} ms, warm check ${warm.toFixed(0)} ms`,
      );
      figures.push({
        name: `eci-tray check --json, ${label}`,
        value: cli,
        unit: 'ms',
        anchor: { name: "the docs' 4 commands as written", value: manual },
        ...(mode === 'on' ? { target: { max: 0.9, of: 'ratio' as const } } : {}),
        note: `timed in turns, ${RUNS} each; Node alone starts in ${nodeAlone.toFixed(0)} ms, the CLI's help in ${cliHelp.toFixed(0)} ms`,
        limitedBy: `a fresh Node process (${cliHelp.toFixed(0)} ms to print the help, against ${nodeAlone.toFixed(0)} ms for node -e 0${extraCa ? `, of which NODE_EXTRA_CA_CERTS takes ${(nodeAlone - nodeAloneNoCa).toFixed(0)} ms` : ''}) before the first call, then the uid_map probe's create, start, wait and removal, which is what the docs' first command does too; the docker CLI starts in about 10 ms.`,
      });
      if (extraCa)
        figures.push({
          name: `eci-tray check --json, ${label}, Node without NODE_EXTRA_CA_CERTS`,
          value: cliNoCa,
          unit: 'ms',
          anchor: { name: "the docs' 4 commands as written", value: manual },
          ...(mode === 'on' ? { target: { max: 0.9, of: 'ratio' as const } } : {}),
          note: `the same CLI, timed in the same turns, started as Node starts by default (node -e 0: ${nodeAloneNoCa.toFixed(0)} ms)`,
        });
      figures.push({
        name: `warm in-process verification, ${label}`,
        value: warm,
        unit: 'ms',
        anchor: { name: 'one bare docker run --rm', value: bare },
        target: { max: 1.5, of: 'ratio' },
        limitedBy:
          'three probe containers (isolation, host PID, socket mount) created, started and removed concurrently, plus the container listing, on two cores: the engine serialises much of it.',
      });
      await run('docker', ['rm', '-f', INSPECTED], env);
    }
  } finally {
    await lab.teardown();
  }
  return figures;
}
