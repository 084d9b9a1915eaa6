import { Global, Module } from '@nestjs/common';
import { DueWorkRunner } from './due-work.runner.js';

/** Running durable work: loaded where processors run (RUN_PROCESSORS, the worker entry point). */
@Global()
@Module({ providers: [DueWorkRunner], exports: [DueWorkRunner] })
export class DueWorkRunnerModule {}
