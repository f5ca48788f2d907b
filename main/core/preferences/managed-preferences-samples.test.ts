// The samples admins copy (fleet/managed-preferences/): the Linux JSON file, the Windows .reg file
// and the macOS configuration profile each set every managed key, with the same values, and each
// passes the app's own schema with no problem; the JSON also passes the fleet JSON Schema.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { parseRegFile, parseXmlPlist } from '../../../e2e/support/admin-formats';
import { loadSchema } from '../../../e2e/support/fleet-schemas';
import { interpretManaged, MANAGED_KEYS } from './managed-preferences';
import { WINDOWS_POLICY_KEY } from './managed-preferences-source';

const DIR = join(__dirname, '..', '..', '..', 'fleet', 'managed-preferences');
const read = (name: string) => readFileSync(join(DIR, name), 'utf8');

const linux = JSON.parse(read('managed-preferences.json')) as Record<string, unknown>;
const windows = parseRegFile(read('eci-tray.reg'), WINDOWS_POLICY_KEY);
const profile = parseXmlPlist(read('eci-tray.mobileconfig')) as { PayloadContent: Array<Record<string, unknown>> };
const macPayload = profile.PayloadContent.find((p) => p['PayloadType'] === 'io.ecitray.app')!;

describe('the managed-preferences samples in fleet/', () => {
  const samples = [
    ['Linux JSON', linux],
    ['Windows .reg', windows],
    ['macOS profile payload', macPayload],
  ] as const;

  it.each(samples)('%s: passes the app schema with no problem', (_, raw) => {
    expect(interpretManaged(raw, 'sample').problems).toEqual([]);
  });

  it.each(samples)('%s: sets every managed key (dockerHost: null means not pinned)', (_, raw) => {
    const keys = Object.keys(interpretManaged(raw, 'sample').values);
    expect([...keys, ...(keys.includes('dockerHost') ? [] : ['dockerHost'])].sort()).toEqual([...MANAGED_KEYS].sort());
  });

  it('the three samples set the same values', () => {
    const values = samples.map(([, raw]) => {
      const { dockerHost: _pin, ...v } = interpretManaged(raw, 'sample').values;
      return v;
    });
    expect(values[1]).toEqual(values[0]);
    expect(values[2]).toEqual(values[0]);
  });

  it('the Linux JSON passes the fleet JSON Schema of managedPreferences.values', () => {
    const ajv = new Ajv2020({ strict: false });
    const schema = loadSchema('check-report');
    const validateValues = ajv.compile({ ...schema, oneOf: undefined, $ref: '#/$defs/managedValues' });
    expect(validateValues(linux), JSON.stringify(validateValues.errors)).toBe(true);
    expect(validateValues({ ...linux, probeImag: 'x' })).toBe(false);
  });
});
