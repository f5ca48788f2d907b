import { describe, expect, it } from 'vitest';
import { parseDsclHome, parseDsclUid, parsePasswdEntry, parseProfileList, windowsProfileOf } from './user-home';

describe('Linux: getent passwd', () => {
  it.each([
    ['jdoe:x:1000:1000:John Doe,,,:/home/jdoe:/bin/bash\n', 'jdoe', { home: '/home/jdoe', uid: 1000 }],
    ['jdoe:x:1000:1000::/srv/users/jdoe:/usr/sbin/nologin', 'jdoe', { home: '/srv/users/jdoe', uid: 1000 }],
    ['jdoe2:x:1001:1001::/home/jdoe2:/bin/sh', 'jdoe', null],
    ['jdoe:x:1000:1000::relative:/bin/sh', 'jdoe', null],
    ['jdoe:x:abc:1000::/home/jdoe:/bin/sh', 'jdoe', null],
    ['', 'jdoe', null],
  ])('%j for %s', (output, name, entry) => {
    expect(parsePasswdEntry(output, name)).toEqual(entry);
  });
});

describe('macOS: dscl NFSHomeDirectory', () => {
  it.each([
    ['NFSHomeDirectory: /Users/jdoe\n', '/Users/jdoe'],
    ['NFSHomeDirectory:\n /Users/a very long name\n', '/Users/a very long name'],
    ['<dscl_cmd> DS Error: -14136 (eDSRecordNotFound)\n', null],
    ['', null],
  ])('%j', (output, home) => {
    expect(parseDsclHome(output)).toBe(home);
  });
});

describe('macOS: dscl UniqueID', () => {
  it.each([
    ['NFSHomeDirectory: /Users/jdoe\nUniqueID: 501\n', 501],
    ['UniqueID: 0\n', 0],
    ['UniqueID: -2\n', null],
    ['UniqueID: 5o1\n', null],
    ['NFSHomeDirectory: /Users/jdoe\n', null],
    ['', null],
  ])('%j', (output, uid) => {
    expect(parseDsclUid(output)).toBe(uid);
  });
});

const PROFILE_LIST = `
HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList\\S-1-5-18
    ProfileImagePath    REG_EXPAND_SZ    %systemroot%\\system32\\config\\systemprofile

HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList\\S-1-5-21-1-2-3-1001
    ProfileImagePath    REG_EXPAND_SZ    C:\\Users\\jdoe

HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList\\S-1-5-21-1-2-3-1002
    ProfileImagePath    REG_EXPAND_SZ    %SystemDrive%\\Users\\Anna.CORP

End of search: 3 match(es) found.
`;

describe('Windows: the registry ProfileList', () => {
  it('reads every SID and expands its path', () => {
    expect(parseProfileList(PROFILE_LIST, { SystemRoot: 'C:\\Windows' })).toEqual([
      { sid: 'S-1-5-18', path: 'C:\\Windows\\system32\\config\\systemprofile' },
      { sid: 'S-1-5-21-1-2-3-1001', path: 'C:\\Users\\jdoe' },
      { sid: 'S-1-5-21-1-2-3-1002', path: 'C:\\Users\\Anna.CORP' },
    ]);
  });

  it.each([
    ['jdoe', 'C:\\Users\\jdoe'],
    ['JDOE', 'C:\\Users\\jdoe'],
    ['anna', 'C:\\Users\\Anna.CORP'],
    ['systemprofile', null],
    ['bob', null],
  ])('%s -> %s', (name, path) => {
    expect(windowsProfileOf(parseProfileList(PROFILE_LIST.replace(/\n/g, '\r\n')), name)).toBe(path);
  });
});
