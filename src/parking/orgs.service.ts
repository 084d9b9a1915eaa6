import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, IsNull, MoreThanOrEqual, Repository } from 'typeorm';
import { ApiError } from '../common/errors/api-error.js';
import { BorrowRequest } from './borrow-request.entity.js';
import { isUniqueViolation } from '../database/database-errors.js';
import { DayState } from './day-state.entity.js';
import { CreateDayStateDto } from './dto/create-day-state.dto.js';
import { CreateOrgDto, UpdateOrgDto } from './dto/create-org.dto.js';
import { UserReferenceDto } from './dto/participant.dto.js';
import { ScheduleDto } from './dto/schedule.dto.js';
import { LoanDay } from './loan-day.entity.js';
import { LockInScheduler } from './lock-in.scheduler.js';
import { Membership } from './membership.entity.js';
import { Org } from './org.entity.js';
import { ParkingClock } from './parking-clock.js';
import { dayStateOn, Schedule, scheduleProblems, todayIn } from './schedule.js';
import { UsersService } from './users.service.js';

export type OrgRole = 'participant' | 'moderator';

/** The org as its members see it. */
export function orgView(org: Org) {
  return { id: org.id, name: org.name, timezone: org.timezone, greeting: org.greeting, rules: org.rules, lock_in: org.lockIn };
}

export function dayStateView(state: DayState) {
  return { id: state.id, identifier: state.identifier, greeting: state.greeting };
}

/** Orgs, their members and roles, day states and schedules. */
@Injectable()
export class OrgsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Org) private readonly orgs: Repository<Org>,
    @InjectRepository(Membership) private readonly memberships: Repository<Membership>,
    @InjectRepository(DayState) private readonly dayStates: Repository<DayState>,
    @InjectRepository(LoanDay) private readonly loanDays: Repository<LoanDay>,
    private readonly users: UsersService,
    private readonly clock: ParkingClock,
    private readonly scheduler: LockInScheduler,
  ) {}

  async create(userId: number, dto: CreateOrgDto): Promise<{ id: number }> {
    await this.users.require(userId);
    return this.dataSource.transaction(async (manager) => {
      const org = await manager.save(
        manager.create(Org, {
          name: dto.name,
          timezone: dto.timezone ?? 'UTC',
          greeting: dto.greeting ?? '',
          rules: dto.rules ?? '',
          lockIn: dto.lock_in ?? '18:00',
          schedule: null,
        }),
      );
      await manager.save(manager.create(Membership, { orgId: org.id, userId, participant: false, moderator: true, lastServedAt: null }));
      return { id: org.id };
    });
  }

  async search(q: string | undefined): Promise<Array<{ id: number; name: string }>> {
    const term = typeof q === 'string' ? q.trim() : '';
    if (term === '') throw ApiError.badRequest('q must not be empty', { field: 'q' });
    if (term.length > 200) throw ApiError.badRequest('q must be at most 200 characters', { field: 'q' });
    const pattern = `%${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const found = await this.orgs
      .createQueryBuilder('org')
      .where(`LOWER(org.name) LIKE :pattern ESCAPE '\\'`, { pattern })
      .orderBy('org.name', 'ASC')
      .addOrderBy('org.id', 'ASC')
      .limit(50)
      .getMany();
    return found.map((org) => ({ id: org.id, name: org.name }));
  }

  /** `{id, name}` for anyone, the full view for its participants and moderators. */
  async view(orgId: number, userId: number | undefined) {
    const org = await this.requireOrg(orgId);
    const role = userId === undefined ? null : await this.memberships.findOneBy({ orgId, userId });
    if (role && (role.participant || role.moderator)) return orgView(org);
    return { id: org.id, name: org.name };
  }

  async update(orgId: number, userId: number, dto: UpdateOrgDto) {
    const org = await this.requireModerator(orgId, userId);
    const timingChanged = (dto.timezone !== undefined && dto.timezone !== org.timezone) || (dto.lock_in !== undefined && dto.lock_in !== org.lockIn);
    if (dto.name !== undefined) org.name = dto.name;
    if (dto.timezone !== undefined) org.timezone = dto.timezone;
    if (dto.greeting !== undefined) org.greeting = dto.greeting;
    if (dto.rules !== undefined) org.rules = dto.rules;
    if (dto.lock_in !== undefined) org.lockIn = dto.lock_in;
    await this.dataSource.transaction((manager) => manager.save(org));
    if (timingChanged) {
      // Dates already waiting for their lock-in must now wait for the new time.
      const pending = await this.loanDays.find({
        where: { orgId, lockedAt: IsNull(), date: MoreThanOrEqual(todayIn(org.timezone, this.clock.now())) },
      });
      await this.scheduler.reschedule(org, pending.map((day) => day.date));
    }
    return orgView(org);
  }

  async addMember(orgId: number, userId: number, role: OrgRole, target: UserReferenceDto): Promise<void> {
    await this.requireModerator(orgId, userId);
    const memberId = await this.resolveUser(target);
    await this.dataSource.transaction(async (manager) => {
      const existing = await manager.findOneBy(Membership, { orgId, userId: memberId });
      if (existing) {
        existing[role] = true;
        await manager.save(existing);
        return;
      }
      try {
        await manager.insert(Membership, { orgId, userId: memberId, participant: role === 'participant', moderator: role === 'moderator', lastServedAt: null });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // Added by a concurrent request: set the role on the row that won.
        await manager.update(Membership, { orgId, userId: memberId }, { [role]: true });
      }
    });
  }

  /** Removing a participant also drops their open requests: they no longer park here. */
  async removeParticipant(orgId: number, userId: number, participantId: number): Promise<void> {
    await this.requireModerator(orgId, userId);
    await this.dataSource.transaction(async (manager) => {
      const membership = await manager.findOneBy(Membership, { orgId, userId: participantId });
      if (!membership?.participant) throw ApiError.notFound(`user ${participantId} is not a participant of org ${orgId}`);
      if (membership.moderator) await manager.update(Membership, { orgId, userId: participantId }, { participant: false });
      else await manager.delete(Membership, { orgId, userId: participantId });
      await manager.delete(BorrowRequest, { orgId, borrowerId: participantId, servedAt: IsNull() });
    });
  }

  async createDayState(orgId: number, userId: number, dto: CreateDayStateDto) {
    await this.requireModerator(orgId, userId);
    try {
      const state = await this.dataSource.transaction((manager) =>
        manager.save(manager.create(DayState, { orgId, identifier: dto.identifier, greeting: dto.greeting ?? '' })),
      );
      return dayStateView(state);
    } catch (error) {
      if (isUniqueViolation(error)) throw ApiError.conflict(`org ${orgId} already has a day state "${dto.identifier}"`, { field: 'identifier' });
      throw error;
    }
  }

  async listDayStates(orgId: number, userId: number) {
    await this.requireMember(orgId, userId);
    return (await this.dayStates.find({ where: { orgId }, order: { id: 'ASC' } })).map(dayStateView);
  }

  async setSchedule(orgId: number, userId: number, dto: ScheduleDto): Promise<Schedule> {
    const org = await this.requireModerator(orgId, userId);
    const schedule: Schedule = {
      sequence: dto.sequence,
      anchor: { date: dto.anchor.date, daystate_id: dto.anchor.daystate_id },
      skip: [...new Set(dto.skip)],
      exceptions: [...dto.exceptions].map((e) => ({ date: e.date, daystate_id: e.daystate_id })).sort((a, b) => a.date.localeCompare(b.date)),
    };
    const ids = new Set((await this.dayStates.findBy({ orgId })).map((state) => state.id));
    const problems = scheduleProblems(schedule, ids);
    if (problems.length) throw ApiError.invalidFields(problems);
    org.schedule = schedule;
    await this.dataSource.transaction((manager) => manager.save(org));
    return schedule;
  }

  async getSchedule(orgId: number, userId: number): Promise<Schedule> {
    const org = await this.requireMember(orgId, userId);
    if (!org.schedule) throw ApiError.notFound(`org ${orgId} has no schedule yet`);
    return org.schedule;
  }

  async currentDayState(orgId: number, userId: number, date: string | undefined) {
    const org = await this.requireMember(orgId, userId);
    const day = date ?? todayIn(org.timezone, this.clock.now());
    const stateId = this.dayStateIdOn(org, day);
    const state = stateId === null ? null : await this.dayStates.findOneBy({ id: stateId });
    return { date: day, daystate: state ? dayStateView(state) : null };
  }

  /** The day-state id of `date` in `org`, or null (no schedule, skipped day, `null` exception). */
  dayStateIdOn(org: Org, date: string): number | null {
    return org.schedule ? dayStateOn(org.schedule, date, org.timezone) : null;
  }

  async dayState(orgId: number, stateId: number): Promise<DayState | null> {
    return this.dayStates.findOneBy({ id: stateId, orgId });
  }

  async requireOrg(orgId: number): Promise<Org> {
    const org = await this.orgs.findOneBy({ id: orgId });
    if (!org) throw ApiError.notFound(`org ${orgId} not found`);
    return org;
  }

  async roleOf(orgId: number, userId: number): Promise<Membership | null> {
    return this.memberships.findOneBy({ orgId, userId });
  }

  async requireModerator(orgId: number, userId: number): Promise<Org> {
    const org = await this.requireOrg(orgId);
    if (!(await this.roleOf(orgId, userId))?.moderator) throw ApiError.forbidden(`only moderators of org ${orgId} may do this`);
    return org;
  }

  /** Participants and moderators. */
  async requireMember(orgId: number, userId: number): Promise<Org> {
    const org = await this.requireOrg(orgId);
    const role = await this.roleOf(orgId, userId);
    if (!role || !(role.participant || role.moderator)) throw ApiError.forbidden(`only members of org ${orgId} may do this`);
    return org;
  }

  async requireParticipant(orgId: number, userId: number): Promise<Org> {
    const org = await this.requireOrg(orgId);
    if (!(await this.roleOf(orgId, userId))?.participant) throw ApiError.forbidden(`only participants of org ${orgId} may do this`);
    return org;
  }

  private async resolveUser(target: UserReferenceDto): Promise<number> {
    const byId = target.user_id !== undefined;
    const byEmail = target.email !== undefined;
    if (byId === byEmail) throw ApiError.badRequest('give exactly one of user_id and email', { field: byId ? 'email' : 'user_id' });
    if (byId) {
      if (!(await this.users.exists(target.user_id!))) throw ApiError.notFound(`user ${target.user_id} not found`, { field: 'user_id' });
      return target.user_id!;
    }
    const user = await this.users.findByEmail(target.email!);
    if (!user) throw ApiError.notFound(`no user has the e-mail ${target.email}`, { field: 'email' });
    return user.id;
  }
}
