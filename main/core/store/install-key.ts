// The per-install secret: 32 random bytes in a 0600 file of the state folder, made once. Plans and
// journals carry an HMAC keyed by it, so a file edited outside ECI Tray is refused; container
// environment values kept for re-creating a container later are sealed with it (AES-256-GCM).
// Anyone who can read this file can forge or open them: it is as private as the user's account.

import { linkSync, readFileSync, rmSync } from 'node:fs';
import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { join } from 'node:path';
import { ensurePrivateDir, writeSyncedTemp } from './private-files';

export const INSTALL_KEY_FILE = 'install.key';

export class InstallKeyError extends Error {
  override name = 'InstallKeyError';
}

export interface InstallKey {
  /** Signs plans and journal lines. */
  readonly macKey: Buffer;
  /** Seals secrets (container environment values). */
  readonly sealKey: Buffer;
}

function derive(secret: Buffer, purpose: string): Buffer {
  return createHmac('sha256', secret).update(`eci-tray ${purpose} v1`).digest();
}

/**
 * The install's key, made on first use. Created under a temporary name and linked into place
 * (link fails if the name exists), so two processes starting at once agree on one key and no
 * reader ever sees a half-written file.
 */
export function installKey(stateDir: string): InstallKey {
  ensurePrivateDir(stateDir);
  const path = join(stateDir, INSTALL_KEY_FILE);
  let secret: Buffer;
  try {
    secret = readFileSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new InstallKeyError(`cannot read the install key ${path}: ${(err as Error).message}`);
    const tmp = writeSyncedTemp(path, randomBytes(32));
    try {
      linkSync(tmp, path);
    } catch (linkErr) {
      if ((linkErr as NodeJS.ErrnoException).code !== 'EEXIST') throw linkErr;
    } finally {
      rmSync(tmp, { force: true });
    }
    secret = readFileSync(path);
  }
  if (secret.length !== 32) {
    throw new InstallKeyError(
      `the install key ${path} is damaged (${secret.length} bytes, not 32); plans and journals signed with it can no longer be verified`,
    );
  }
  return { macKey: derive(secret, 'mac'), sealKey: derive(secret, 'seal') };
}

export function mac(key: InstallKey, text: string): string {
  return createHmac('sha256', key.macKey).update(text).digest('hex');
}

/** Constant-time comparison of two hex MACs. */
export function macMatches(expected: string, actual: unknown): boolean {
  if (typeof actual !== 'string' || !/^[0-9a-f]{64}$/.test(actual)) return false;
  return timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(actual, 'hex'));
}

/** AES-256-GCM; `context` (e.g. the container's name) is authenticated too, so a sealed value cannot be moved elsewhere. */
export function seal(key: InstallKey, plaintext: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.sealKey, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
}

export function unseal(key: InstallKey, sealed: string, context: string): string {
  const raw = sealed.startsWith('v1.') ? Buffer.from(sealed.slice(3), 'base64') : null;
  if (!raw || raw.length < 28) throw new InstallKeyError('a sealed value is malformed');
  const decipher = createDecipheriv('aes-256-gcm', key.sealKey, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(raw.subarray(12, 28));
  try {
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    throw new InstallKeyError(
      "a sealed value cannot be opened with this installation's key (it was changed, or made by another installation)",
    );
  }
}
