import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { operatorConfig } from '../config/configuration.js';
import { callRegistry, registryUrl, type RegistryAnswer } from './registry.client.js';
import type { DriverSettableStatus } from './taxi-registry.entities.js';

/** One position as geotaxi takes it: the registry stamps it with its own clock on arrival. */
export interface GeotaxiPosition {
  taxi_id: string;
  lat: number;
  lon: number;
}

/** The registry refuses a geotaxi batch of more than this (APITaxi2 `GeotaxiSchema`). */
export const GEOTAXI_BATCH_LIMIT = 50;

/**
 * The registry's taxi routes (APITaxi2 `views/taxis.py`, `views/geotaxi.py`): `GET /taxis/:id`,
 * `PUT /taxis/:id {"data":[{"status"}]}` and `POST /geotaxi/ {"data":[{"positions":[…]}]}`. Like
 * `RegistryClient`, never throws for an HTTP or network failure: the caller decides what each means.
 */
@Injectable()
export class RegistryTaxisClient {
  constructor(@Inject(operatorConfig.KEY) private readonly config: ConfigType<typeof operatorConfig>) {}

  readTaxi(taxiId: string): Promise<RegistryAnswer> {
    return this.request('GET', registryUrl(this.config.apiTaxiUrl, 'taxis', taxiId), undefined);
  }

  /** Only `status`: the registry takes `radius` too, which citymove leaves to the registry's default. */
  setStatus(taxiId: string, status: DriverSettableStatus): Promise<RegistryAnswer> {
    return this.request('PUT', registryUrl(this.config.apiTaxiUrl, 'taxis', taxiId), { data: [{ status }] });
  }

  /** The registry's route is `/geotaxi/` (Flask, strict slashes): without the slash it answers a redirect. */
  geotaxi(positions: GeotaxiPosition[]): Promise<RegistryAnswer> {
    if (positions.length > GEOTAXI_BATCH_LIMIT) throw new Error(`geotaxi: ${positions.length} positions, at most ${GEOTAXI_BATCH_LIMIT}`);
    return this.request('POST', `${registryUrl(this.config.apiTaxiUrl, 'geotaxi')}/`, { data: [{ positions }] });
  }

  private request(method: 'GET' | 'PUT' | 'POST', url: string, body: unknown): Promise<RegistryAnswer> {
    return callRegistry(method, url, this.config.apiTaxiKey, body, this.config.registryRequestTimeoutMs);
  }
}

/** The taxi's status in a `GET`/`PUT /taxis/:id` answer (`{"data":[{"status": …}]}`), if any. */
export function registryTaxiStatusOf(body: unknown): string | undefined {
  const status = (body as { data?: Array<{ status?: unknown }> } | undefined)?.data?.[0]?.status;
  return typeof status === 'string' ? status : undefined;
}

/**
 * The indexes of the positions geotaxi refused as unknown taxis, from its all-or-nothing 400
 * (`{"errors":{"data":{"0":{"positions":{"3":{"taxi_id":["Identifiant de taxi inconnu"]}}}}}}`);
 * empty when the 400 is about something else.
 */
export function unknownTaxiIndexes(body: unknown): number[] {
  const positions = (body as { errors?: { data?: Record<string, { positions?: unknown }> } } | undefined)?.errors?.data?.['0']?.positions;
  if (positions === null || typeof positions !== 'object' || Array.isArray(positions)) return [];
  return Object.entries(positions as Record<string, { taxi_id?: unknown }>)
    .filter(([index, error]) => /^\d+$/.test(index) && error !== null && typeof error === 'object' && 'taxi_id' in error)
    .map(([index]) => Number(index));
}
