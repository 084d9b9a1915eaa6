import { Global, Module } from '@nestjs/common';
import { repositoryForDialect } from '../dialect.js';
import { PostgresDueWorkRepository, SqliteDueWorkRepository } from './due-work-sql.repository.js';
import { DueWorkRepository } from './due-work.repository.js';
import { DueWork } from './due-work.service.js';

/** Scheduling durable work, in every process. */
@Global()
@Module({
  providers: [repositoryForDialect(DueWorkRepository, { postgres: PostgresDueWorkRepository, sqlite: SqliteDueWorkRepository }), DueWork],
  exports: [DueWorkRepository, DueWork],
})
export class DueWorkModule {}
