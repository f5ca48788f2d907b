// The shipped JSON Schemas (fleet/schema/), compiled with Ajv's draft 2020-12 validator in strict
// mode, for tests that hold the CLI's real output against them.

import Ajv2020 from 'ajv/dist/2020';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const SCHEMA_DIR = join(__dirname, '..', '..', 'fleet', 'schema');
export const SCHEMA_FILES = ['check-report', 'watch-line', 'intune-result'] as const;
export type SchemaName = (typeof SCHEMA_FILES)[number];

export function loadSchema(name: SchemaName): Record<string, any> {
  return JSON.parse(readFileSync(join(SCHEMA_DIR, `${name}.schema.json`), 'utf8')) as Record<string, any>;
}

let ajv: Ajv2020 | null = null;

function compiled(): Ajv2020 {
  if (ajv) return ajv;
  ajv = new Ajv2020({ strict: true, allErrors: true });
  for (const name of SCHEMA_FILES) ajv.addSchema(loadSchema(name));
  return ajv;
}

/** The schema's complaints about `value` ([] when it is valid), one readable line each. */
export function schemaErrors(name: SchemaName, value: unknown): string[] {
  const validate = compiled().getSchema(`urn:eci-tray:schema:${name}`);
  if (!validate) throw new Error(`no schema ${name}`);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}
