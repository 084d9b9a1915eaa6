import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { createTestApp, TestApp } from '../helpers/test-app.js';

interface Operation {
  operationId: string;
  security?: Array<Record<string, string[]>>;
}
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, { name?: string }> };
};

/** Warnings of the recommended rules that the contracts themselves cause, and why they stay. */
const ACCEPTED_WARNINGS: Record<string, string> = {
  // parking's contract has both /parking/pass/borrow/{requestId} and /parking/pass/{id}/lend.
  'no-ambiguous-paths': 'routes fixed by docs/contracts/parking.md',
  // /health and the GBFS files answer no 4xx by design (GBFS consumers get the file or a 5xx).
  'operation-4xx-response': 'operations that have no client error to report',
};

/**
 * The document that /docs-json serves is what the server does: it passes the linter real tools use
 * (redocly, recommended rules) with no error, and each operation's security claim holds when the
 * operation is called without credentials.
 */
describe('the OpenAPI document', () => {
  let testApp: TestApp;
  let document: Document;

  beforeAll(async () => {
    testApp = await createTestApp({ env: { HAIL_AUTH_HEADER_NAME: 'X-Hail-Secret', HAIL_AUTH_HEADER_VALUE: 'hail-secret' } });
    document = (await testApp.http().get('/docs-json').expect(200)).body as Document;
  });
  afterAll(() => testApp.close());

  const operations = () =>
    Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => ({ path, method, operation })),
    );

  it("passes redocly's recommended rules with no error", async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: JSON.stringify(document), absoluteRef: 'openapi.json', config });
    const described = problems.map(
      (problem) => `${problem.severity} ${problem.ruleId} ${problem.location[0]?.pointer}: ${problem.message}`,
    );
    expect(described.filter((line) => line.startsWith('error'))).toEqual([]);
    const unexpected = described.filter((line) => !Object.keys(ACCEPTED_WARNINGS).some((rule) => line.startsWith(`warn ${rule} `)));
    expect(unexpected).toEqual([]);
  });

  it('leaves CORS preflights out and declares security on every operation', () => {
    expect(operations().filter(({ method }) => method === 'options')).toEqual([]);
    expect(
      operations()
        .filter(({ operation }) => !Array.isArray(operation.security))
        .map(({ operation }) => operation.operationId),
    ).toEqual([]);
  });

  it('names the registry header as HAIL_AUTH_HEADER_NAME configures it', () => {
    expect(document.components.securitySchemes['registry-header']).toMatchObject({ type: 'apiKey', in: 'header', name: 'x-hail-secret' });
  });

  it("holds each operation's security claim against a call without credentials", async () => {
    const mismatches: string[] = [];
    for (const { path, method, operation } of operations()) {
      const url = path.replace(/\{[^}]+\}/g, '1');
      const request = testApp.http()[method as 'get'](url).set('User-Agent', 'openapi-check').set('Accept', 'application/json');
      const response = await (['post', 'put', 'patch'].includes(method) ? request.send({}) : request);
      const requirements = operation.security ?? [];
      const open = requirements.length === 0 || requirements.some((requirement) => Object.keys(requirement).length === 0);
      if (open && response.status === 401) mismatches.push(`${method.toUpperCase()} ${path} is documented public, answered 401`);
      if (!open && response.status !== 401)
        mismatches.push(`${method.toUpperCase()} ${path} is documented protected, answered ${response.status}`);
    }
    expect(mismatches).toEqual([]);
  });
});
