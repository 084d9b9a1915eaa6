import { Injectable } from '@nestjs/common';
import { Brackets } from 'typeorm';
import { instantOf } from '../database/column-types.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import type { PageWindow } from './bikes.repository.js';
import type { LonLat } from './geo.js';
import { GeofencingGlobalRules } from './geofencing-global-rules.entity.js';
import { type GeofencingRule, GeofencingZone } from './geofencing-zone.entity.js';

/** The one row of `geofencing_global_rules`. */
const SYSTEM_SCOPE = 'system';

/**
 * The geofencing zones table, in TypeORM's portable terms (both dialects run the same queries).
 * Every list is in the feed's order, oldest zone first: the order that decides overlaps.
 */
@Injectable()
export class GeofencingZonesRepository {
  constructor(private readonly transactions: TransactionRunner) {}

  async insert(zone: GeofencingZone): Promise<void> {
    await this.transactions.run((manager) => manager.insert(GeofencingZone, zone));
  }

  async save(zone: GeofencingZone): Promise<void> {
    await this.transactions.run((manager) => manager.save(GeofencingZone, zone));
  }

  /** False when there was no such zone. */
  async delete(id: string): Promise<boolean> {
    const result = await this.transactions.run((manager) => manager.delete(GeofencingZone, { id }));
    return (result.affected ?? 0) > 0;
  }

  findById(id: string): Promise<GeofencingZone | null> {
    return this.transactions.manager().findOneBy(GeofencingZone, { id });
  }

  async findPage(page: PageWindow): Promise<{ zones: GeofencingZone[]; total: number }> {
    const query = this.inFeedOrder();
    const total = await query.getCount();
    const zones = await query.offset(page.offset).limit(page.limit).getMany();
    return { zones, total };
  }

  /** The zones not over at `at` (current and future ones), in feed order: what the feed publishes. */
  findNotOver(at: Date): Promise<GeofencingZone[]> {
    return this.inFeedOrder()
      .where(new Brackets((where) => where.where('zone.endsAt IS NULL').orWhere('zone.endsAt > :at', { at })))
      .getMany();
  }

  /**
   * The zones in force at `at` whose bounding box holds the point, in feed order: the candidates of
   * the exact point-in-polygon test, found by the box index rather than by reading every zone.
   */
  findInForceAround(point: LonLat, at: Date): Promise<GeofencingZone[]> {
    return this.inFeedOrder()
      .where('zone.minLat <= :lat AND zone.maxLat >= :lat', { lat: point.lat })
      .andWhere('zone.minLon <= :lon AND zone.maxLon >= :lon', { lon: point.lon })
      .andWhere(new Brackets((where) => where.where('zone.startsAt IS NULL').orWhere('zone.startsAt <= :at', { at })))
      .andWhere(new Brackets((where) => where.where('zone.endsAt IS NULL').orWhere('zone.endsAt > :at', { at })))
      .getMany();
  }

  /** The latest change of the published list but deletions (GBFS revisions record those): a write, or a zone's end that has passed. */
  async lastChangeAt(at: Date): Promise<Date | null> {
    const row = await this.transactions
      .manager()
      .createQueryBuilder(GeofencingZone, 'zone')
      .select('MAX(zone.updated_at)', 'updated')
      .addSelect('MAX(CASE WHEN zone.ends_at <= :at THEN zone.ends_at END)', 'ended')
      .setParameter('at', at)
      .getRawOne<{ updated: Date | string | null; ended: Date | string | null }>();
    const instants = [row?.updated, row?.ended].filter((value): value is Date | string => value != null).map(instantOf);
    return instants.length === 0 ? null : new Date(Math.max(...instants.map((instant) => instant.getTime())));
  }

  /** The system's global rules; none until an admin sets them. */
  async globalRules(): Promise<GeofencingGlobalRules | null> {
    return this.transactions.manager().findOneBy(GeofencingGlobalRules, { scope: SYSTEM_SCOPE });
  }

  /** Replaces the global rules (inside the caller's transaction, with the feed's revision). */
  async saveGlobalRules(rules: GeofencingRule[], at: Date): Promise<GeofencingGlobalRules> {
    const row = Object.assign(new GeofencingGlobalRules(), { scope: SYSTEM_SCOPE, rules, updatedAt: at });
    // An upsert: two admins replacing the rules at once both land, the later one last.
    await this.transactions.run((manager) => manager.upsert(GeofencingGlobalRules, row, ['scope']));
    return row;
  }

  private inFeedOrder() {
    return this.transactions
      .manager()
      .createQueryBuilder(GeofencingZone, 'zone')
      .orderBy('zone.createdAt', 'ASC')
      .addOrderBy('zone.id', 'ASC');
  }
}
