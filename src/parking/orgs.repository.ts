import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { DayState } from './day-state.entity.js';
import { Membership } from './membership.entity.js';
import { Org } from './org.entity.js';
import { ParkingRepository } from './parking.repository.js';

/** An org as created, before it has an id. */
export type NewOrg = Pick<Org, 'name' | 'timezone' | 'greeting' | 'rules' | 'lockIn' | 'schedule'>;
/** The roles a membership row holds. */
export type Role = 'participant' | 'moderator';

/** Orgs, their memberships and day states. Runs in the caller's transaction when there is one; the SQL is the same on both dialects. */
@Injectable()
export class OrgsRepository extends ParkingRepository {
  async org(id: number): Promise<Org | null> {
    return this.reader.findOneBy(Org, { id });
  }

  /** The orgs of `ids`, by id. */
  async orgsByIds(ids: readonly number[]): Promise<Org[]> {
    return ids.length ? this.reader.find(Org, { where: { id: In([...ids]) }, order: { id: 'ASC' } }) : [];
  }

  /** At most `limit` orgs whose lower-cased name contains `term` (lower-cased), by name then id. */
  async orgsNamedLike(term: string, limit: number): Promise<Org[]> {
    const pattern = `%${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return this.reader
      .getRepository(Org)
      .createQueryBuilder('org')
      .where(`LOWER(org.name) LIKE :pattern ESCAPE '\\'`, { pattern })
      .orderBy('org.name', 'ASC')
      .addOrderBy('org.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  async insertOrg(org: NewOrg): Promise<Org> {
    return this.writer.save(this.reader.create(Org, org));
  }

  async saveOrg(org: Org): Promise<void> {
    await this.writer.save(org);
  }

  async membership(orgId: number, userId: number): Promise<Membership | null> {
    return this.reader.findOneBy(Membership, { orgId, userId });
  }

  async membershipsOf(userId: number): Promise<Membership[]> {
    return this.reader.findBy(Membership, { userId });
  }

  /** A new membership holding `roles`. */
  async insertMembership(orgId: number, userId: number, roles: Role[]): Promise<void> {
    await this.writer.insert(Membership, {
      orgId,
      userId,
      participant: roles.includes('participant'),
      moderator: roles.includes('moderator'),
      lastServedAt: null,
    });
  }

  async setRole(orgId: number, userId: number, role: Role, holds: boolean): Promise<void> {
    await this.writer.update(Membership, { orgId, userId }, { [role]: holds });
  }

  async deleteMembership(orgId: number, userId: number): Promise<void> {
    await this.writer.delete(Membership, { orgId, userId });
  }

  async dayState(orgId: number, id: number): Promise<DayState | null> {
    return this.reader.findOneBy(DayState, { id, orgId });
  }

  async dayStatesOf(orgId: number): Promise<DayState[]> {
    return this.reader.find(DayState, { where: { orgId }, order: { id: 'ASC' } });
  }

  async insertDayState(orgId: number, identifier: string, greeting: string): Promise<DayState> {
    return this.writer.save(this.reader.create(DayState, { orgId, identifier, greeting }));
  }
}
