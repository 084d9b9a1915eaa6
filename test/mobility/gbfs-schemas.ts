import { expect } from '@jest/globals';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// A CommonJS package seen from ESM: the plugin is the default export's `default`.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as typeof addFormatsModule.default;

const SCHEMAS = join(process.cwd(), 'test/fixtures/gbfs-json-schema-v3.0');

/**
 * A validator of one GBFS file against its official v3.0 schema (draft-07, Ajv's default draft), as
 * `gbfs.e2e-spec.ts` builds them. Not strict: the schemas carry `errorMessage`, a keyword of the
 * ajv-errors plugin that plain validation may ignore.
 */
export function gbfsSchemaValidator(file: string) {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const schema = JSON.parse(readFileSync(join(SCHEMAS, `${file}.json`), 'utf8'));
  expect(schema.$schema).toMatch(/draft-07/);
  return ajv.compile(schema);
}

export function expectValidGbfs(file: string, body: unknown): void {
  const validate = gbfsSchemaValidator(file);
  const valid = validate(body);
  expect(validate.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
}
