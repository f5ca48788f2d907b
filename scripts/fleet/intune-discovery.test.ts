// fleet/intune/discovery.ps1 runs the app as SYSTEM. No PowerShell runs here (Debian ships none),
// so this holds the script's text to what makes it safe: no per-user install is ever a candidate,
// the app starts only after the install check, the rights masks are the documented bits, and what
// it returns validates against the shipped schema.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaErrors } from '../../e2e/support/fleet-schemas';

const TEXT = readFileSync(join(__dirname, '../../fleet/intune/discovery.ps1'), 'utf8');
const CODE = TEXT.split('\n')
  .filter((l) => !l.trim().startsWith('#'))
  .join('\n');

// .NET System.Security.AccessControl.FileSystemRights (and the generic bits an ACE can carry).
const RIGHTS = {
  WriteData: 0x2,
  AppendData: 0x4,
  WriteExtendedAttributes: 0x10,
  DeleteSubdirectoriesAndFiles: 0x40,
  WriteAttributes: 0x100,
  Delete: 0x10000,
  ChangePermissions: 0x40000,
  TakeOwnership: 0x80000,
  GenericAll: 0x10000000,
  GenericWrite: 0x40000000,
};
const mask = (...names: (keyof typeof RIGHTS)[]) => names.reduce((m, n) => m | RIGHTS[n], 0);
const constant = (name: string) => Number(new RegExp(`^\\$${name} = (0x[0-9A-F]+)$`, 'm').exec(CODE)?.[1]);

describe('fleet/intune/discovery.ps1', () => {
  it('never looks at a per-user install: only Program Files', () => {
    expect(CODE).not.toMatch(/LOCALAPPDATA|AppData|USERPROFILE|\\Users\\|Win32_ComputerSystem|HOMEPATH/i);
    const candidates = /^\$dirs = (.*)$/m.exec(CODE)?.[1];
    expect(candidates).toBe(
      "@($env:ProgramW6432, $env:ProgramFiles) | Where-Object { $_ } | ForEach-Object { Join-Path $_ 'ECI Tray' } | Select-Object -Unique",
    );
  });

  it('starts the app once, and only after the install check found no problem', () => {
    expect(CODE.match(/Start-Process/g)).toHaveLength(1);
    const check = CODE.indexOf('$problem = Get-InstallProblem $dir $app');
    const refuse = CODE.indexOf("if ($problem) {\n  return (Result 'not-installed'");
    expect(check).toBeGreaterThan(0);
    expect(refuse).toBeGreaterThan(check);
    expect(CODE.indexOf('Start-Process')).toBeGreaterThan(refuse);
    // A check that throws is a refusal too, not a run.
    expect(CODE).toMatch(/\} catch \{\n {2}\$problem = "its files and rights could not be read/);
  });

  it('trusts only SYSTEM, Administrators and TrustedInstaller', () => {
    expect(/^\$TrustedSids = @\((.*)\)$/m.exec(CODE)?.[1]).toBe(
      "'S-1-5-18', 'S-1-5-32-544', 'S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464'",
    );
  });

  it('its rights masks are the documented FileSystemRights bits', () => {
    expect(constant('InstallWriteRights')).toBe(
      mask(
        'WriteData',
        'AppendData',
        'WriteExtendedAttributes',
        'DeleteSubdirectoriesAndFiles',
        'WriteAttributes',
        'Delete',
        'ChangePermissions',
        'TakeOwnership',
        'GenericAll',
        'GenericWrite',
      ),
    );
    expect(constant('AncestorWriteRights')).toBe(
      mask('DeleteSubdirectoriesAndFiles', 'Delete', 'ChangePermissions', 'TakeOwnership', 'GenericAll'),
    );
  });

  it('checks the install folder, everything in it and every folder above it, and the signature', () => {
    expect(CODE).toContain('@(Get-Item -LiteralPath $Dir -Force) + @(Get-ChildItem -LiteralPath $Dir -Recurse -Force)');
    expect(CODE).toMatch(
      /while \(\$parent\) \{\n\s+\$problem = Get-ItemProblem \(Get-ItemFacts \$parent\) \$AncestorWriteRights/,
    );
    expect(CODE).toContain('Get-AuthenticodeSignature -LiteralPath $Exe');
    expect(CODE).toContain("if ($Status -ne 'Valid')");
  });

  it('its results validate against the intune schema, not-installed with its reason', () => {
    const keys = [
      ...(/function Result[^{]*\{\n\s+\$r = @\{ (.*) \}\n/.exec(CODE)?.[1] ?? '').matchAll(/(\w+) = /g),
    ].map((m) => m[1]);
    expect(keys).toEqual([
      'verdict',
      'eciVerified',
      'pending',
      'unprotectedContainers',
      'desktopVersion',
      'checkedAt',
      'blockingSettingsErrors',
      'desktopContainers',
    ]);
    const result = {
      verdict: 'not-installed',
      eciVerified: false,
      pending: false,
      unprotectedContainers: 0,
      desktopVersion: '',
      checkedAt: '2026-12-03T07:00:00.0000000Z',
      blockingSettingsErrors: 0,
      desktopContainers: 0,
    };
    expect(
      schemaErrors('intune-result', {
        ...result,
        reason: 'not run as SYSTEM: C:\\Program Files\\ECI Tray can be changed by S-1-5-11',
      }),
    ).toEqual([]);
    expect(schemaErrors('intune-result', { ...result, verdict: 'error', reason: 'no verdict (exit 1)' })).toEqual([]);
  });

  it('has balanced brackets outside comments (a cheap parse check; no PowerShell here)', () => {
    for (const [open, close] of ['{}', '()', '[]'])
      expect(CODE.split(open!).length, open).toBe(CODE.split(close!).length);
  });
});
