import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TransactionRunner } from '../database/transaction-runner.js';

/**
 * What every parking repository goes through: the transaction of the call, when there is one
 * (`TransactionRunner.manager()`), so a service composes repository calls into one unit of work
 * without passing a manager around.
 */
@Injectable()
export abstract class ParkingRepository {
  constructor(protected readonly transactions: TransactionRunner) {}

  /** Reads: inside the caller's transaction when there is one, else on the pool. */
  protected get reader(): EntityManager {
    return this.transactions.manager();
  }

  /**
   * Writes: only inside `transactions.run`. On SQLite a write outside it could land inside another
   * request's open transaction on the one shared connection; failing loudly keeps that a bug.
   */
  protected get writer(): EntityManager {
    // The runner knows which transaction this call is in; a query runner's own flag does not (on
    // SQLite every transaction shares one query runner, so another request's would do).
    const manager = this.transactions.active();
    if (manager === undefined) throw new Error(`${this.constructor.name}: a write outside transactions.run`);
    return manager;
  }
}
