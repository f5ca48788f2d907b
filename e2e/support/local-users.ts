// Real local users for tests of what root does with another user's files: created with useradd
// (homes in a folder the test gives), removed after, and swept by a later run after a crash.

import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { isAlive } from '../lab/processes';

export interface TestUser {
  name: string;
  home: string;
  uid: number;
  gid: number;
}

/** Users a crashed earlier run left behind (their creating process, in the name, is gone). */
export function sweepStaleUsers(prefix: string): void {
  if (process.getuid?.() !== 0) throw new Error('these tests create local users: run them as root');
  for (const line of execFileSync('getent', ['passwd'], { encoding: 'utf8' }).split('\n')) {
    const m = new RegExp(`^(${prefix}(\\d+)[a-z]):[^:]*:\\d+:\\d+:[^:]*:([^:]*):`).exec(line);
    if (m && !isAlive(Number(m[2]))) {
      spawnSync('userdel', [m[1]!]);
      if (m[3]!.startsWith(tmpdir())) rmSync(m[3]!, { recursive: true, force: true });
    }
  }
}

/** A user named PREFIX + this process's pid + letter, with a home under `root`. */
export function addUser(root: string, prefix: string, letter: string): TestUser {
  const name = `${prefix}${process.pid}${letter}`;
  const home = join(root, name);
  execFileSync('useradd', ['--home-dir', home, '--create-home', '--shell', '/usr/sbin/nologin', '--user-group', name]);
  const st = statSync(home);
  return { name, home, uid: st.uid, gid: st.gid };
}

export function removeUser(user: TestUser): void {
  spawnSync('userdel', [user.name]);
}

/** Writes a file in the user's home, owned by them (as Docker Desktop and the docker CLI would). */
export function writeAsUser(user: TestUser, rel: string, content: string): string {
  const path = join(user.home, rel);
  let dir = user.home;
  for (const part of dirname(rel).split('/').filter(Boolean)) {
    dir = join(dir, part);
    mkdirSync(dir, { recursive: true });
    chownSync(dir, user.uid, user.gid);
  }
  writeFileSync(path, content);
  chownSync(path, user.uid, user.gid);
  return path;
}
