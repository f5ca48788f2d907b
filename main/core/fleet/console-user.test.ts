import { describe, expect, it } from 'vitest';
import {
  linuxSeatUser,
  parseLoginctlSessions,
  parseLoginctlShow,
  parseMacConsoleOwner,
  parseQueryUser,
  validUserName,
  windowsConsoleUser,
} from './console-user';

describe('macOS: the owner of /dev/console', () => {
  it.each([
    ['jdoe\n', 'jdoe'],
    ['root\n', null],
    ['_mbsetupuser\n', null],
    ['loginwindow', null],
    ['', null],
    ['  anna.b  \n', 'anna.b'],
  ])('%j -> %j', (output, user) => {
    expect(parseMacConsoleOwner(output)).toBe(user);
  });
});

const QUSER_EN = ` USERNAME              SESSIONNAME        ID  STATE   IDLE TIME  LOGON TIME
>administrator         rdp-tcp#1           2  Active          .  12/1/2026 10:02 AM
 jdoe                  console             1  Active      none   12/1/2026 9:00 AM
 bob                                       3  Disc        1:05   11/30/2026 8:00 PM
`;
const QUSER_DE = ` BENUTZERNAME          SITZUNGSNAME       ID  STATUS  LEERLAUF   ANMELDEZEIT
 anna                  console             1  Aktiv         .  01.12.2026 09:00
`;
const QUSER_RDP_ONLY = ` USERNAME              SESSIONNAME        ID  STATE   IDLE TIME  LOGON TIME
 bob                                       3  Disc        1:05   11/30/2026 8:00 PM
>carol                 rdp-tcp#4           5  Active          .  12/1/2026 7:30 AM
`;
const QUSER_DISCONNECTED = ` USERNAME              SESSIONNAME        ID  STATE   IDLE TIME  LOGON TIME
 bob                                       3  Disc        1:05   11/30/2026 8:00 PM
`;

describe('Windows: query user', () => {
  it('reads every row, with or without a session name, whatever the header language', () => {
    expect(parseQueryUser(QUSER_EN)).toEqual([
      { user: 'administrator', sessionName: 'rdp-tcp#1', id: 2, state: 'Active', current: true },
      { user: 'jdoe', sessionName: 'console', id: 1, state: 'Active', current: false },
      { user: 'bob', sessionName: '', id: 3, state: 'Disc', current: false },
    ]);
    expect(parseQueryUser(QUSER_DE)).toEqual([
      { user: 'anna', sessionName: 'console', id: 1, state: 'Aktiv', current: false },
    ]);
  });

  it.each([
    ['console session wins over the rdp one the script runs in', QUSER_EN, 'jdoe'],
    ['German Windows', QUSER_DE, 'anna'],
    ['no console session: the connected remote desktop user', QUSER_RDP_ONLY, 'carol'],
    ['only a disconnected session: nobody at the keyboard', QUSER_DISCONNECTED, null],
    ['no output (quser: "No User exists for *")', '', null],
    ['header only', QUSER_EN.split('\n')[0]!, null],
    ['CRLF line ends', QUSER_DE.replace(/\n/g, '\r\n'), 'anna'],
  ])('%s', (_, output, user) => {
    expect(windowsConsoleUser(parseQueryUser(output))).toBe(user);
  });
});

describe('Linux: the active seat user from loginctl', () => {
  it.each([
    ['systemd 249 columns', '     2 1000 jdoe seat0 tty2\n    c1  120 gdm  seat0 tty1\n', ['2', 'c1']],
    ['systemd 256 columns', '3 1000 jdoe seat0 1234 user tty2 no -\n5 1001 ann - 999 user - no -\n', ['3', '5']],
    ['nothing', '', []],
    ['a "No sessions." line', 'No sessions.\n', []],
  ])('list-sessions: %s', (_, output, ids) => {
    // "No sessions." has a capitalised word with a dot: not an id.
    expect(parseLoginctlSessions(output)).toEqual(ids);
  });

  const show = (...records: Array<Record<string, string>>) =>
    records
      .map((r) =>
        Object.entries(r)
          .map(([k, v]) => `${k}=${v}`)
          .join('\n'),
      )
      .join('\n\n') + '\n';
  const desk = { Id: '2', Name: 'jdoe', Seat: 'seat0', Active: 'yes', State: 'active', Remote: 'no', Class: 'user' };

  it.each([
    ['the active local session on seat0', show(desk), 'jdoe'],
    ['the greeter (class greeter) is nobody', show({ ...desk, Name: 'gdm', Class: 'greeter' }), null],
    ['an ssh session has no seat', show({ ...desk, Name: 'ops', Seat: '', Remote: 'yes' }), null],
    [
      'a session switched away (not active) is not at the keyboard',
      show({ ...desk, Active: 'no', State: 'online' }),
      null,
    ],
    [
      'a lingering user (no session on a seat)',
      show({ Id: 'c3', Name: 'ann', Seat: '', Active: 'no', State: 'closing', Remote: 'no', Class: 'user' }),
      null,
    ],
    [
      'fast user switching: the active of two',
      show({ ...desk, Active: 'no', State: 'online' }, { ...desk, Id: '7', Name: 'ann' }),
      'ann',
    ],
    ['seat0 before another seat', show({ ...desk, Id: '9', Name: 'second', Seat: 'seat1' }, desk), 'jdoe'],
    ['no sessions', '', null],
  ])('%s', (_, output, user) => {
    expect(linuxSeatUser(parseLoginctlShow(output))).toBe(user);
  });
});

describe('user names passed to the OS tools', () => {
  it.each([
    ['jdoe', true],
    ['anna.b', true],
    ['j.doe@corp', true],
    ['Ann Smith', true],
    ['', false],
    ['-rf', false],
    ['../root', false],
    ['a/b', false],
    ['CORP\\jdoe', false],
    ['..', false],
    ['x'.repeat(65), false],
  ])('%j -> %s', (name, ok) => {
    expect(validUserName(name)).toBe(ok);
  });
});
