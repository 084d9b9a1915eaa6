import { Global, Module } from '@nestjs/common';
import { DatabaseLocks } from './database-locks.js';
import { TransactionRunner } from './transaction-runner.js';

/** The database mechanics every module shares, once: the transaction runner and the locks. */
@Global()
@Module({ providers: [TransactionRunner, DatabaseLocks], exports: [TransactionRunner, DatabaseLocks] })
export class DatabaseModule {}
