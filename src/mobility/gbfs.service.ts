import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { gbfsConfig } from '../config/configuration.js';
import { type FeedBike, BikesRepository } from './bikes.repository.js';
import { GbfsCatalogRepository } from './gbfs-catalog.repository.js';
import { GeofencingZonesService } from './geofencing-zones.service.js';
import { type GbfsGeofencingZones, toGbfsGeofencingZones } from './geofencing-zones.feed.js';
import type { PricingSegment } from './pricing-plan.entity.js';
import { ReservationsService } from './reservations.service.js';
import { isMotorised, type VehicleType } from './vehicle-type.entity.js';

export const GBFS_VERSION = '3.0';

/**
 * Every file the feed serves, with its `ttl`: THE list `gbfs.json` is built from (it lists every
 * other file; a test checks the routes served are exactly these). A new file is one entry here, one
 * route in `GbfsController` and one method below.
 *
 * `ttl` says how long the data stays true: files made of configuration change only at a restart
 * (an hour); the admin's catalog may change at any time, so consumers see an edit within a minute;
 * vehicle positions are computed for each request (0: revalidate every time, which the `ETag` and
 * `Last-Modified` make cheap).
 */
export const GBFS_FILES = [
  { name: 'gbfs', ttl: 3600 },
  { name: 'gbfs_versions', ttl: 3600 },
  { name: 'system_information', ttl: 3600 },
  { name: 'vehicle_types', ttl: 60 },
  { name: 'vehicle_status', ttl: 0 },
  { name: 'system_pricing_plans', ttl: 60 },
  { name: 'system_alerts', ttl: 60 },
  { name: 'geofencing_zones', ttl: 60 },
] as const satisfies ReadonlyArray<{ name: string; ttl: number }>;

export type GbfsFileName = (typeof GBFS_FILES)[number]['name'];

const ttlOf = (name: GbfsFileName): number => GBFS_FILES.find((file) => file.name === name)!.ttl;

/** The envelope every GBFS file shares. */
export interface GbfsFile<T> {
  last_updated: string;
  ttl: number;
  version: typeof GBFS_VERSION;
  data: T;
}

export interface GbfsVehicle {
  vehicle_id: string;
  lat: number;
  lon: number;
  is_reserved: boolean;
  is_disabled: boolean;
  vehicle_type_id: string;
  pricing_plan_id?: string;
  last_reported: string;
  current_fuel_percent?: number;
  current_range_meters?: number;
  rental_uris?: { android?: string; ios?: string; web?: string };
}

type Localized = Array<{ text: string; language: string }>;

/** A GBFS file whose `last_updated` is the time its data was current (the request's time is not). */
const envelope = <T>(name: GbfsFileName, lastUpdated: Date, data: T): GbfsFile<T> => ({
  last_updated: lastUpdated.toISOString(),
  ttl: ttlOf(name),
  version: GBFS_VERSION,
  data,
});

const latest = (...dates: Array<Date | null | undefined>): Date | null =>
  dates.reduce<Date | null>((max, date) => (date != null && (max === null || date > max) ? date : max), null);

/** The public GBFS 3.0 feed trip planners read (https://github.com/MobilityData/gbfs/blob/v3.0/gbfs.md). */
@Injectable()
export class GbfsService {
  /** What the configuration-made files date from: the configuration is read once, at boot. */
  private readonly configuredAt = new Date();

  constructor(
    private readonly bikes: BikesRepository,
    private readonly catalog: GbfsCatalogRepository,
    @Inject(gbfsConfig.KEY) private readonly gbfs: ConfigType<typeof gbfsConfig>,
    private readonly geofencing: GeofencingZonesService,
    private readonly reservations: ReservationsService,
  ) {}

  /** `gbfs.json`: absolute URLs of every other file under `baseUrl` (e.g. `https://host/mobility/gbfs`). */
  discovery(baseUrl: string): GbfsFile<{ feeds: Array<{ name: string; url: string }> }> {
    const feeds = GBFS_FILES.filter((file) => file.name !== 'gbfs').map(({ name }) => ({ name, url: `${baseUrl}/${name}.json` }));
    return envelope('gbfs', this.configuredAt, { feeds });
  }

  /** `gbfs_versions.json`: the one version served, at its discovery URL. */
  versions(baseUrl: string): GbfsFile<{ versions: Array<{ version: string; url: string }> }> {
    return envelope('gbfs_versions', this.configuredAt, { versions: [{ version: GBFS_VERSION, url: `${baseUrl}/gbfs.json` }] });
  }

  systemInformation() {
    const { systemId, systemName, contactEmail, timezone, language } = this.gbfs;
    return envelope('system_information', this.configuredAt, {
      system_id: systemId,
      languages: [language],
      name: this.localized(systemName),
      opening_hours: '24/7',
      feed_contact_email: contactEmail,
      timezone,
    });
  }

  /**
   * Vehicles a rider could take or see in the street, under their rotating public ids: bikes on a
   * trip are left out, and so are bikes silent for more than GBFS_STALE_AFTER_S (GBFS lists only
   * vehicles known to be in the field). Broken bikes, and motorised ones whose battery is below
   * GBFS_MIN_CHARGE_PERCENT or unknown, show as `is_disabled`: there, but not to be rented.
   */
  async vehicleStatus(now = new Date()): Promise<GbfsFile<{ vehicles: GbfsVehicle[] }>> {
    const [bikes, bikesChangedAt, revisions, reserved, reservationsChangedAt] = await Promise.all([
      this.bikes.findInStreetForFeed(),
      this.bikes.lastChangeAt(),
      this.catalog.fileRevisions(['vehicle_status']),
      this.reservations.reservedPublicIds(now),
      this.reservations.lastChangeAt(now),
    ]);
    const staleBefore = now.getTime() - this.gbfs.staleAfterS * 1000;
    const fresh = bikes.filter((bike) => bike.locationRecordedAt.getTime() >= staleBefore);
    // The list also changes, with no write, when a silent bike crosses the stale limit.
    const lastWentStale = bikes
      .filter((bike) => bike.locationRecordedAt.getTime() < staleBefore)
      .reduce<number | null>((max, bike) => Math.max(max ?? 0, bike.locationRecordedAt.getTime() + this.gbfs.staleAfterS * 1000), null);
    const types = new Map(
      (await this.catalog.findVehicleTypes([...new Set(fresh.map((bike) => bike.vehicleTypeId))])).map((t) => [t.id, t]),
    );
    const lastUpdated =
      latest(
        bikesChangedAt,
        revisions.get('vehicle_status'),
        reservationsChangedAt,
        lastWentStale === null ? null : new Date(lastWentStale),
      ) ?? this.configuredAt;
    return envelope('vehicle_status', lastUpdated, {
      vehicles: fresh.map((bike) => this.toGbfsVehicle(bike, types.get(bike.vehicleTypeId)!, reserved)),
    });
  }

  /** `vehicle_types.json`: every type; all vehicles are free-floating. */
  async vehicleTypes() {
    const [types, revisions] = await Promise.all([this.catalog.listVehicleTypes(), this.catalog.fileRevisions(['vehicle_types'])]);
    const lastUpdated = latest(revisions.get('vehicle_types'), ...types.map((type) => type.updatedAt)) ?? this.configuredAt;
    return envelope('vehicle_types', lastUpdated, {
      vehicle_types: types.map((type) => ({
        vehicle_type_id: type.id,
        form_factor: type.formFactor,
        propulsion_type: type.propulsionType,
        name: this.localized(type.name),
        ...(type.maxRangeMeters === null ? {} : { max_range_meters: type.maxRangeMeters }),
        return_constraint: 'free_floating',
        ...(type.defaultPricingPlanId === null
          ? {}
          : { default_pricing_plan_id: type.defaultPricingPlanId, pricing_plan_ids: [type.defaultPricingPlanId] }),
      })),
    });
  }

  /** `system_pricing_plans.json`: every plan, as trips are priced (`pricing.ts`). */
  async pricingPlans() {
    const [plans, revisions] = await Promise.all([this.catalog.listPricingPlans(), this.catalog.fileRevisions(['system_pricing_plans'])]);
    const lastUpdated = latest(revisions.get('system_pricing_plans'), ...plans.map((plan) => plan.updatedAt)) ?? this.configuredAt;
    const segments = (key: 'per_min_pricing' | 'per_km_pricing', list: PricingSegment[]) => (list.length === 0 ? {} : { [key]: list });
    return envelope('system_pricing_plans', lastUpdated, {
      plans: plans.map((plan) => ({
        plan_id: plan.id,
        name: this.localized(plan.name),
        currency: plan.currency,
        price: plan.price,
        is_taxable: plan.isTaxable,
        description: this.localized(plan.description),
        ...segments('per_min_pricing', plan.perMinPricing),
        ...segments('per_km_pricing', plan.perKmPricing),
      })),
    });
  }

  /** `system_alerts.json`: the alerts not yet over (an alert leaves the file when its `ends_at` passes). */
  async systemAlerts(now = new Date()) {
    const [alerts, revisions] = await Promise.all([this.catalog.listAlerts(), this.catalog.fileRevisions(['system_alerts'])]);
    const over = alerts.filter((alert) => alert.endsAt !== null && alert.endsAt <= now);
    const current = alerts.filter((alert) => !over.includes(alert));
    const lastUpdated =
      latest(revisions.get('system_alerts'), ...alerts.map((alert) => alert.updatedAt), ...over.map((alert) => alert.endsAt)) ??
      this.configuredAt;
    return envelope('system_alerts', lastUpdated, {
      alerts: current.map((alert) => ({
        alert_id: alert.id,
        type: alert.type,
        times: [{ start: alert.startsAt.toISOString(), ...(alert.endsAt === null ? {} : { end: alert.endsAt.toISOString() }) }],
        ...(alert.url === null ? {} : { url: this.localized(alert.url) }),
        summary: this.localized(alert.summary),
        ...(alert.description === null ? {} : { description: this.localized(alert.description) }),
        last_updated: alert.updatedAt.toISOString(),
      })),
    });
  }

  /** `geofencing_zones.json`: the zones in force now or later, in the order that decides overlaps, and the global rules. */
  async geofencingZones(now = new Date()): Promise<GbfsFile<GbfsGeofencingZones>> {
    const [zones, global, changedAt] = await Promise.all([
      this.geofencing.published(now),
      this.geofencing.globalRules(),
      this.geofencing.lastChangeAt(now),
    ]);
    return envelope('geofencing_zones', changedAt ?? this.configuredAt, toGbfsGeofencingZones(zones, global.rules, this.gbfs.language));
  }

  private toGbfsVehicle(bike: FeedBike, type: VehicleType, reserved: ReadonlySet<string>): GbfsVehicle {
    const motorised = isMotorised(type.propulsionType);
    const vehicle: GbfsVehicle = {
      vehicle_id: bike.publicId,
      lat: bike.lat,
      lon: bike.lon,
      // A reservation of a bike taken out of service since holds nothing a rider could use.
      is_reserved: bike.status === 'available' && reserved.has(bike.publicId),
      is_disabled: bike.status === 'non_operational' || (motorised && !this.chargedEnough(bike, type)),
      vehicle_type_id: type.id,
      last_reported: bike.locationRecordedAt.toISOString(),
    };
    if (type.defaultPricingPlanId !== null) vehicle.pricing_plan_id = type.defaultPricingPlanId;
    if (motorised) {
      if (bike.currentFuelPercent !== null) vehicle.current_fuel_percent = bike.currentFuelPercent;
      // GBFS requires a range for a motorised vehicle: the reported one, else the charge's share of the type's.
      vehicle.current_range_meters = Math.round(bike.currentRangeMeters ?? (bike.currentFuelPercent ?? 0) * (type.maxRangeMeters ?? 0));
    }
    const rentalUris = this.rentalUris(bike.publicId);
    if (rentalUris !== undefined) vehicle.rental_uris = rentalUris;
    return vehicle;
  }

  /** The charge, from the reported percentage, else the reported range's share of the type's; unknown is not enough. */
  private chargedEnough(bike: FeedBike, type: VehicleType): boolean {
    const share =
      bike.currentFuelPercent ??
      (bike.currentRangeMeters !== null && type.maxRangeMeters !== null ? bike.currentRangeMeters / type.maxRangeMeters : null);
    return share !== null && share * 100 >= this.gbfs.minChargePercent;
  }

  /** The deep links of GBFS_RENTAL_URI_* for this public id; undefined when none is configured. */
  private rentalUris(publicId: string): GbfsVehicle['rental_uris'] {
    const entries = Object.entries(this.gbfs.rentalUris).filter((entry): entry is [string, string] => entry[1] !== undefined);
    if (entries.length === 0) return undefined;
    return Object.fromEntries(
      entries.map(([platform, template]) => [platform, template.replaceAll('{vehicle_id}', encodeURIComponent(publicId))]),
    );
  }

  private localized(text: string): Localized {
    return [{ text, language: this.gbfs.language }];
  }
}
