import { Injectable } from '@nestjs/common';
import { isUniqueViolation } from '../database/database-errors.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import type { DayState } from './day-state.entity.js';
import { CreateDayStateDto } from './dto/create-day-state.dto.js';
import { CreateOrgDto, UpdateOrgDto } from './dto/create-org.dto.js';
import { UserReferenceDto } from './dto/participant.dto.js';
import type { CurrentDayStateResponse, DayStateResponse, OrgResponse, OrgSummaryResponse } from './dto/responses.dto.js';
import { ScheduleDto } from './dto/schedule.dto.js';
import { dayStateIdOn, todayOf } from './loan-dates.js';
import { LoanLocks } from './loan-locks.js';
import { LoanRevisionService } from './loan-revisions.service.js';
import { LoansRepository } from './loans.repository.js';
import { LockInScheduler } from './lock-in.scheduler.js';
import type { Membership } from './membership.entity.js';
import type { Org } from './org.entity.js';
import { OrgsRepository, type Role } from './orgs.repository.js';
import { toCurrentDayStateView, toDayStateView, toOrgSummaryView, toOrgView } from './orgs.views.js';
import { ParkingClock } from './parking-clock.js';
import { ParkingError } from './parking.errors.js';
import { Schedule, scheduleProblems } from './schedule.js';
import { UsersService } from './users.service.js';

export type OrgRole = Role;

/** Orgs, their members and roles, day states and schedules. */
@Injectable()
export class OrgsService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly orgs: OrgsRepository,
    private readonly loans: LoansRepository,
    private readonly users: UsersService,
    private readonly clock: ParkingClock,
    private readonly scheduler: LockInScheduler,
    private readonly locks: LoanLocks,
    private readonly revisions: LoanRevisionService,
  ) {}

  async create(userId: number, dto: CreateOrgDto): Promise<{ id: number }> {
    await this.users.require(userId);
    return this.transactions.run(async () => {
      const org = await this.orgs.insertOrg({
        name: dto.name,
        timezone: dto.timezone ?? 'UTC',
        greeting: dto.greeting ?? '',
        rules: dto.rules ?? '',
        lockIn: dto.lock_in ?? '18:00',
        schedule: null,
      });
      await this.orgs.insertMembership(org.id, userId, ['moderator']);
      return { id: org.id };
    });
  }

  async search(q: string | undefined): Promise<OrgSummaryResponse[]> {
    const term = typeof q === 'string' ? q.trim() : '';
    if (term === '') throw new ParkingError('INVALID_SEARCH', 'q must not be empty', { field: 'q' });
    if (term.length > 200) throw new ParkingError('INVALID_SEARCH', 'q must be at most 200 characters', { field: 'q' });
    return (await this.orgs.orgsNamedLike(term, 50)).map(toOrgSummaryView);
  }

  /** `{id, name}` for anyone, the full view for its participants and moderators. */
  async view(orgId: number, userId: number | undefined): Promise<OrgResponse> {
    const org = await this.requireOrg(orgId);
    const role = userId === undefined ? null : await this.roleOf(orgId, userId);
    return isMember(role) ? toOrgView(org) : toOrgSummaryView(org);
  }

  async update(orgId: number, userId: number, dto: UpdateOrgDto): Promise<OrgResponse> {
    const org = await this.requireModerator(orgId, userId);
    const timingChanged =
      (dto.timezone !== undefined && dto.timezone !== org.timezone) || (dto.lock_in !== undefined && dto.lock_in !== org.lockIn);
    if (dto.name !== undefined) org.name = dto.name;
    if (dto.timezone !== undefined) org.timezone = dto.timezone;
    if (dto.greeting !== undefined) org.greeting = dto.greeting;
    if (dto.rules !== undefined) org.rules = dto.rules;
    if (dto.lock_in !== undefined) org.lockIn = dto.lock_in;
    await this.transactions.run(async () => {
      await this.orgs.saveOrg(org);
      if (!timingChanged) return;
      // Dates already waiting for their lock-in must now wait for the new time.
      await this.scheduler.reschedule(org, await this.loans.datesAwaitingLockIn(orgId, todayOf(org, this.clock.now())));
    });
    return toOrgView(org);
  }

  /** Adds a role; a member who holds it already keeps it. A concurrent add of the same member re-reads the row that won. */
  async addMember(orgId: number, userId: number, role: OrgRole, target: UserReferenceDto): Promise<void> {
    await this.requireModerator(orgId, userId);
    const memberId = await this.resolveUser(target);
    await this.transactions.run(
      async () => {
        if (await this.orgs.membership(orgId, memberId)) await this.orgs.setRole(orgId, memberId, role, true);
        else await this.orgs.insertMembership(orgId, memberId, [role]);
      },
      { retryUniqueViolations: true },
    );
  }

  /**
   * Removing a participant (a moderator keeps the moderator role) takes their future requests,
   * offers and loans with them, and re-matches the passes they lent or borrowed, in one transaction
   * (loan-revisions.service.ts).
   */
  async removeParticipant(orgId: number, userId: number, participantId: number): Promise<void> {
    await this.requireModerator(orgId, userId);
    await this.transactions.run(
      async () => {
        const locks = this.locks.begin();
        // The member's own row first, as their borrows and lends take it: none lands beside the removal.
        await locks.user(participantId);
        const org = await locks.org(orgId);
        if (!org) throw new ParkingError('ORG_NOT_FOUND', `org ${orgId} not found`);
        const membership = await this.orgs.membership(orgId, participantId);
        if (!membership?.participant) {
          throw new ParkingError('PARTICIPANT_NOT_FOUND', `user ${participantId} is not a participant of org ${orgId}`);
        }
        if (membership.moderator) await this.orgs.setRole(orgId, participantId, 'participant', false);
        else await this.orgs.deleteMembership(orgId, participantId);
        await this.revisions.memberLeft(locks, org, participantId);
      },
      { retryUniqueViolations: true },
    );
  }

  async createDayState(orgId: number, userId: number, dto: CreateDayStateDto): Promise<DayStateResponse> {
    await this.requireModerator(orgId, userId);
    try {
      return toDayStateView(await this.transactions.run(() => this.orgs.insertDayState(orgId, dto.identifier, dto.greeting ?? '')));
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw new ParkingError('DAY_STATE_TAKEN', `org ${orgId} already has a day state "${dto.identifier}"`, { field: 'identifier' });
    }
  }

  async listDayStates(orgId: number, userId: number): Promise<DayStateResponse[]> {
    await this.requireMember(orgId, userId);
    return (await this.orgs.dayStatesOf(orgId)).map(toDayStateView);
  }

  /**
   * What is wrong with a schedule for the org (`{field, message}` per fault, empty when sound), for
   * its moderators. The controller answers the faults (several entries, one status); the service
   * refuses nothing it has not been asked to check.
   */
  /**
   * Replaces the org's schedule. A schedule can be wrong in several places at once: it is refused
   * with every fault (`SCHEDULE_INVALID`, one entry each), and nothing is stored.
   */
  async setSchedule(orgId: number, userId: number, dto: ScheduleDto, { cancelLockedIn = false } = {}): Promise<Schedule> {
    await this.requireModerator(orgId, userId);
    const schedule = toSchedule(dto);
    const dayStates = new Set((await this.orgs.dayStatesOf(orgId)).map((state) => state.id));
    const faults = scheduleProblems(schedule, dayStates);
    if (faults.length > 0) throw new ParkingError('SCHEDULE_INVALID', 'the schedule is invalid', { faults });
    await this.transactions.run(
      async () => {
        const locks = this.locks.begin();
        // The org row held: no borrow, lend or lock-in judges a date by the schedule being replaced.
        const org = await locks.org(orgId);
        if (!org) throw new ParkingError('ORG_NOT_FOUND', `org ${orgId} not found`);
        const before: Org = { ...org };
        org.schedule = schedule;
        await this.orgs.saveOrg(org);
        await this.revisions.scheduleChanged(locks, before, org, cancelLockedIn);
      },
      { retryUniqueViolations: true },
    );
    return schedule;
  }

  async getSchedule(orgId: number, userId: number): Promise<Schedule> {
    const org = await this.requireMember(orgId, userId);
    if (!org.schedule) throw new ParkingError('NO_SCHEDULE', `org ${orgId} has no schedule yet`);
    return org.schedule;
  }

  async currentDayState(orgId: number, userId: number, date: string | undefined): Promise<CurrentDayStateResponse> {
    const org = await this.requireMember(orgId, userId);
    const day = date ?? todayOf(org, this.clock.now());
    const stateId = dayStateIdOn(org, day);
    return toCurrentDayStateView(day, stateId === null ? null : await this.orgs.dayState(org.id, stateId));
  }

  async dayState(orgId: number, stateId: number): Promise<DayState | null> {
    return this.orgs.dayState(orgId, stateId);
  }

  async requireOrg(orgId: number): Promise<Org> {
    const org = await this.orgs.org(orgId);
    if (!org) throw new ParkingError('ORG_NOT_FOUND', `org ${orgId} not found`);
    return org;
  }

  async roleOf(orgId: number, userId: number): Promise<Membership | null> {
    return this.orgs.membership(orgId, userId);
  }

  async requireModerator(orgId: number, userId: number): Promise<Org> {
    const org = await this.requireOrg(orgId);
    const role = await this.roleOf(orgId, userId);
    if (!role?.moderator) throw new ParkingError('MODERATORS_ONLY', `only moderators of org ${orgId} may do this`);
    return org;
  }

  /** Participants and moderators. */
  async requireMember(orgId: number, userId: number): Promise<Org> {
    const org = await this.requireOrg(orgId);
    if (!isMember(await this.roleOf(orgId, userId))) throw new ParkingError('MEMBERS_ONLY', `only members of org ${orgId} may do this`);
    return org;
  }

  async requireParticipant(orgId: number, userId: number): Promise<Org> {
    const org = await this.requireOrg(orgId);
    const role = await this.roleOf(orgId, userId);
    if (!role?.participant) throw new ParkingError('PARTICIPANTS_ONLY', `only participants of org ${orgId} may do this`);
    return org;
  }

  private async resolveUser(target: UserReferenceDto): Promise<number> {
    const byId = target.user_id !== undefined;
    const byEmail = target.email !== undefined;
    if (byId === byEmail) {
      throw new ParkingError('INVALID_USER_REFERENCE', 'give exactly one of user_id and email', { field: byId ? 'email' : 'user_id' });
    }
    if (byId) {
      const userId = target.user_id!;
      if (!(await this.users.exists(userId))) {
        throw new ParkingError('PARKING_USER_NOT_FOUND', `user ${userId} not found`, { field: 'user_id' });
      }
      return userId;
    }
    const user = await this.users.findByEmail(target.email!);
    if (!user) throw new ParkingError('PARKING_USER_NOT_FOUND', `no user has the e-mail ${target.email}`, { field: 'email' });
    return user.id;
  }
}

const isMember = (role: Membership | null): boolean => role !== null && (role.participant || role.moderator);

/** A schedule as stored: skipped weekdays once each, exceptions by date. */
function toSchedule(dto: ScheduleDto): Schedule {
  return {
    sequence: dto.sequence,
    anchor: { date: dto.anchor.date, daystate_id: dto.anchor.daystate_id },
    skip: [...new Set(dto.skip)],
    exceptions: [...dto.exceptions].map((e) => ({ date: e.date, daystate_id: e.daystate_id })).sort((a, b) => a.date.localeCompare(b.date)),
  };
}
