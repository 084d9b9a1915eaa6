import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { Membership } from './membership.entity.js';
import { Org } from './org.entity.js';
import { MyPasses, PassesService } from './passes.service.js';
import { UsersService } from './users.service.js';

/** `/parking/me`: the caller, their orgs and their passes. */
@Injectable()
export class ProfileService {
  constructor(
    @InjectRepository(Membership) private readonly memberships: Repository<Membership>,
    @InjectRepository(Org) private readonly orgs: Repository<Org>,
    private readonly users: UsersService,
    private readonly passes: PassesService,
  ) {}

  async me(userId: number) {
    const user = await this.users.require(userId);
    const memberships = await this.memberships.findBy({ userId });
    const orgs = memberships.length ? await this.orgs.find({ where: { id: In(memberships.map((m) => m.orgId)) }, order: { id: 'ASC' } }) : [];
    const roleOf = new Map(memberships.map((m) => [m.orgId, m]));
    const summary = (org: Org) => ({ id: org.id, name: org.name });
    const passes: MyPasses = await this.passes.mine(userId);
    return {
      id: user.id,
      first_name: user.firstName,
      last_name: user.lastName,
      email: user.email,
      participates: orgs.filter((org) => roleOf.get(org.id)?.participant).map(summary),
      moderates: orgs.filter((org) => roleOf.get(org.id)?.moderator).map(summary),
      passes,
    };
  }

  async myPasses(userId: number): Promise<MyPasses> {
    await this.users.require(userId);
    return this.passes.mine(userId);
  }
}
