import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AllowedMethods } from './common/errors/allowed-methods.js';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter.js';
import { createValidationPipe } from './common/errors/validation.js';
import { addSecurityHeaders } from './common/http/security-headers.js';
import { fastifyLoggingOptions } from './common/logging/logging.js';
import { authConfig } from './config/configuration.js';
import type { LogLevel } from './config/environment.js';
import { mountQueueBoard } from './queue/queue-board.js';

/** The largest body any route accepts (the events store's 1 MiB envelope). */
export const BODY_LIMIT = 1024 * 1024;

export function createFastifyAdapter(options: { logLevel: LogLevel; trustProxy: boolean }): FastifyAdapter {
  return new FastifyAdapter({
    ...fastifyLoggingOptions(options.logLevel),
    bodyLimit: BODY_LIMIT,
    trustProxy: options.trustProxy,
    // A 200-character stream name percent-encodes to up to 2,400 characters: the router must still
    // match it so the module can answer its own 400, rather than Fastify a bare 414.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 4096 },
  });
}

/**
 * Everything an HTTP application needs beyond its modules, in one place so that `main.ts` and the
 * end-to-end tests configure it identically: security headers, the error filter and validation,
 * 405 detection, Swagger, the queue board.
 */
export async function configureApp(app: NestFastifyApplication): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const allowedMethods = app.get(AllowedMethods);
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) allowedMethods.add(method, route.url);
  });
  fastify.addHook('onRequest', async (request, reply) => {
    reply.header('X-Request-Id', request.id);
  });

  addSecurityHeaders(fastify, {
    // Swagger UI and the queue board load their own scripts and inline styles.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'validator.swagger.io'],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        fontSrc: ["'self'", 'data:'],
      },
    },
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  });

  app.useGlobalFilters(app.get(AllExceptionsFilter));
  app.useGlobalPipes(createValidationPipe());
  setUpSwagger(app);
  await mountQueueBoard(app);
}

function setUpSwagger(app: NestFastifyApplication): void {
  const config = new DocumentBuilder()
    .setTitle('citymove')
    .setDescription(
      "A city's mobility services: the taxi operator for api.taxi, bike sharing with a GBFS 3.0 feed, " +
        "parking-pass sharing, a community's members, and an HTTP event store.",
    )
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'From POST /v1/login' }, 'member-jwt')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'From POST /parking/user/auth' }, 'parking-jwt')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Driver token shown once at taxi registration' }, 'taxi-token')
    .addBasicAuth({ type: 'http', scheme: 'basic', description: 'ADMIN_USER / ADMIN_PASSWORD' }, 'admin-basic')
    .addBasicAuth({ type: 'http', scheme: 'basic', description: 'A pair of EVENTS_CLIENTS' }, 'events-basic')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Registry-Auth', description: 'HAIL_AUTH_HEADER_NAME: HAIL_AUTH_HEADER_VALUE' }, 'registry-header')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', yamlDocumentUrl: 'docs-yaml' });
}

/** Logs the one warning a development default deserves. */
export function warnAboutDefaults(app: INestApplicationContext): void {
  const auth = app.get<ConfigType<typeof authConfig>>(authConfig.KEY);
  if (auth.jwtSecretIsDefault) {
    new Logger('Config').warn('JWT_SECRET is not set: using the development secret (refused when NODE_ENV=production)');
  }
  if (auth.admin === undefined) {
    new Logger('Config').warn('ADMIN_USER/ADMIN_PASSWORD are not set: admin routes and /queues answer 401');
  }
}
