import { createBullBoard } from '@bull-board/api';
import { BullAdapter } from '@bull-board/api/bullAdapter';
import { FastifyAdapter as BoardAdapter } from '@bull-board/fastify';
import type { INestApplicationContext } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DiscoveryService } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import Bull from 'bull';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authConfig } from '../config/configuration.js';
import { challenges } from '../common/auth/realms.js';
import { isAdminAuthorization } from '../common/auth/admin-credentials.js';
import { FailureLimiter } from '../common/auth/failure-limiter.js';
import { ApiError } from '../common/errors/api-error.js';

export const QUEUE_BOARD_PATH = '/queues';

/** Every Bull queue any module registered, found through Nest's container. */
export function registeredQueues(app: INestApplicationContext): Bull.Queue[] {
  const queues = app
    .get(DiscoveryService)
    .getProviders()
    .map((wrapper) => wrapper.instance as unknown)
    .filter((instance): instance is Bull.Queue => instance instanceof Bull);
  return [...new Set(queues)];
}

/** Mounts the Bull board at /queues, behind admin Basic (refused whole when no admin is configured). */
export async function mountQueueBoard(app: NestFastifyApplication): Promise<void> {
  const auth = app.get<ConfigType<typeof authConfig>>(authConfig.KEY);
  const failures = app.get(FailureLimiter);
  const board = new BoardAdapter();
  board.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({ queues: registeredQueues(app).map((queue) => new BullAdapter(queue)), serverAdapter: board });

  await app.register(
    async (scope: FastifyInstance) => {
      scope.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
        try {
          // The admin password, guessed here or through AdminBasicGuard, shares one failure count.
          await failures.assertAllowed('admin-basic', request.ip);
          if (isAdminAuthorization(request.headers.authorization, auth.admin)) return;
          if (request.headers.authorization !== undefined) await failures.recordFailure('admin-basic', request.ip);
          throw ApiError.unauthorized('admin credentials are required', challenges.admin);
        } catch (error) {
          // The board is a plugin of its own: its refusals are written here, in the platform format.
          if (!(error instanceof ApiError)) throw error;
          await reply
            .status(error.status)
            .headers(error.headers)
            .header('content-type', 'application/json; charset=utf-8')
            .send(JSON.stringify({ errors: error.errors }));
        }
      });
      await scope.register(board.registerPlugin() as never);
    },
    { prefix: QUEUE_BOARD_PATH },
  );
}
