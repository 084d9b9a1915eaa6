import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AllowedMethods } from './common/errors/allowed-methods.js';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter.js';
import { ErrorFormats } from './common/errors/error-formats.js';
import { createValidationPipe } from './common/errors/validation.js';
import { ROUTER_OPTIONS } from './common/http/routing.js';
import { drainConnectionsOnClose } from './common/http/connection-draining.js';
import { EventLoopGuard } from './common/http/event-loop-guard.js';
import { setUpSwagger } from './common/http/openapi.js';
import { addSecurityHeaders } from './common/http/security-headers.js';
import { DEFAULT_BODY_LIMIT, installBodyRules } from './common/input/request-body.js';
import { clientErrorsInModuleFormat, installUrlRules, routerErrorsToFilter } from './common/input/url-rules.js';
import { fastifyLoggingOptions } from './common/logging/logging.js';
import { authConfig } from './config/configuration.js';
import type { LogLevel } from './config/environment.js';
import { instrumentHttp } from './metrics/http-metrics.js';
import { MetricsService } from './metrics/metrics.service.js';
import { mountQueueBoard } from './queue/queue-board.js';

export function createFastifyAdapter(options: { logLevel: LogLevel; trustProxy: boolean }): FastifyAdapter {
  return new FastifyAdapter({
    ...fastifyLoggingOptions(options.logLevel),
    // Routes that need more say so with @BodyLimits (see src/common/input/request-body.ts).
    bodyLimit: DEFAULT_BODY_LIMIT,
    frameworkErrors: routerErrorsToFilter,
    clientErrorHandler: clientErrorsInModuleFormat,
    trustProxy: options.trustProxy,
    routerOptions: ROUTER_OPTIONS,
  });
}

/**
 * Everything an HTTP application needs beyond its modules, in one place so that `main.ts` and the
 * end-to-end tests configure it identically: security headers, the error filter and validation,
 * 405 detection, connection draining at close, Swagger, the queue board.
 */
export async function configureApp(app: NestFastifyApplication): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const allowedMethods = app.get(AllowedMethods);
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) allowedMethods.add(method, route.url);
  });
  // Every hook on the hot path is a callback, never an `async` function: an async hook costs a
  // promise and a microtask turn per request (with AsyncLocalStorage on, promise hooks too).
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  instrumentHttp(fastify, app.get(MetricsService));
  drainConnectionsOnClose(fastify);

  app.get(EventLoopGuard).install(fastify);
  installUrlRules(fastify, app.get(AllExceptionsFilter), app.get(ErrorFormats));
  installBodyRules(app);

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

/** Logs the one warning a development default deserves. */
export function warnAboutDefaults(app: INestApplicationContext): void {
  const auth = app.get<ConfigType<typeof authConfig>>(authConfig.KEY);
  const { source, path } = auth.jwtSecretSource;
  if (source !== 'configured') {
    const where = source === 'file' ? `generated and kept in ${path}` : 'generated for this process: tokens end with it';
    new Logger('Config').warn(`JWT_SECRET is not set: the JWT secret was ${where} (JWT_SECRET is required when NODE_ENV=production)`);
  }
  if (auth.admin === undefined) {
    new Logger('Config').warn('ADMIN_USER/ADMIN_PASSWORD are not set: admin routes and /queues answer 401');
  }
}
