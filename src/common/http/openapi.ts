import type { ConfigType } from '@nestjs/config';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { operatorConfig } from '../../config/configuration.js';

export const OPENAPI_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * The OpenAPI document of the running application, as `/docs-json` serves it and Swagger UI reads
 * it: built from the controllers' decorators, then held to what a linter (redocly's recommended
 * rules) and a generated client expect of it. The registry's header is named as configured.
 */
export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const registryHeader = app.get<ConfigType<typeof operatorConfig>>(operatorConfig.KEY).hailAuthHeader?.name ?? 'X-Registry-Auth';
  const config = new DocumentBuilder()
    .setTitle('citymove')
    .setDescription(
      "A city's mobility services: the taxi operator for api.taxi, bike sharing with a GBFS 3.0 feed, " +
        "parking-pass sharing, a community's members, and an HTTP event store.",
    )
    .setVersion('0.1.0')
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    // Relative: the document describes whichever origin serves it (behind a proxy too).
    .addServer('/')
    // A header every members request needs, yet no parameter: browsers refuse to set User-Agent
    // themselves (a forbidden header name) and always send their own.
    .addTag('members', 'Every request needs a non-empty `User-Agent` header (400 without); browsers and HTTP libraries send one.')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'From POST /v1/login' }, 'member-jwt')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'From POST /parking/user/auth' }, 'parking-jwt')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Driver token shown once at taxi registration' }, 'taxi-token')
    .addBasicAuth({ type: 'http', scheme: 'basic', description: 'ADMIN_USER / ADMIN_PASSWORD' }, 'admin-basic')
    .addBasicAuth({ type: 'http', scheme: 'basic', description: 'A pair of EVENTS_CLIENTS' }, 'events-basic')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'METRICS_TOKEN, for Prometheus scrapers' }, 'metrics-token')
    .addApiKey(
      {
        type: 'apiKey',
        in: 'header',
        name: registryHeader,
        description: 'The header the registry sends with each hail: HAIL_AUTH_HEADER_NAME / HAIL_AUTH_HEADER_VALUE',
      },
      'registry-header',
    )
    .build();
  return refineDocument(SwaggerModule.createDocument(app, config));
}

/**
 * - CORS preflight handlers (`OPTIONS`) are machinery every browser drives by itself, not
 *   operations a client calls: they leave the document.
 * - An operation that declares no security is public, and says so (`security: []`), so a reader and
 *   a linter can tell "open" from "forgot to declare"; the platform test checks each claim against
 *   what the server does without credentials.
 */
export function refineDocument(document: OpenAPIObject): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    delete (item as Record<string, unknown>).options;
    const operations = OPENAPI_METHODS.map((method) => item[method]).filter((operation) => operation !== undefined);
    if (operations.length === 0) {
      delete document.paths[path];
      continue;
    }
    for (const operation of operations) operation.security ??= [];
  }
  return document;
}

/** Swagger UI at /docs, the document at /docs-json and /docs-yaml. */
export function setUpSwagger(app: NestFastifyApplication): void {
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app), {
    jsonDocumentUrl: 'docs-json',
    yamlDocumentUrl: 'docs-yaml',
    // No badge fetched from validator.swagger.io: it would send our document's URL to a third party.
    swaggerOptions: { validatorUrl: null },
  });
}
