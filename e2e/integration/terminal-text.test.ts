// Labels reach the terminal and the suggested Compose command: on the lab, containers whose
// Compose labels hold escape sequences (erase line, cursor up), OSC 52 (write the clipboard), CR
// and backspace, and shell code ($(...), ;), are listed and planned through the real CLI. No raw
// control character reaches stdout or stderr, --json still parses to the labels' real values, and
// the suggested Compose command, run by sh, passes each label back as one argument and runs none
// of its code.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasControlChar } from '../../main/core/text/terminal-text';
import { Lab } from '../lab/lab';
import { createContainer, runCli, type CliResult } from './helpers';

const KEEP_RUNNING = ['sh', '-c', "trap 'exit 0' TERM; sleep 3600 & wait"];
const ERASE = '\u001b[2K\u001b[1A\u001b[2K\r';
const CLIPBOARD = '\u001b]52;c;ZWNobyBwd25lZA==\u0007';
const BACKSPACE = '\b\b\b\b';

describe('labels on the terminal and in the suggested command', () => {
  let lab: Lab;
  let state: string;
  let work: string;
  let env: Record<string, string>;
  const cli = (args: string[]): Promise<CliResult> => runCli([...args, ...lab.productArgs()], env);
  const noRawControl = (r: CliResult) => {
    expect(hasControlChar(r.stdout.replace(/[\n\t]/g, '')), r.stdout).toBe(false);
    expect(hasControlChar(r.stderr.replace(/[\n\t]/g, '')), r.stderr).toBe(false);
  };

  beforeAll(async () => {
    lab = await Lab.start({ mode: 'off' });
    state = mkdtempSync(join(tmpdir(), 'eci-term-'));
    work = mkdtempSync(join(tmpdir(), 'eci-term-paste-'));
    env = { ...lab.env(), ECI_TRAY_STATE_DIR: state };
    await createContainer(lab.engineHost, 'term-escapes', {
      Image: lab.probeImage,
      Cmd: KEEP_RUNNING,
      Labels: {
        'com.docker.compose.project': 'esc',
        'com.docker.compose.service': `web${ERASE}${CLIPBOARD}${BACKSPACE}\nLOSES: nothing`,
        'com.docker.compose.project.working_dir': `/srv${CLIPBOARD}`,
      },
    });
    await createContainer(lab.engineHost, 'term-shell', {
      Image: lab.probeImage,
      Cmd: KEEP_RUNNING,
      Labels: {
        'com.docker.compose.project': 'shop',
        'com.docker.compose.service': 'web',
        'com.docker.compose.project.working_dir': '/srv/$(touch pwned-dir)',
        'com.docker.compose.project.config_files':
          "/srv/a.yml;touch pwned-files,/srv/b `touch pwned-tick`.yml,/srv/it's.yml",
      },
    });
    await createContainer(lab.engineHost, 'term-badproject', {
      Image: lab.probeImage,
      Cmd: KEEP_RUNNING,
      Labels: { 'com.docker.compose.project': 'x;touch pwned-project', 'com.docker.compose.service': 'web' },
    });
  });
  afterAll(async () => {
    await lab?.teardown();
    for (const d of [state, work]) if (d) rmSync(d, { recursive: true, force: true });
  });

  it('containers: text shows the escapes as text; --json holds the real values', async () => {
    const text = await cli(['containers']);
    expect(text.code, text.stderr).toBe(0);
    noRawControl(text);
    expect(text.stdout).toContain(
      'service web\\u001b[2K\\u001b[1A\\u001b[2K\\u000d\\u001b]52;c;ZWNobyBwd25lZA==\\u0007\\u0008',
    );
    expect(text.stdout).not.toMatch(/^LOSES: nothing/m);

    const json = await cli(['containers', '--json']);
    noRawControl(json);
    const containers = (
      JSON.parse(json.stdout) as { containers: Array<{ name: string; compose: { service: string } | null }> }
    ).containers;
    expect(containers.find((c) => c.name === 'term-escapes')?.compose?.service).toBe(
      `web${ERASE}${CLIPBOARD}${BACKSPACE}\nLOSES: nothing`,
    );
  });

  it('cleanup plan: the Compose command is quoted for sh, or not shown', async () => {
    const plan = await cli(['cleanup', '--plan', '--strategy', 'remove']);
    expect(plan.code, plan.stderr).toBe(0);
    noRawControl(plan);
    const lines = plan.stdout.split('\n');
    // One line per LOSES entry of the plan's own making; none forged by a label.
    expect(lines.filter((l) => l.startsWith('LOSES'))).toEqual([]);
    const recommended = lines
      .filter((l) => l.includes('Recommended: '))
      .map((l) => l.slice(l.indexOf('Recommended: ') + 'Recommended: '.length));
    expect(recommended).toHaveLength(1);
    expect(lines.filter((l) => l.includes('allow no command to suggest'))).toHaveLength(2);

    // Pasted into sh with docker standing in as a function that prints its arguments.
    const args = execFileSync('/bin/sh', ['-c', `docker() { printf '%s\\n' "$@"; }\n${recommended[0]}`], {
      cwd: work,
      encoding: 'utf8',
    })
      .split('\n')
      .filter(Boolean);
    expect(args).toEqual([
      'compose',
      '-p',
      'shop',
      '--project-directory',
      '/srv/$(touch pwned-dir)',
      '-f',
      '/srv/a.yml;touch pwned-files',
      '-f',
      '/srv/b `touch pwned-tick`.yml',
      '-f',
      "/srv/it's.yml",
      'up',
      '-d',
      '--force-recreate',
    ]);
    for (const f of ['pwned-dir', 'pwned-files', 'pwned-tick', 'pwned-project'])
      expect(existsSync(join(work, f)), f).toBe(false);

    const json = await cli(['cleanup', '--plan', '--strategy', 'remove', '--json']);
    noRawControl(json);
    const items =
      (JSON.parse(json.stdout) as { plan?: { items: unknown[] }; items?: unknown[] }).plan?.items ??
      (JSON.parse(json.stdout) as { items: unknown[] }).items;
    const compose = Object.fromEntries(
      (items as Array<{ name: string; compose: { command: string | null } }>).map((i) => [i.name, i.compose.command]),
    );
    expect(compose['term-escapes']).toBeNull();
    expect(compose['term-badproject']).toBeNull();
    expect(compose['term-shell']).toBe(recommended[0]);
  });
});
