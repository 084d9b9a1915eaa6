import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { TransactionRunner } from '../database/transaction-runner.js';
import { Bike } from './bike.entity.js';
import { GbfsRevision } from './gbfs-revision.entity.js';
import { PricingPlan } from './pricing-plan.entity.js';
import { SystemAlert } from './system-alert.entity.js';
import { VehicleType } from './vehicle-type.entity.js';

/**
 * The tables behind the GBFS catalog files (vehicle types, pricing plans, system alerts) and the
 * revision of each file. The SQL is the same on both dialects, so one implementation. Writes run
 * through the `TransactionRunner` (inside the caller's transaction when there is one).
 */
@Injectable()
export class GbfsCatalogRepository {
  constructor(private readonly transactions: TransactionRunner) {}

  private manager(): EntityManager {
    return this.transactions.manager();
  }

  listVehicleTypes(): Promise<VehicleType[]> {
    return this.manager().find(VehicleType, { order: { createdAt: 'ASC', id: 'ASC' } });
  }

  findVehicleType(id: string): Promise<VehicleType | null> {
    return this.manager().findOneBy(VehicleType, { id });
  }

  findVehicleTypes(ids: string[]): Promise<VehicleType[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.manager().findBy(VehicleType, { id: In(ids) });
  }

  async saveVehicleType(type: VehicleType): Promise<void> {
    await this.transactions.run((manager) => manager.save(VehicleType, type));
  }

  /** Deletes the type; false when no row had this id. */
  async deleteVehicleType(id: string): Promise<boolean> {
    return this.transactions.run(async (manager) => ((await manager.delete(VehicleType, { id })).affected ?? 0) > 0);
  }

  vehicleTypeHasBikes(id: string): Promise<boolean> {
    return this.manager().existsBy(Bike, { vehicleTypeId: id });
  }

  listPricingPlans(): Promise<PricingPlan[]> {
    return this.manager().find(PricingPlan, { order: { createdAt: 'ASC', id: 'ASC' } });
  }

  findPricingPlan(id: string): Promise<PricingPlan | null> {
    return this.manager().findOneBy(PricingPlan, { id });
  }

  async savePricingPlan(plan: PricingPlan): Promise<void> {
    await this.transactions.run((manager) => manager.save(PricingPlan, plan));
  }

  async deletePricingPlan(id: string): Promise<boolean> {
    return this.transactions.run(async (manager) => ((await manager.delete(PricingPlan, { id })).affected ?? 0) > 0);
  }

  pricingPlanIsDefaultOfAType(id: string): Promise<boolean> {
    return this.manager().existsBy(VehicleType, { defaultPricingPlanId: id });
  }

  listAlerts(): Promise<SystemAlert[]> {
    return this.manager().find(SystemAlert, { order: { startsAt: 'ASC', id: 'ASC' } });
  }

  findAlert(id: string): Promise<SystemAlert | null> {
    return this.manager().findOneBy(SystemAlert, { id });
  }

  async saveAlert(alert: SystemAlert): Promise<void> {
    await this.transactions.run((manager) => manager.save(SystemAlert, alert));
  }

  async deleteAlert(id: string): Promise<boolean> {
    return this.transactions.run(async (manager) => ((await manager.delete(SystemAlert, { id })).affected ?? 0) > 0);
  }

  /** Records that these GBFS files changed at `at` (in the caller's transaction: it commits with the change). */
  async touchFiles(files: readonly string[], at: Date): Promise<void> {
    await this.transactions.run((manager) =>
      manager.upsert(
        GbfsRevision,
        files.map((file) => ({ file, changedAt: at })),
        ['file'],
      ),
    );
  }

  /** When each of these files last changed (files never changed are absent). */
  async fileRevisions(files: readonly string[]): Promise<Map<string, Date>> {
    const rows = await this.manager().findBy(GbfsRevision, { file: In([...files]) });
    return new Map(rows.map((row) => [row.file, row.changedAt]));
  }
}
