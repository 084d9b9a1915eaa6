import fc from 'fast-check';

/**
 * Adversarial requests for the operations of an OpenAPI document: for each operation, a
 * fast-check arbitrary of requests that start from a plausible one (built from the document's
 * examples and the fixtures' real ids) and break it the way careless and hostile clients do.
 */

export type Schema = {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  example?: unknown;
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
};

interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  schema?: Schema;
  example?: unknown;
}

export interface Operation {
  method: string;
  /** As the document writes it: `/parking/org/{id}`. */
  template: string;
  parameters: Parameter[];
  /** The media types the body may have, or none. */
  bodyTypes: string[];
  bodySchema?: Schema;
  /** Security scheme names, any one of which admits the caller; empty for public routes. */
  security: string[];
}

export interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Parameter[];
        requestBody?: { content: Record<string, { schema?: Schema }> };
        security?: Array<Record<string, string[]>>;
      }
    >
  >;
  components?: { schemas?: Record<string, Schema> };
}

export function operationsOf(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [template, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const content = operation.requestBody?.content ?? {};
      operations.push({
        method: method.toUpperCase(),
        template,
        parameters: operation.parameters ?? [],
        bodyTypes: Object.keys(content),
        bodySchema: Object.values(content)[0]?.schema,
        security: (operation.security ?? []).flatMap((requirement) => Object.keys(requirement)),
      });
    }
  }
  return operations;
}

/** What the fixtures made, for the requests to start from something real. */
export interface Fixtures {
  /** The `Authorization` (or other header) that each security scheme accepts. */
  credentials: Record<string, Record<string, string>>;
  /** A real value for a path parameter, by `<template>:<name>` then by `<name>`. */
  pathValues: Record<string, string>;
  /** Real values for body and query fields that name rows, by field name. */
  fieldValues: Record<string, unknown>;
}

/** One generated request, printable as the counterexample fast-check reports. */
export interface GeneratedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[]>;
  body?: string;
  /** What was done to the plausible request, for the reader of a failure. */
  mutations: string[];
}

const HOSTILE_TEXT = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udc00y',
  '\u200b',
  '\u202e\u2066abc',
  '\ufeff',
  'é',
  '😀',
  '%00',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  "'; DROP TABLE members; --",
  '1e300',
  '-1',
  'true',
  'null',
];

const BOUNDARY_NUMBERS = [0, -1, 1, 0.5, 2 ** 31 - 1, 2 ** 31, 2 ** 53 + 2, 1e300, -1e300, 5e-324];

/** A string of the kinds that break things: control and format characters, lone surrogates, huge. */
export const hostileString = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(...HOSTILE_TEXT),
    fc.string({ unit: 'binary', maxLength: 20 }),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc.constantFrom(300, 5_000, 70_000).map((length) => 'x'.repeat(length)),
  );

/** Any JSON value of a kind other than the expected one, and the edge values of numbers. */
export const hostileValue = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.constantFrom(...BOUNDARY_NUMBERS),
    fc.constantFrom('12', '2026-02-30', '2026-12-01', 'Point'),
    hostileString(),
    fc.constant([]),
    fc.constant({}),
    fc.array(fc.oneof(fc.integer(), fc.string()), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 5 }), fc.oneof(fc.integer(), fc.string()), { maxKeys: 3 }),
    fc.integer({ min: 40, max: 1000 }).map((depth) => nested(depth)),
  );

function nested(depth: number): unknown {
  let value: unknown = {};
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { a: value };
  return value;
}

/** A path segment that is not a plausible value: encoded hostile text, malformed encodings, huge numbers. */
const hostilePathSegment = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(
      '%00',
      'a%00b',
      '%ZZ',
      'a%E0%A4%A',
      '%ED%A0%80',
      '%C0%AF',
      '%2F',
      '..',
      '0',
      '-1',
      '2147483648',
      '9007199254740994',
      '1e300',
      '1.5',
      '%20',
      '%09',
    ),
    hostileString().map((text) => encodeURIComponent(text.replace(/[\ud800-\udfff]/g, 'x')) || 'x'),
    fc.constantFrom(300, 5000).map((length) => 'y'.repeat(length)),
  );

function resolve(schema: Schema | undefined, document: OpenApiDocument): Schema | undefined {
  let current = schema;
  for (let i = 0; current?.$ref !== undefined && i < 10; i++) {
    current = document.components?.schemas?.[current.$ref.replace('#/components/schemas/', '')];
  }
  return current;
}

/** A value that fits `schema` as far as its examples and the fixtures tell. */
function plausible(schema: Schema | undefined, document: OpenApiDocument, fixtures: Fixtures, field?: string): unknown {
  if (field !== undefined && field in fixtures.fieldValues) return fixtures.fieldValues[field];
  const resolved = resolve(schema, document);
  if (resolved === undefined) return undefined;
  if (resolved.example !== undefined) return resolved.example;
  if (resolved.enum !== undefined) return resolved.enum[0];
  if (resolved.properties !== undefined) {
    return Object.fromEntries(
      Object.entries(resolved.properties).map(([name, property]) => [name, plausible(property, document, fixtures, name)]),
    );
  }
  switch (resolved.type) {
    case 'array':
      return [plausible(resolved.items, document, fixtures)];
    case 'integer':
    case 'number':
      return resolved.minimum ?? 1;
    case 'boolean':
      return true;
    case 'object':
      return {};
    default:
      return 'text';
  }
}

/** Every field path of a plausible body (`a`, `a.b`, `a[0].c`), to pick one to break. */
function fieldPaths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (Array.isArray(value)) return value.flatMap((item, index) => [[...prefix, index], ...fieldPaths(item, [...prefix, index])]);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => [[...prefix, key], ...fieldPaths(item, [...prefix, key])]);
  }
  return [];
}

function withField(value: unknown, path: Array<string | number>, replacement: unknown): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (replacement === REMOVE) {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else {
    parent[last] = replacement;
  }
  return copy;
}

const REMOVE = Symbol('remove');

type BodyChoice = { body?: string; contentType?: string; mutation: string };

function bodyArbitrary(operation: Operation, document: OpenApiDocument, fixtures: Fixtures): fc.Arbitrary<BodyChoice> {
  const base = plausible(operation.bodySchema, document, fixtures) ?? {};
  const paths = fieldPaths(base);
  const asJson = (value: unknown, mutation: string): BodyChoice => ({
    body: JSON.stringify(value),
    contentType: 'application/json',
    mutation,
  });
  // Written as text: JSON.stringify itself overflows the stack a few thousand levels down.
  const nestedBody = (depth: number): BodyChoice => ({
    body: '{"a":'.repeat(depth) + '1' + '}'.repeat(depth),
    contentType: 'application/json',
    mutation: `body nested ${depth} deep`,
  });
  const choices: Array<fc.Arbitrary<BodyChoice>> = [
    fc.constant(asJson(base, 'plausible body')),
    fc
      .oneof(fc.constant(null), fc.constant([]), fc.constant('a string'), fc.constant(12), fc.constant([base]))
      .map((value) => asJson(value, 'body of the wrong kind')),
    fc.integer({ min: 33, max: 200_000 }).map(nestedBody),
    fc
      .constantFrom('{', '{"a":', '[1,]', 'nul', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{}}}', '\u0000', '"\\ud800"')
      .map((text) => ({ body: text, contentType: 'application/json', mutation: 'malformed JSON' })),
    fc.constantFrom(70 * 1024, 1100 * 1024).map((size) => asJson({ ...base, filler: 'z'.repeat(size) }, `oversized body (${size} bytes)`)),
    fc.constant({ body: '', contentType: 'application/json', mutation: 'empty JSON body' }),
    fc.dictionary(hostileString(), hostileValue(), { maxKeys: 3 }).map((extra) => asJson({ ...base, ...extra }, 'unknown keys')),
  ];
  if (paths.length > 0) {
    choices.push(
      fc.constantFrom(...paths).map((path) => asJson(withField(base, path, REMOVE), `without ${path.join('.')}`)),
      fc
        .tuple(fc.constantFrom(...paths), hostileValue())
        .map(([path, value]) => asJson(withField(base, path, value), `${path.join('.')} = hostile value`)),
    );
  }
  return fc.oneof(...choices);
}

function queryArbitrary(
  operation: Operation,
  document: OpenApiDocument,
  fixtures: Fixtures,
): fc.Arbitrary<{ query: string; mutations: string[] }> {
  const parameters = operation.parameters.filter((parameter) => parameter.in === 'query');
  const one = (parameter: Parameter): fc.Arbitrary<string | undefined> => {
    const example = parameter.example ?? plausible(parameter.schema, document, fixtures, parameter.name);
    const name = encodeURIComponent(parameter.name);
    const valid =
      example === undefined
        ? []
        : [fc.constant(`${name}=${encodeURIComponent(typeof example === 'string' ? example : JSON.stringify(example))}`)];
    return fc.oneof(
      fc.constant(undefined),
      // A valid long-poll `wait` holds the answer by design: only its invalid values are sent.
      ...(parameter.name === 'wait' ? [] : valid),
      hostileString().map((text) => `${name}=${encodeURIComponent(text.replace(/[\ud800-\udfff]/g, '\u0000'))}`),
      fc.constantFrom(...BOUNDARY_NUMBERS).map((number) => `${name}=${number}`),
      fc.constantFrom(
        `${name}=1&${name}=2`,
        `${name}[]=x`,
        `${name}[a]=x`,
        `${name}=`,
        name,
        `${name}=%ZZ`,
        `${name}=%E0%A4%A`,
        `${name}=a%00b`,
      ),
    );
  };
  return fc
    .tuple(
      fc.tuple(...parameters.map(one)),
      fc.option(fc.constantFrom('unknown=1', '%ZZ=1', '=x', '&&', 'a=%ED%A0%80'), { nil: undefined }),
    )
    .map(([values, extra]) => {
      const parts = [...values, extra].filter((part): part is string => part !== undefined);
      return {
        query: parts.length > 0 ? `?${parts.join('&')}` : '',
        mutations: parts.length > 0 ? [`query ${parts.join('&').slice(0, 120)}`] : [],
      };
    });
}

function pathArbitrary(operation: Operation, fixtures: Fixtures): fc.Arbitrary<{ path: string; mutations: string[] }> {
  const names = [...operation.template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
  const segment = (name: string) => {
    const real = fixtures.pathValues[`${operation.template}:${name}`] ?? fixtures.pathValues[name] ?? '1';
    return fc.oneof(
      { weight: 3, arbitrary: fc.constant({ value: encodeURIComponent(real), hostile: false }) },
      { weight: 2, arbitrary: hostilePathSegment().map((value) => ({ value, hostile: true })) },
    );
  };
  return fc.tuple(...names.map(segment)).map((segments) => {
    let path = operation.template;
    const mutations: string[] = [];
    names.forEach((name, index) => {
      path = path.replace(`{${name}}`, segments[index].value);
      if (segments[index].hostile) mutations.push(`path ${name} = ${segments[index].value.slice(0, 60)}`);
    });
    return { path, mutations };
  });
}

function credentialsArbitrary(
  operation: Operation,
  fixtures: Fixtures,
): fc.Arbitrary<{ headers: Record<string, string>; mutation: string }> {
  const valid = operation.security.map((scheme) =>
    fc.constant({ headers: fixtures.credentials[scheme] ?? {}, mutation: `${scheme} credentials` }),
  );
  const others = Object.entries(fixtures.credentials)
    .filter(([scheme]) => !operation.security.includes(scheme))
    .map(([scheme, headers]) => ({ headers, mutation: `${scheme} credentials (another realm)` }));
  return fc.oneof(
    ...(valid.length > 0 ? [{ weight: 4, arbitrary: fc.oneof(...valid) }] : []),
    { weight: 1, arbitrary: fc.constant({ headers: {}, mutation: 'no credentials' }) },
    ...(others.length > 0 ? [{ weight: 1, arbitrary: fc.constantFrom(...others) }] : []),
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          'Bearer x',
          'Bearer ',
          'Basic !!!',
          'Basic ' + Buffer.from('admin').toString('base64'),
          'Basic ' + Buffer.from('\u0000:\u0000').toString('base64'),
          'Bearer ' + 'a'.repeat(5000),
          'Digest x',
        )
        .map((authorization) => ({ headers: { authorization }, mutation: `authorization ${authorization.slice(0, 30)}` })),
    },
  );
}

function headerArbitrary(
  operation: Operation,
): fc.Arbitrary<{ headers: Record<string, string | string[]>; contentType?: string | null; mutations: string[] }> {
  const headerParameters = operation.parameters.filter(
    (parameter) => parameter.in === 'header' && /^x-(producer|consumer)-id$|^user-agent$/i.test(parameter.name),
  );
  const clientHeader = (name: string) =>
    fc.oneof(
      { weight: 4, arbitrary: fc.constant<string | string[] | undefined>(/user-agent/i.test(name) ? 'citymove-fuzz/1.0' : 'fuzz-client') },
      { weight: 1, arbitrary: fc.constant(undefined) },
      {
        weight: 1,
        arbitrary: fc.oneof(
          hostileString().map((text) => text.replace(/[^\t\x20-\x7e]/g, '?')),
          fc.constant(['a', 'b'] as string[]),
        ),
      },
    );
  return fc
    .record({
      clients: fc.tuple(...headerParameters.map((parameter) => clientHeader(parameter.name))),
      contentType: fc.oneof(
        { weight: 6, arbitrary: fc.constant<string | null | undefined>(undefined) },
        {
          weight: 1,
          arbitrary: fc.constantFrom<string | null>(
            null,
            'text/plain',
            'application/x-www-form-urlencoded',
            'application/json; charset=utf-16',
            'multipart/form-data; boundary=x',
            'application/xml',
            'garbage',
            'application/json;;;',
          ),
        },
      ),
      accept: fc.oneof(
        { weight: 4, arbitrary: fc.constant<string | undefined>(undefined) },
        {
          weight: 1,
          arbitrary: fc.constantFrom('application/json', 'text/html', '*/*', 'application/xml;q=1, application/json;q=0', ';;;'),
        },
      ),
    })
    .map(({ clients, contentType, accept }) => {
      const headers: Record<string, string | string[]> = {};
      const mutations: string[] = [];
      headerParameters.forEach((parameter, index) => {
        const value = clients[index];
        if (value !== undefined) headers[parameter.name.toLowerCase()] = value;
        else mutations.push(`no ${parameter.name}`);
      });
      if (accept !== undefined) {
        headers.accept = accept;
        mutations.push(`Accept ${accept}`);
      }
      if (contentType !== undefined) mutations.push(`Content-Type ${contentType}`);
      return { headers, contentType, mutations };
    });
}

/** Requests for one operation: each part plausible or broken, independently. */
export function requestsFor(operation: Operation, document: OpenApiDocument, fixtures: Fixtures): fc.Arbitrary<GeneratedRequest> {
  const hasBody = operation.bodyTypes.length > 0;
  return fc
    .record({
      path: pathArbitrary(operation, fixtures),
      query: queryArbitrary(operation, document, fixtures),
      credentials: credentialsArbitrary(operation, fixtures),
      headers: headerArbitrary(operation),
      body: hasBody
        ? bodyArbitrary(operation, document, fixtures)
        : fc.option(
            fc.constant<BodyChoice>({
              body: '{"unexpected":true}',
              contentType: 'application/json',
              mutation: 'a body where none is read',
            }),
            { nil: undefined },
          ),
    })
    .map(({ path, query, credentials, headers, body }) => {
      const requestHeaders: Record<string, string | string[]> = { ...headers.headers, ...credentials.headers };
      const contentType = headers.contentType === undefined ? body?.contentType : headers.contentType;
      if (body?.body !== undefined && contentType !== null && contentType !== undefined) requestHeaders['content-type'] = contentType;
      return {
        method: operation.method,
        path: `${path.path}${query.query}`,
        headers: requestHeaders,
        body: body?.body,
        mutations: [...path.mutations, ...query.mutations, credentials.mutation, ...headers.mutations, ...(body ? [body.mutation] : [])],
      };
    });
}
