import type { INestApplicationContext } from '@nestjs/common';
import { METHOD_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import type { Logger as Pino } from 'pino';

/**
 * One `info` line per module of ours once the application is up (Nest's own line per module,
 * controller and route went to `debug`): its controllers and routes, or for a module of background
 * processors its providers. Nest's and libraries' modules (config, TypeORM, Bull) are left out: they
 * have neither controllers nor a name ending in "ProcessorsModule".
 */
export function logModuleSummaries(app: INestApplicationContext, logger: Pino): void {
  for (const module of app.get(ModulesContainer).values()) {
    const name = module.metatype?.name ?? 'unknown';
    const controllers = [...module.controllers.values()].map((wrapper) => wrapper.metatype as (new (...args: never[]) => object) | null);
    const routes = controllers.reduce((sum, controller) => sum + (controller ? routeCount(controller) : 0), 0);
    if (controllers.length > 0) {
      logger.info(
        { module: name, controllers: controllers.length, routes },
        `${name} ready: ${controllers.length} controller(s), ${routes} route(s)`,
      );
    } else if (name.endsWith('ProcessorsModule')) {
      logger.info({ module: name, providers: module.providers.size }, `${name} ready`);
    }
  }
}

function routeCount(controller: new (...args: never[]) => object): number {
  const prototype = controller.prototype as Record<string, unknown>;
  return Object.getOwnPropertyNames(prototype).filter((key) => {
    const handler: unknown = key === 'constructor' ? undefined : Object.getOwnPropertyDescriptor(prototype, key)?.value;
    return typeof handler === 'function' && Reflect.getMetadata(METHOD_METADATA, handler) !== undefined;
  }).length;
}
