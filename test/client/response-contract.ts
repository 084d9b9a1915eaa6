import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS: its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

type Schema = Record<string, unknown>;

/** `#/components/...` → `openapi#/components/...`, at any depth, so refs resolve against the document. */
function anchored(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(anchored);
  if (schema === null || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string' && value.startsWith('#/') ? `openapi${value}` : anchored(value),
    ]),
  );
}

/**
 * Holds answers to the OpenAPI document: the status must be one the operation documents, and a JSON
 * body must match that response's schema (OpenAPI 3.0's `nullable` included, which Ajv knows).
 */
export class ResponseContract {
  private readonly ajv = addFormats(new Ajv({ strict: false, allErrors: true }));

  constructor(
    private readonly document: {
      paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: Schema }> }> }>>;
    },
  ) {
    const { paths: _paths, ...components } = document as unknown as Schema;
    this.ajv.addSchema(anchored(components) as Schema, 'openapi');
  }

  /** What is wrong with this answer, as lines (none when it honours the document). */
  problems(method: string, path: string, status: number, body: unknown): string[] {
    const operation = this.document.paths[path]?.[method.toLowerCase()];
    if (operation === undefined) return [`${method} ${path} is not in the document`];
    const response = operation.responses[String(status)] ?? operation.responses.default;
    if (response === undefined)
      return [`${method} ${path} answered ${status}, which the document does not list (${Object.keys(operation.responses).join(', ')})`];
    const schema = response.content?.['application/json']?.schema;
    if (schema === undefined || body === undefined || body === '') return [];
    const validate = this.ajv.compile(anchored(schema) as Schema);
    if (validate(body)) return [];
    return (validate.errors ?? []).map((error) => `${method} ${path} ${status}: ${error.instancePath || '(body)'} ${error.message}`);
  }
}
