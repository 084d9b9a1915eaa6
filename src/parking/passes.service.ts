import { Injectable } from '@nestjs/common';
import { isUniqueViolation } from '../database/database-errors.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { AssignPassDto, CreatePassDto } from './dto/create-pass.dto.js';
import type { MyPassesResponse, PassResponse } from './dto/responses.dto.js';
import { LoanLocks } from './loan-locks.js';
import { LoansRepository } from './loans.repository.js';
import { LoansService } from './loans.service.js';
import { OrgsService } from './orgs.service.js';
import { ParkingClock } from './parking-clock.js';
import { ParkingError } from './parking.errors.js';
import type { Pass } from './pass.entity.js';
import { PassesRepository } from './passes.repository.js';
import { toMyPassesView, toPassView } from './passes.views.js';

const spotTaken = (stateId: number, spotNum: number) =>
  new ParkingError('SPOT_TAKEN', `another verified pass holds state ${stateId}, spot ${spotNum}`, { field: 'spot_num' });

/** Pass requests, their verification by moderators, deletion, and each user's passes. */
@Injectable()
export class PassesService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly locks: LoanLocks,
    private readonly passes: PassesRepository,
    private readonly offers: LoansRepository,
    private readonly orgs: OrgsService,
    private readonly loans: LoansService,
    private readonly clock: ParkingClock,
  ) {}

  async request(orgId: number, userId: number, dto: CreatePassDto): Promise<{ id: number }> {
    await this.orgs.requireMember(orgId, userId);
    await this.requireDayState(orgId, dto.state_id);
    const requestedAt = this.clock.now();
    const requested = { orgId, ownerId: userId, requestedStateId: dto.state_id, requestedSpotNum: dto.spot_num, requestedAt };
    const id = await this.transactions.run(() => this.passes.insertPass(requested));
    return { id };
  }

  async list(orgId: number, userId: number, verified: string | undefined): Promise<PassResponse[]> {
    await this.orgs.requireModerator(orgId, userId);
    if (verified !== undefined && verified !== 'true' && verified !== 'false') {
      throw new ParkingError('INVALID_PASS_FILTER', 'verified must be true or false', { field: 'verified' });
    }
    return (await this.passes.passesOfOrg(orgId, verified === undefined ? undefined : verified === 'true')).map(toPassView);
  }

  /** Verifies (or re-assigns) a pass; the unique index on (org, state, spot) settles races. */
  async assign(passId: number, userId: number, dto: AssignPassDto): Promise<PassResponse> {
    const found = await this.requirePass(passId);
    const org = await this.orgs.requireModerator(found.orgId, userId);
    const requestedState = dto.state_id ?? found.stateId ?? found.requestedStateId;
    await this.requireDayState(org.id, requestedState);
    try {
      await this.transactions.run(async () => {
        // Locked so that no offer of this pass is added while its state changes under it.
        const pass = await this.locks.begin().pass(passId);
        if (!pass) throw new ParkingError('PASS_NOT_FOUND', `pass ${passId} not found`);
        const stateId = dto.state_id ?? pass.stateId ?? pass.requestedStateId;
        const spotNum = dto.spot_num ?? pass.spotNum ?? pass.requestedSpotNum;
        if (pass.stateId !== null && pass.stateId !== stateId && (await this.loans.hasFutureOffers(pass, org))) {
          const message = `pass ${passId} is offered on coming dates: withdraw those offers before changing its state`;
          throw new ParkingError('PASS_OFFERED_AHEAD', message, { field: 'state_id' });
        }
        const holder = await this.passes.holderOf(org.id, stateId, spotNum);
        if (holder && holder.id !== pass.id) throw spotTaken(stateId, spotNum);
        await this.passes.assignSpot(pass.id, { stateId, spotNum, verifiedAt: pass.verifiedAt ?? this.clock.now() });
      });
    } catch (error) {
      // Two verifications onto one spot at once: the unique index lets one through.
      if (isUniqueViolation(error)) {
        throw spotTaken(dto.state_id ?? requestedState, dto.spot_num ?? found.spotNum ?? found.requestedSpotNum);
      }
      throw error;
    }
    return toPassView(await this.requirePass(passId));
  }

  async delete(passId: number, userId: number): Promise<void> {
    const pass = await this.requirePass(passId);
    if (pass.ownerId !== userId) {
      const role = await this.orgs.roleOf(pass.orgId, userId);
      if (!role?.moderator) {
        throw new ParkingError('PASS_OWNER_OR_MODERATOR_ONLY', `only the owner of pass ${passId} or a moderator of its org may delete it`);
      }
    }
    await this.loans.deletePass(pass);
  }

  /** `/parking/me/passes`. */
  async mine(userId: number): Promise<MyPassesResponse> {
    const owned = await this.passes.passesOwnedBy(userId);
    const lent = await this.offers.allLentBy(userId);
    const borrowed = await this.offers.allBorrowedBy(userId);
    const borrowedPasses = await this.passes.passesByIds(borrowed.map((o) => o.passId).filter((id): id is number => id !== null));
    return toMyPassesView(owned, lent, borrowed, new Map(borrowedPasses.map((p) => [p.id, p])));
  }

  private async requireDayState(orgId: number, stateId: number): Promise<void> {
    if (!(await this.orgs.dayState(orgId, stateId))) {
      throw new ParkingError('UNKNOWN_DAY_STATE', `day state ${stateId} does not belong to org ${orgId}`, { field: 'state_id' });
    }
  }

  private async requirePass(passId: number): Promise<Pass> {
    const pass = await this.passes.pass(passId);
    if (!pass) throw new ParkingError('PASS_NOT_FOUND', `pass ${passId} not found`);
    return pass;
  }
}
