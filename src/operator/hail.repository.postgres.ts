import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DUE_WORK_CHANNEL } from '../database/due-work/due-work.repository.js';
import type { DueWorkRequest } from '../database/due-work/due-work.types.js';
import { HAIL_MOVES, type HailStatus } from './hail-state-machine.js';
import type { HailUpdate } from './hail-update.entity.js';
import { Hail } from './hail.entity.js';
import type { NewRegistryCall, ReceivedByTaxiTaken, ReceivedHail, StatusChange } from './hail.repository.js';
import { PortableHailRepository, type StatusWritten } from './hail.repository.portable.js';

/**
 * PostgreSQL's implementation: the portable one, but where the registry's clock runs (storing a
 * hail, recording received_by_taxi) one statement does what SQLite does in several: a statement is
 * atomic by itself, and one round trip instead of six or seven is what keeps the 10 s under load.
 * The work items these statements write are `due_work` rows exactly as `DueWork.schedule` writes
 * them, workers notified at commit.
 */
@Injectable()
export class PostgresHailRepository extends PortableHailRepository {
  override recordReceived(hail: ReceivedHail, receivedByTaxiDeadline: Date, work: DueWorkRequest): Promise<boolean> {
    return this.unlessIdTaken(() =>
      this.manager.query(
        `WITH hail AS (
           INSERT INTO operator_hails (id, taxi_id, status, customer_lon, customer_lat, customer_address, customer_phone_number,
                                       registry_fields, received_at, updated_at)
           VALUES ($1, $2, ${literal(hail.status)}, $3, $4, $5, $6, $7::jsonb, $8, $8) RETURNING id
         ), transition AS (
           INSERT INTO operator_hail_transitions (hail_id, from_status, to_status, cause, at)
           SELECT id, NULL, ${literal(hail.status)}, 'registry', $8 FROM hail
         ), outbox AS (
           INSERT INTO operator_hail_updates (hail_id, seq, body, state, deadline_at, attempts, created_at)
           SELECT id, 1, $9::jsonb, 'pending', $10, 0, $8 FROM hail
         ), work AS (
           INSERT INTO due_work (kind, key, payload, due_at, deadline_at, created_at)
           SELECT $11, id, $15::jsonb, $12::bigint, $13::bigint, $16::bigint FROM hail
           ON CONFLICT (kind, key) DO UPDATE SET version = due_work.version + 1, due_at = excluded.due_at
         )
         SELECT pg_notify($14, $11)`,
        [
          hail.id,
          hail.taxiId,
          hail.customerLon,
          hail.customerLat,
          hail.customerAddress,
          hail.customerPhoneNumber,
          JSON.stringify(hail.registryFields),
          hail.receivedAt,
          JSON.stringify({ status: HAIL_MOVES.receivedByTaxi.to }),
          receivedByTaxiDeadline,
          work.kind,
          (work.dueAt ?? hail.receivedAt).getTime(),
          work.deadlineAt ? work.deadlineAt.getTime() : null,
          DUE_WORK_CHANNEL,
          JSON.stringify(work.payload ?? {}),
          hail.receivedAt.getTime(),
        ],
      ),
    );
  }

  override async recordReceivedByTaxiTaken(
    update: HailUpdate,
    call: NewRegistryCall,
    taken: { at: Date; decisionDeadlineAt: Date; work: DueWorkRequest[] },
  ): Promise<ReceivedByTaxiTaken> {
    const move = HAIL_MOVES.receivedByTaxi;
    const params: unknown[] = [
      update.hailId,
      call.requestBody === null ? null : JSON.stringify(call.requestBody),
      call.answerStatus,
      call.error,
      call.durationMs,
      call.attempt,
      taken.at,
      update.id,
      taken.decisionDeadlineAt,
    ];
    // $10, the workers' channel, only when there is work (an unused parameter has no type).
    if (taken.work.length > 0) params.push(DUE_WORK_CHANNEL);
    // The work items (`due_work`, as `DueWork` writes them: the decision timeout, the watch), only
    // when the hail moved, workers notified at commit.
    const workStatements = taken.work.map((work, index) => {
      const at = params.length;
      params.push(
        work.kind,
        (work.dueAt ?? taken.at).getTime(),
        work.deadlineAt ? work.deadlineAt.getTime() : null,
        taken.at.getTime(),
        JSON.stringify(work.payload ?? {}),
      );
      return `, work${index} AS (
           INSERT INTO due_work (kind, key, payload, due_at, deadline_at, created_at)
           SELECT $${at + 1}, id, $${at + 5}::jsonb, $${at + 2}::bigint, $${at + 3}::bigint, $${at + 4}::bigint FROM moved
           ON CONFLICT (kind, key) DO UPDATE
             SET version = due_work.version + 1, due_at = excluded.due_at, deadline_at = excluded.deadline_at, payload = excluded.payload
           RETURNING kind
         )`;
    });
    const notified = taken.work.map((_, index) => `, (SELECT pg_notify($10, kind) FROM work${index}) AS notified${index}`).join('');
    const [result]: Array<{ marked: number; taxi_id: string | null }> = await this.manager.query(
      `WITH call AS (
         INSERT INTO operator_registry_calls (hail_id, method, request_body, answer_status, error, duration_ms, attempt, at)
         VALUES ($1, ${literal(call.method)}, $2::jsonb, $3, $4, $5, $6, $7)
       ), marked AS (
         UPDATE operator_hail_updates SET state = 'sent', done_at = $7, attempts = $6
         WHERE id = $8 AND state = 'pending' RETURNING hail_id
       ), moved AS (
         UPDATE operator_hails SET status = ${literal(move.to)}, updated_at = $7, received_by_taxi_at = $7, decision_deadline_at = $9
         WHERE id = (SELECT hail_id FROM marked) AND status = ${literal(move.from[0])} RETURNING id, taxi_id
       ), transition AS (
         INSERT INTO operator_hail_transitions (hail_id, from_status, to_status, cause, at)
         SELECT id, ${literal(move.from[0])}, ${literal(move.to)}, ${literal(move.cause)}, $7 FROM moved
       )${workStatements.join('')}
       SELECT (SELECT count(*) FROM marked)::int AS marked, (SELECT taxi_id FROM moved) AS taxi_id${notified}`,
      params,
    );
    const marked = result.marked > 0;
    const moved = result.taxi_id === null ? null : { taxiId: result.taxi_id };
    // The driver answered before the registry took received_by_taxi: keep the instant anyway.
    if (marked && moved === null) await this.manager.update(Hail, { id: update.hailId }, { receivedByTaxiAt: taken.at });
    return { marked, moved };
  }

  /**
   * One status to leave and no row read yet: a single conditional UPDATE … RETURNING both checks
   * and changes (it takes the row lock itself), one round trip fewer on the work's hot path.
   */
  protected override async writeStatus(manager: EntityManager, change: StatusChange, at: Date): Promise<StatusWritten> {
    if (change.locked || change.move.from.length !== 1) return super.writeStatus(manager, change, at);
    const previous = change.move.from[0];
    const result = await manager
      .createQueryBuilder()
      .update(Hail)
      .set({ status: change.move.to, updatedAt: at, ...change.set })
      .where('id = :id AND status = :previous', { id: change.hailId, previous })
      .returning('*')
      .execute();
    const row = (result.raw as Array<Record<string, unknown>>)[0];
    if (!row) return { applied: false, hail: null };
    return { applied: true, hail: hailFromRow(manager, row), previous };
  }
}

/** A constant of the state machine as an SQL literal (one type per use, where a parameter would need casts). */
function literal(value: string): string {
  if (!/^[A-Za-z_-]+$/.test(value)) throw new Error(`not a status or cause: ${value}`);
  return `'${value}'`;
}

/** A hail from the raw columns an UPDATE … RETURNING * gives back. */
function hailFromRow(manager: EntityManager, row: Record<string, unknown>): Hail {
  const date = (value: unknown) => (value === null || value === undefined ? null : new Date(value as string));
  const json = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);
  return manager.create(Hail, {
    id: row.id as string,
    taxiId: row.taxi_id as string,
    status: row.status as HailStatus,
    customerLon: Number(row.customer_lon),
    customerLat: Number(row.customer_lat),
    customerAddress: row.customer_address as string,
    customerPhoneNumber: row.customer_phone_number as string,
    registryFields: json(row.registry_fields) as Hail['registryFields'],
    receivedAt: date(row.received_at)!,
    receivedByTaxiAt: date(row.received_by_taxi_at),
    decisionDeadlineAt: date(row.decision_deadline_at),
    statusDeadlineAt: date(row.status_deadline_at),
    incidentTaxiReason: (row.incident_taxi_reason as string | null) ?? null,
    reportingCustomerReason: (row.reporting_customer_reason as string | null) ?? null,
    updatedAt: date(row.updated_at)!,
  });
}
