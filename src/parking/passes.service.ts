import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, Not } from 'typeorm';
import { ApiError } from '../common/errors/api-error.js';
import { isUniqueViolation } from '../database/database-errors.js';
import { AssignPassDto, CreatePassDto } from './dto/create-pass.dto.js';
import { LoansService, lockPass } from './loans.service.js';
import { Offer } from './offer.entity.js';
import { OrgsService } from './orgs.service.js';
import { ParkingClock } from './parking-clock.js';
import { Pass } from './pass.entity.js';

/** A pass as the API shows it. */
export function passView(pass: Pass) {
  return {
    id: pass.id,
    org_id: pass.orgId,
    owner_id: pass.ownerId,
    requested_state_id: pass.requestedStateId,
    requested_spot_num: pass.requestedSpotNum,
    state_id: pass.stateId,
    spot_num: pass.spotNum,
    verified: pass.stateId !== null,
    requested_at: pass.requestedAt.toISOString(),
    verified_at: pass.verifiedAt?.toISOString() ?? null,
  };
}

export type PassView = ReturnType<typeof passView>;

const spotTaken = (stateId: number, spotNum: number) =>
  ApiError.conflict(`another verified pass holds state ${stateId}, spot ${spotNum}`, { field: 'spot_num' });

/** `/parking/me/passes`. */
export interface MyPasses {
  pending: PassView[];
  owned: PassView[];
  lent: Array<{ pass_id: number | null; date: string; borrower_id: number | null }>;
  borrowed: Array<{ pass_id: number | null; org_id: number; date: string; state_id: number | null; spot_num: number | null }>;
}

/** Pass requests, their verification by moderators, deletion, and each user's passes. */
@Injectable()
export class PassesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly orgs: OrgsService,
    private readonly loans: LoansService,
    private readonly clock: ParkingClock,
  ) {}

  async request(orgId: number, userId: number, dto: CreatePassDto): Promise<{ id: number }> {
    await this.orgs.requireMember(orgId, userId);
    if (!(await this.orgs.dayState(orgId, dto.state_id))) {
      throw ApiError.badRequest(`day state ${dto.state_id} does not belong to org ${orgId}`, { field: 'state_id' });
    }
    const pass = await this.dataSource.transaction((manager) =>
      manager.save(
        manager.create(Pass, {
          orgId,
          ownerId: userId,
          requestedStateId: dto.state_id,
          requestedSpotNum: dto.spot_num,
          stateId: null,
          spotNum: null,
          requestedAt: this.clock.now(),
          verifiedAt: null,
        }),
      ),
    );
    return { id: pass.id };
  }

  async list(orgId: number, userId: number, verified: string | undefined) {
    await this.orgs.requireModerator(orgId, userId);
    if (verified !== undefined && verified !== 'true' && verified !== 'false') {
      throw ApiError.badRequest('verified must be true or false', { field: 'verified' });
    }
    const where = verified === undefined ? { orgId } : { orgId, stateId: verified === 'true' ? Not(IsNull()) : IsNull() };
    return (await this.dataSource.manager.find(Pass, { where, order: { id: 'ASC' } })).map(passView);
  }

  /** Verifies (or re-assigns) a pass; the unique index on (org, state, spot) settles races. */
  async assign(passId: number, userId: number, dto: AssignPassDto) {
    const found = await this.requirePass(passId);
    const org = await this.orgs.requireModerator(found.orgId, userId);
    const requestedState = dto.state_id ?? found.stateId ?? found.requestedStateId;
    if (!(await this.orgs.dayState(org.id, requestedState))) {
      throw ApiError.badRequest(`day state ${requestedState} does not belong to org ${org.id}`, { field: 'state_id' });
    }
    try {
      await this.dataSource.transaction(async (manager) => {
        // Locked so that no offer of this pass is added while its state changes under it.
        const pass = await lockPass(manager, passId);
        if (!pass) throw ApiError.notFound(`pass ${passId} not found`);
        const stateId = dto.state_id ?? pass.stateId ?? pass.requestedStateId;
        const spotNum = dto.spot_num ?? pass.spotNum ?? pass.requestedSpotNum;
        if (pass.stateId !== null && pass.stateId !== stateId && (await this.loans.hasFutureOffers(pass, org, manager))) {
          throw ApiError.conflict(`pass ${passId} is offered on coming dates: withdraw those offers before changing its state`, { field: 'state_id' });
        }
        const holder = await manager.findOneBy(Pass, { orgId: org.id, stateId, spotNum });
        if (holder && holder.id !== pass.id) throw spotTaken(stateId, spotNum);
        await manager.update(Pass, { id: pass.id }, { stateId, spotNum, verifiedAt: pass.verifiedAt ?? this.clock.now() });
      });
    } catch (error) {
      // Two verifications onto one spot at once: the unique index lets one through.
      if (isUniqueViolation(error)) throw spotTaken(dto.state_id ?? requestedState, dto.spot_num ?? found.spotNum ?? found.requestedSpotNum);
      throw error;
    }
    return passView(await this.requirePass(passId));
  }

  async delete(passId: number, userId: number): Promise<void> {
    const pass = await this.requirePass(passId);
    if (pass.ownerId !== userId) {
      const role = await this.orgs.roleOf(pass.orgId, userId);
      if (!role?.moderator) throw ApiError.forbidden(`only the owner of pass ${passId} or a moderator of its org may delete it`);
    }
    await this.loans.deletePass(pass);
  }

  async mine(userId: number): Promise<MyPasses> {
    const manager = this.dataSource.manager;
    const passes = await manager.find(Pass, { where: { ownerId: userId }, order: { id: 'ASC' } });
    const lent = await manager.find(Offer, { where: { lenderId: userId }, order: { date: 'ASC', id: 'ASC' } });
    const borrowed = await manager.find(Offer, { where: { borrowerId: userId }, order: { date: 'ASC', id: 'ASC' } });
    const passIds = borrowed.map((o) => o.passId).filter((id): id is number => id !== null);
    const borrowedPasses = new Map((passIds.length ? await manager.findBy(Pass, { id: In(passIds) }) : []).map((p) => [p.id, p]));
    return {
      pending: passes.filter((p) => p.stateId === null).map(passView),
      owned: passes.filter((p) => p.stateId !== null).map(passView),
      lent: lent.map((o) => ({ pass_id: o.passId, date: o.date, borrower_id: o.borrowerId })),
      borrowed: borrowed.map((o) => {
        const pass = o.passId === null ? undefined : borrowedPasses.get(o.passId);
        return { pass_id: o.passId, org_id: o.orgId, date: o.date, state_id: pass?.stateId ?? null, spot_num: pass?.spotNum ?? null };
      }),
    };
  }

  private async requirePass(passId: number): Promise<Pass> {
    const pass = await this.dataSource.manager.findOneBy(Pass, { id: passId });
    if (!pass) throw ApiError.notFound(`pass ${passId} not found`);
    return pass;
  }
}
