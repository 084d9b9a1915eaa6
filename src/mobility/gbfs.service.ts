import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { gbfsConfig } from '../config/configuration.js';
import { Bike } from './bike.entity.js';

export const GBFS_VERSION = '3.0';

/** The feeds this system publishes, by GBFS file name (the discovery file lists them). */
export const GBFS_FEEDS = ['system_information', 'vehicle_status'] as const;

/** Seconds a consumer may cache each file: the vehicle positions are computed live, never cached. */
const TTL = { gbfs: 3600, system_information: 3600, vehicle_status: 0 } as const;

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
  last_reported: string;
}

const envelope = <T>(ttl: number, data: T, lastUpdated = new Date()): GbfsFile<T> => ({
  last_updated: lastUpdated.toISOString(),
  ttl,
  version: GBFS_VERSION,
  data,
});

/** The public GBFS 3.0 feed trip planners read (https://github.com/MobilityData/gbfs/blob/v3.0/gbfs.md). */
@Injectable()
export class GbfsService {
  constructor(
    @InjectRepository(Bike) private readonly bikes: Repository<Bike>,
    @Inject(gbfsConfig.KEY) private readonly gbfs: ConfigType<typeof gbfsConfig>,
  ) {}

  /** `gbfs.json`: absolute URLs of each feed under `baseUrl` (e.g. `https://host/mobility/gbfs`). */
  discovery(baseUrl: string): GbfsFile<{ feeds: Array<{ name: string; url: string }> }> {
    return envelope(TTL.gbfs, { feeds: GBFS_FEEDS.map((name) => ({ name, url: `${baseUrl}/${name}.json` })) });
  }

  systemInformation() {
    const { systemId, systemName, contactEmail, timezone, language } = this.gbfs;
    return envelope(TTL.system_information, {
      system_id: systemId,
      languages: [language],
      name: [{ text: systemName, language }],
      opening_hours: '24/7',
      feed_contact_email: contactEmail,
      timezone,
    });
  }

  /**
   * Vehicles a rider could see in the street: available ones and broken ones (`is_disabled`).
   * Bikes on a trip are left out, and each bike shows under its rotating public id only.
   */
  async vehicleStatus(): Promise<GbfsFile<{ vehicles: GbfsVehicle[] }>> {
    const bikes = await this.bikes.find({
      select: { publicId: true, status: true, lon: true, lat: true, locationRecordedAt: true },
      where: { status: In(['available', 'non_operational']) },
      order: { publicId: 'ASC' },
    });
    return envelope(TTL.vehicle_status, {
      vehicles: bikes.map((bike) => ({
        vehicle_id: bike.publicId,
        lat: bike.lat,
        lon: bike.lon,
        is_reserved: false,
        is_disabled: bike.status === 'non_operational',
        last_reported: bike.locationRecordedAt.toISOString(),
      })),
    });
  }
}
