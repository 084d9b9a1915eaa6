/**
 * The framework's own floor, for `bench:framework` and `bench:events`: a minimal NestJS 12 application on the Fastify
 * adapter (no module of ours, no hook, no guard, no interceptor, no logger) answering each path with
 * the same fixed status, headers and bytes as the bare server. What citymove costs above it is ours;
 * what it costs above bare `node:http` is Nest's and Fastify's.
 *
 * Run as a child process by `startMinimalNestServer` (bench/support/side-by-side.ts): the answers
 * come in BARE_ANSWERS, the port in BARE_PORT; it writes `listening` once it listens.
 */
import 'reflect-metadata';
import { Body, Controller, Get, Module, Post, Res } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import type { FixedAnswer } from './side-by-side.js';

const answers = JSON.parse(process.env.BARE_ANSWERS ?? '{}') as Record<string, FixedAnswer>;

// One handler per path, decorated as `@Get(path) handler(@Res({ passthrough: true }) reply)` would
// be: a route of the app's kind (the app's GBFS routes set their headers on the passthrough reply).
// A path may hold parameters (`/api/v1/streams/:streamName/events`).
class FixedAnswersController {}
for (const [index, [path, answer]] of Object.entries(answers).entries()) {
  const method = `answer${index}`;
  Object.defineProperty(FixedAnswersController.prototype, method, {
    value(reply: FastifyReply): string {
      reply.code(answer.status).headers(answer.headers);
      return answer.body;
    },
  });
  const descriptor = Object.getOwnPropertyDescriptor(FixedAnswersController.prototype, method)!;
  Res({ passthrough: true })(FixedAnswersController.prototype, method, 0);
  if (answer.method === 'POST') {
    // `@Post(path) handler(@Res(...) reply, @Body() body)`: Fastify parses the JSON body, Nest hands it over.
    Body()(FixedAnswersController.prototype, method, 1);
    Post(path)(FixedAnswersController.prototype, method, descriptor);
  } else Get(path)(FixedAnswersController.prototype, method, descriptor);
}
Controller()(FixedAnswersController);

class MinimalModule {}
Module({ controllers: [FixedAnswersController] })(MinimalModule);

const app = await NestFactory.create<NestFastifyApplication>(MinimalModule, new FastifyAdapter(), { logger: false });
await app.listen(Number(process.env.BARE_PORT), '127.0.0.1');
process.stdout.write('listening\n');
