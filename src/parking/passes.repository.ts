import { Injectable } from '@nestjs/common';
import { In, IsNull, Not } from 'typeorm';
import { Pass } from './pass.entity.js';
import { ParkingRepository } from './parking.repository.js';

/** A pass as requested, before a moderator verifies it. */
export type NewPass = Pick<Pass, 'orgId' | 'ownerId' | 'requestedStateId' | 'requestedSpotNum' | 'requestedAt'>;

/** Parking passes. Runs in the caller's transaction when there is one; the SQL is the same on both dialects. */
@Injectable()
export class PassesRepository extends ParkingRepository {
  async pass(id: number): Promise<Pass | null> {
    return this.reader.findOneBy(Pass, { id });
  }

  async passesByIds(ids: readonly number[]): Promise<Pass[]> {
    return ids.length ? this.reader.findBy(Pass, { id: In([...ids]) }) : [];
  }

  /** The org's passes by id; only verified (`true`) or pending (`false`) ones when asked. */
  async passesOfOrg(orgId: number, verified?: boolean): Promise<Pass[]> {
    const where = verified === undefined ? { orgId } : { orgId, stateId: verified ? Not(IsNull()) : IsNull() };
    return this.reader.find(Pass, { where, order: { id: 'ASC' } });
  }

  async passesOwnedBy(ownerId: number): Promise<Pass[]> {
    return this.reader.find(Pass, { where: { ownerId }, order: { id: 'ASC' } });
  }

  /** The verified pass on a state and spot of the org, if any. */
  async holderOf(orgId: number, stateId: number, spotNum: number): Promise<Pass | null> {
    return this.reader.findOneBy(Pass, { orgId, stateId, spotNum });
  }

  async insertPass(pass: NewPass): Promise<number> {
    const inserted = await this.writer.insert(Pass, { ...pass, stateId: null, spotNum: null, verifiedAt: null });
    return Number(inserted.identifiers[0].id);
  }

  async assignSpot(id: number, assignment: Pick<Pass, 'stateId' | 'spotNum' | 'verifiedAt'>): Promise<void> {
    await this.writer.update(Pass, { id }, assignment);
  }

  async deletePass(id: number): Promise<void> {
    await this.writer.delete(Pass, { id });
  }
}
