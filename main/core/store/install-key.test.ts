import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { INSTALL_KEY_FILE, installKey, InstallKeyError, mac, macMatches, seal, unseal } from './install-key';
import { writePrivateFile } from './private-files';

const dirs: string[] = [];
const fresh = () => {
  const d = mkdtempSync(join(tmpdir(), 'eci-key-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the per-install key', () => {
  it('is made once: 32 random bytes in a 0600 file of a 0700 folder, the same key on every later use', () => {
    const state = join(fresh(), 'state');
    const a = installKey(state);
    const b = installKey(state);
    expect(mac(a, 'x')).toBe(mac(b, 'x'));
    expect(readFileSync(join(state, INSTALL_KEY_FILE))).toHaveLength(32);
    if (process.platform !== 'win32') {
      expect(statSync(join(state, INSTALL_KEY_FILE)).mode & 0o777).toBe(0o600);
      expect(statSync(state).mode & 0o777).toBe(0o700);
    }
    // Another install's key signs differently.
    expect(mac(installKey(join(fresh(), 'other')), 'x')).not.toBe(mac(a, 'x'));
  });

  it('tightens a state folder that exists with looser permissions', () => {
    const state = fresh();
    chmodSync(state, 0o755);
    installKey(state);
    if (process.platform !== 'win32') expect(statSync(state).mode & 0o777).toBe(0o700);
  });

  it('refuses a damaged key file instead of making another (that would orphan every signed file)', () => {
    const state = fresh();
    writeFileSync(join(state, INSTALL_KEY_FILE), 'short');
    expect(() => installKey(state)).toThrow(InstallKeyError);
    expect(() => installKey(state)).toThrow(/damaged \(5 bytes, not 32\)/);
  });

  it('compares MACs strictly', () => {
    const key = installKey(fresh());
    const tag = mac(key, 'plan');
    expect(macMatches(tag, tag)).toBe(true);
    expect(macMatches(tag, tag.toUpperCase())).toBe(false);
    expect(macMatches(tag, tag.slice(0, 63) + (tag[63] === '0' ? '1' : '0'))).toBe(false);
    expect(macMatches(tag, undefined)).toBe(false);
    expect(macMatches(tag, 42)).toBe(false);
  });

  it('seals with AES-256-GCM: the value is not in the sealed text, and a changed byte, another context or another key is refused', () => {
    const key = installKey(fresh());
    const secret = 'API_TOKEN=s3cr3t-value';
    const sealed = seal(key, secret, 'container-env:web');
    expect(sealed).not.toContain('s3cr3t');
    expect(Buffer.from(sealed.slice(3), 'base64').toString('latin1')).not.toContain('s3cr3t');
    expect(unseal(key, sealed, 'container-env:web')).toBe(secret);
    expect(seal(key, secret, 'container-env:web')).not.toBe(sealed); // a fresh IV each time
    expect(() => unseal(key, sealed, 'container-env:db')).toThrow(InstallKeyError);
    expect(() => unseal(installKey(fresh()), sealed, 'container-env:web')).toThrow(/cannot be opened/);
    const raw = Buffer.from(sealed.slice(3), 'base64');
    raw[raw.length - 1]! ^= 1;
    expect(() => unseal(key, `v1.${raw.toString('base64')}`, 'container-env:web')).toThrow(InstallKeyError);
    expect(() => unseal(key, 'garbage', 'container-env:web')).toThrow(/malformed/);
  });
});

describe('private files', () => {
  it('are written whole, 0600, replacing the old content', () => {
    const path = join(fresh(), 'sub', 'plan.json');
    writePrivateFile(path, 'one');
    writePrivateFile(path, 'two');
    expect(readFileSync(path, 'utf8')).toBe('two');
    if (process.platform !== 'win32') {
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(statSync(join(path, '..')).mode & 0o777).toBe(0o700);
    }
  });
});
