import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { PageRequest } from '../common/http/pagination.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { GbfsCatalogRepository } from './gbfs-catalog.repository.js';
import type { LonLat } from './geo.js';
import { boundingBoxOf, type GeoJsonMultiPolygon, multiPolygonContains, withRightHandRule } from './geofencing-geometry.js';
import { type GeofencingRule, GeofencingZone } from './geofencing-zone.entity.js';
import { GeofencingZonesRepository } from './geofencing-zones.repository.js';
import { mobilityErrors } from './mobility.errors.js';

/** What an admin gives for a zone (the DTOs' fields); times as RFC 3339 text, null clears on a change. */
export interface GeofencingZoneInput {
  name: string;
  geometry: GeoJsonMultiPolygon;
  rules: GeofencingRule[];
  start?: string | null;
  end?: string | null;
}

/** The rule that holds for a vehicle at a point, and the zone it comes from (none: a global rule). */
export interface RuleInForce {
  zone?: GeofencingZone;
  rule: GeofencingRule;
}

/** The system's global rules as they stand; `updatedAt` null while none was ever set. */
export interface GlobalRules {
  rules: GeofencingRule[];
  updatedAt: Date | null;
}

/** What a ride does at a point, to ask whether the rules allow it. */
type RideAction = 'ride_start_allowed' | 'ride_end_allowed';

/**
 * Geofencing zones: their admin CRUD, and the rules trips obey. Precedence is GBFS 3.0's: where
 * zones overlap, the first in the feed's order (oldest first) with a rule for the vehicle decides;
 * within a zone, the first rule that applies to the vehicle's type. Where no zone has a rule for
 * the vehicle, the first of the system's global rules that applies to it decides; with none,
 * everything is allowed.
 */
@Injectable()
export class GeofencingZonesService {
  constructor(
    private readonly zones: GeofencingZonesRepository,
    private readonly catalog: GbfsCatalogRepository,
    private readonly transactions: TransactionRunner,
  ) {}

  async create(input: GeofencingZoneInput): Promise<GeofencingZone> {
    const now = new Date();
    const zone = Object.assign(new GeofencingZone(), {
      id: randomUUID(),
      createdAt: now,
      updatedAt: now,
      startsAt: null,
      endsAt: null,
    });
    this.apply(zone, input);
    await this.zones.insert(zone);
    return zone;
  }

  async update(id: string, change: Partial<GeofencingZoneInput>): Promise<GeofencingZone> {
    const zone = await this.findOne(id);
    this.apply(zone, change);
    zone.updatedAt = new Date();
    await this.zones.save(zone);
    return zone;
  }

  /** Deleted with a revision of `geofencing_zones.json`, so its `last_updated` moves with the list. */
  async remove(id: string): Promise<void> {
    await this.transactions.run(async () => {
      if (!(await this.zones.delete(id))) throw mobilityErrors.zoneNotFound(id);
      await this.catalog.touchFiles(['geofencing_zones'], new Date());
    });
  }

  /** When the published zones last changed, deletions included. */
  async lastChangeAt(at = new Date()): Promise<Date | null> {
    const [written, revisions] = await Promise.all([this.zones.lastChangeAt(at), this.catalog.fileRevisions(['geofencing_zones'])]);
    const deleted = revisions.get('geofencing_zones') ?? null;
    return written === null || (deleted !== null && deleted > written) ? deleted : written;
  }

  async findOne(id: string): Promise<GeofencingZone> {
    const zone = await this.zones.findById(id);
    if (!zone) throw mobilityErrors.zoneNotFound(id);
    return zone;
  }

  async list(pageRequest: PageRequest): Promise<{ items: GeofencingZone[]; total: number }> {
    const { zones, total } = await this.zones.findPage({ offset: pageRequest.offset, limit: pageRequest.perPage });
    return { items: zones, total };
  }

  async globalRules(): Promise<GlobalRules> {
    const row = await this.zones.globalRules();
    return { rules: row?.rules ?? [], updatedAt: row?.updatedAt ?? null };
  }

  /** Replaces the global rules whole (an empty list clears them), with a revision of `geofencing_zones.json`. */
  async setGlobalRules(rules: GeofencingRule[]): Promise<GlobalRules> {
    const now = new Date();
    return this.transactions.run(async () => {
      const row = await this.zones.saveGlobalRules(rules.map(plainRule), now);
      await this.catalog.touchFiles(['geofencing_zones'], now);
      return { rules: row.rules, updatedAt: row.updatedAt };
    });
  }

  /** The zones the feed publishes: in force now or later, in precedence order. */
  published(at = new Date()): Promise<GeofencingZone[]> {
    return this.zones.findNotOver(at);
  }

  /**
   * The rule that holds for a vehicle (its `vehicle_type_id`, or null for a bike without one, which
   * only rules without `vehicle_type_ids` concern) at a point: the first zone in feed order that
   * holds the point and has a rule for the vehicle, else the first global rule for it. Undefined:
   * no rule there.
   */
  async ruleAt(point: LonLat, vehicleTypeId: string | null, at = new Date()): Promise<RuleInForce | undefined> {
    for (const zone of await this.zones.findInForceAround(point, at)) {
      if (!multiPolygonContains(zone.geometry, point)) continue;
      const rule = zone.rules.find((candidate) => appliesTo(candidate, vehicleTypeId));
      if (rule) return { zone, rule };
    }
    const global = (await this.globalRules()).rules.find((candidate) => appliesTo(candidate, vehicleTypeId));
    return global === undefined ? undefined : { rule: global };
  }

  /** Throws ZONE_FORBIDS_RIDE_START when the rule in force at the bike's position forbids starting there. */
  async assertRideStartAllowed(point: LonLat, vehicleTypeId: string | null = null): Promise<void> {
    const forbidding = await this.forbidding(point, vehicleTypeId, 'ride_start_allowed');
    if (forbidding) throw mobilityErrors.zoneForbidsRideStart(forbidding.zone);
  }

  /** Throws ZONE_FORBIDS_RIDE_END when the rule in force at the bike's position forbids ending there. */
  async assertRideEndAllowed(point: LonLat, vehicleTypeId: string | null = null): Promise<void> {
    const forbidding = await this.forbidding(point, vehicleTypeId, 'ride_end_allowed');
    if (forbidding) throw mobilityErrors.zoneForbidsRideEnd(forbidding.zone);
  }

  private async forbidding(point: LonLat, vehicleTypeId: string | null, action: RideAction): Promise<RuleInForce | undefined> {
    const inForce = await this.ruleAt(point, vehicleTypeId);
    return inForce && !inForce.rule[action] ? inForce : undefined;
  }

  /** Writes the given fields onto the zone: the shape under the right-hand rule, its box, the rules as plain GBFS objects. */
  private apply(zone: GeofencingZone, input: Partial<GeofencingZoneInput>): void {
    if (input.name !== undefined) zone.name = input.name;
    if (input.geometry !== undefined) {
      zone.geometry = withRightHandRule(input.geometry);
      Object.assign(zone, boundingBoxOf(zone.geometry));
    }
    if (input.rules !== undefined) zone.rules = input.rules.map(plainRule);
    if (input.start !== undefined) zone.startsAt = instant('start', input.start);
    if (input.end !== undefined) zone.endsAt = instant('end', input.end);
    if (zone.startsAt && zone.endsAt && zone.endsAt.getTime() <= zone.startsAt.getTime()) {
      throw mobilityErrors.zoneWindowInvalid('end', 'end must be after start');
    }
  }
}

function appliesTo(rule: GeofencingRule, vehicleTypeId: string | null): boolean {
  if (rule.vehicle_type_ids === undefined || rule.vehicle_type_ids.length === 0) return true;
  return vehicleTypeId !== null && rule.vehicle_type_ids.includes(vehicleTypeId);
}

/** The rule with only its GBFS members, in the feed's order (the DTO instance may carry nothing else, but stored JSON should be plain). */
function plainRule(rule: GeofencingRule): GeofencingRule {
  return {
    ...(rule.vehicle_type_ids !== undefined ? { vehicle_type_ids: [...rule.vehicle_type_ids] } : {}),
    ride_start_allowed: rule.ride_start_allowed,
    ride_end_allowed: rule.ride_end_allowed,
    ride_through_allowed: rule.ride_through_allowed,
    ...(rule.maximum_speed_kph !== undefined ? { maximum_speed_kph: rule.maximum_speed_kph } : {}),
  };
}

function instant(field: 'start' | 'end', value: string | null): Date | null {
  if (value === null) return null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw mobilityErrors.zoneWindowInvalid(field, `${field} is not a date that exists: ${value}`);
  return date;
}
