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
import { parseBasicAuthorization } from '../common/auth/basic-auth.strategy.js';
import { constantTimeEqual } from '../common/auth/secrets.js';

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
  const board = new BoardAdapter();
  board.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({ queues: registeredQueues(app).map((queue) => new BullAdapter(queue)), serverAdapter: board });

  await app.register(
    async (scope: FastifyInstance) => {
      scope.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
        if (isAdmin(request.headers.authorization, auth.admin)) return;
        await reply
          .status(401)
          .header('WWW-Authenticate', challenges.admin)
          .header('content-type', 'application/json; charset=utf-8')
          .send(JSON.stringify({ errors: [{ code: 401, message: 'admin credentials are required' }] }));
      });
      await scope.register(board.registerPlugin() as never);
    },
    { prefix: QUEUE_BOARD_PATH },
  );
}

function isAdmin(header: string | undefined, admin: { user: string; password: string } | undefined): boolean {
  const credentials = parseBasicAuthorization(header);
  if (admin === undefined || credentials === undefined) return false;
  const userMatches = constantTimeEqual(credentials.user, admin.user);
  const passwordMatches = constantTimeEqual(credentials.password, admin.password);
  return userMatches && passwordMatches;
}
