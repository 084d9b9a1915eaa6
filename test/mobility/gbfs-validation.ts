import { expect } from '@jest/globals';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// A CommonJS package seen from ESM: the plugin is the default export's `default`.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as typeof addFormatsModule.default;

const SCHEMAS = join(process.cwd(), 'test/fixtures/gbfs-json-schema-v3.0');

const validators = new Map<string, ValidateFunction>();

/**
 * The official GBFS v3.0 schema of a file. They are draft-07 (Ajv's default draft). Not strict:
 * they carry `errorMessage`, a keyword of the ajv-errors plugin that plain validation may ignore.
 */
export function gbfsValidator(file: string): ValidateFunction {
  const known = validators.get(file);
  if (known !== undefined) return known;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const schema = JSON.parse(readFileSync(join(SCHEMAS, `${file}.json`), 'utf8'));
  expect(schema.$schema).toMatch(/draft-07/);
  const validate = ajv.compile(schema);
  validators.set(file, validate);
  return validate;
}

export function expectValidGbfs(file: string, body: unknown): void {
  const validate = gbfsValidator(file);
  const valid = validate(body);
  expect({ file, errors: validate.errors ?? [] }).toEqual({ file, errors: [] });
  expect(valid).toBe(true);
}
