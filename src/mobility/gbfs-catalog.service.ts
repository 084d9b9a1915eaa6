import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { isForeignKeyViolation } from '../database/database-errors.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import type { PricingPlanInputDto } from './dto/pricing-plan.dto.js';
import type { SystemAlertInputDto } from './dto/system-alert.dto.js';
import type { VehicleTypeInputDto } from './dto/vehicle-type.dto.js';
import { GbfsCatalogRepository } from './gbfs-catalog.repository.js';
import { mobilityErrors } from './mobility.errors.js';
import { PricingPlan, type PricingSegment } from './pricing-plan.entity.js';
import { SystemAlert } from './system-alert.entity.js';
import { VehicleType } from './vehicle-type.entity.js';

/** The GBFS files each kind of change shows in (a vehicle type also decides a bike's `is_disabled`). */
const FILES_OF = {
  vehicleType: ['vehicle_types', 'vehicle_status'],
  pricingPlan: ['system_pricing_plans'],
  alert: ['system_alerts'],
} as const;

/**
 * The admin's catalog behind the GBFS files: vehicle types, pricing plans, system alerts. Every
 * write commits with the revision of the files it changes (see `GbfsRevision`).
 */
@Injectable()
export class GbfsCatalogService {
  constructor(
    private readonly catalog: GbfsCatalogRepository,
    private readonly transactions: TransactionRunner,
  ) {}

  // --- vehicle types ---

  listVehicleTypes(): Promise<VehicleType[]> {
    return this.catalog.listVehicleTypes();
  }

  async findVehicleType(id: string): Promise<VehicleType> {
    const type = await this.catalog.findVehicleType(id.toLowerCase());
    if (!type) throw mobilityErrors.vehicleTypeNotFound(id);
    return type;
  }

  createVehicleType(dto: VehicleTypeInputDto): Promise<VehicleType> {
    const now = new Date();
    return this.writeVehicleType(Object.assign(new VehicleType(), { id: randomUUID(), createdAt: now }), dto, now);
  }

  async replaceVehicleType(id: string, dto: VehicleTypeInputDto): Promise<VehicleType> {
    return this.writeVehicleType(await this.findVehicleType(id), dto, new Date());
  }

  /** VEHICLE_TYPE_IN_USE while a bike has it (the foreign key says the last word on a race). */
  async deleteVehicleType(id: string): Promise<void> {
    const type = await this.findVehicleType(id);
    if (await this.catalog.vehicleTypeHasBikes(type.id)) throw mobilityErrors.vehicleTypeInUse(type.id);
    await this.inUseOnForeignKey(
      () =>
        this.transactions.run(async () => {
          if (!(await this.catalog.deleteVehicleType(type.id))) throw mobilityErrors.vehicleTypeNotFound(id);
          await this.catalog.touchFiles(FILES_OF.vehicleType, new Date());
        }),
      () => mobilityErrors.vehicleTypeInUse(type.id),
    );
  }

  private async writeVehicleType(type: VehicleType, dto: VehicleTypeInputDto, now: Date): Promise<VehicleType> {
    const planId = dto.default_pricing_plan_id?.toLowerCase() ?? null;
    if (planId !== null && !(await this.catalog.findPricingPlan(planId))) throw mobilityErrors.unknownPricingPlan(planId);
    Object.assign(type, {
      name: dto.name,
      formFactor: dto.form_factor,
      propulsionType: dto.propulsion_type,
      maxRangeMeters: dto.max_range_meters ?? null,
      defaultPricingPlanId: planId,
      updatedAt: now,
    });
    await this.inUseOnForeignKey(
      () =>
        this.transactions.run(async () => {
          await this.catalog.saveVehicleType(type);
          await this.catalog.touchFiles(FILES_OF.vehicleType, now);
        }),
      () => mobilityErrors.unknownPricingPlan(planId ?? ''),
    );
    return type;
  }

  // --- pricing plans ---

  listPricingPlans(): Promise<PricingPlan[]> {
    return this.catalog.listPricingPlans();
  }

  async findPricingPlan(id: string): Promise<PricingPlan> {
    const plan = await this.catalog.findPricingPlan(id.toLowerCase());
    if (!plan) throw mobilityErrors.pricingPlanNotFound(id);
    return plan;
  }

  createPricingPlan(dto: PricingPlanInputDto): Promise<PricingPlan> {
    const now = new Date();
    return this.writePricingPlan(Object.assign(new PricingPlan(), { id: randomUUID(), createdAt: now }), dto, now);
  }

  async replacePricingPlan(id: string, dto: PricingPlanInputDto): Promise<PricingPlan> {
    return this.writePricingPlan(await this.findPricingPlan(id), dto, new Date());
  }

  /** PRICING_PLAN_IN_USE while a vehicle type prices its trips with it. */
  async deletePricingPlan(id: string): Promise<void> {
    const plan = await this.findPricingPlan(id);
    if (await this.catalog.pricingPlanIsDefaultOfAType(plan.id)) throw mobilityErrors.pricingPlanInUse(plan.id);
    await this.inUseOnForeignKey(
      () =>
        this.transactions.run(async () => {
          if (!(await this.catalog.deletePricingPlan(plan.id))) throw mobilityErrors.pricingPlanNotFound(id);
          await this.catalog.touchFiles(FILES_OF.pricingPlan, new Date());
        }),
      () => mobilityErrors.pricingPlanInUse(plan.id),
    );
  }

  private async writePricingPlan(plan: PricingPlan, dto: PricingPlanInputDto, now: Date): Promise<PricingPlan> {
    Object.assign(plan, {
      name: dto.name,
      description: dto.description,
      currency: dto.currency,
      price: dto.price,
      isTaxable: dto.is_taxable,
      perMinPricing: segments(dto.per_min_pricing, 'per_min_pricing'),
      perKmPricing: segments(dto.per_km_pricing, 'per_km_pricing'),
      updatedAt: now,
    });
    await this.transactions.run(async () => {
      await this.catalog.savePricingPlan(plan);
      await this.catalog.touchFiles(FILES_OF.pricingPlan, now);
    });
    return plan;
  }

  // --- system alerts ---

  listAlerts(): Promise<SystemAlert[]> {
    return this.catalog.listAlerts();
  }

  async findAlert(id: string): Promise<SystemAlert> {
    const alert = await this.catalog.findAlert(id.toLowerCase());
    if (!alert) throw mobilityErrors.alertNotFound(id);
    return alert;
  }

  createAlert(dto: SystemAlertInputDto): Promise<SystemAlert> {
    const now = new Date();
    return this.writeAlert(Object.assign(new SystemAlert(), { id: randomUUID(), createdAt: now }), dto, now);
  }

  async replaceAlert(id: string, dto: SystemAlertInputDto): Promise<SystemAlert> {
    return this.writeAlert(await this.findAlert(id), dto, new Date());
  }

  async deleteAlert(id: string): Promise<void> {
    await this.transactions.run(async () => {
      if (!(await this.catalog.deleteAlert(id.toLowerCase()))) throw mobilityErrors.alertNotFound(id);
      await this.catalog.touchFiles(FILES_OF.alert, new Date());
    });
  }

  private async writeAlert(alert: SystemAlert, dto: SystemAlertInputDto, now: Date): Promise<SystemAlert> {
    const startsAt = new Date(dto.starts_at);
    const endsAt = dto.ends_at === undefined ? null : new Date(dto.ends_at);
    if (endsAt !== null && endsAt.getTime() <= startsAt.getTime()) throw mobilityErrors.alertTimesInvalid();
    Object.assign(alert, {
      type: dto.type,
      summary: dto.summary,
      description: dto.description ?? null,
      url: dto.url ?? null,
      startsAt,
      endsAt,
      updatedAt: now,
    });
    await this.transactions.run(async () => {
      await this.catalog.saveAlert(alert);
      await this.catalog.touchFiles(FILES_OF.alert, now);
    });
    return alert;
  }

  /** Runs the write, answering `refusal()` when a foreign key refuses it (a parallel write won the race). */
  private async inUseOnForeignKey(write: () => Promise<void>, refusal: () => Error): Promise<void> {
    try {
      await write();
    } catch (error) {
      if (isForeignKeyViolation(error)) throw refusal();
      throw error;
    }
  }
}

/** The segments as stored (no `end` key when unset); PRICING_SEGMENT_INVALID when an `end` is not after its `start`. */
function segments(input: PricingSegment[] | undefined, field: 'per_min_pricing' | 'per_km_pricing'): PricingSegment[] {
  return (input ?? []).map((segment, index) => {
    if (segment.end !== undefined && segment.end <= segment.start) throw mobilityErrors.pricingSegmentInvalid(field, index);
    const { start, rate, interval, end } = segment;
    return end === undefined ? { start, rate, interval } : { start, rate, interval, end };
  });
}
