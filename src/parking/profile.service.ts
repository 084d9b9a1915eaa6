import { Injectable } from '@nestjs/common';
import type { MeResponse, MyPassesResponse } from './dto/responses.dto.js';
import { OrgsRepository } from './orgs.repository.js';
import { PassesService } from './passes.service.js';
import { UsersService } from './users.service.js';
import { toMeView } from './users.views.js';

/** `/parking/me`: the caller, their orgs and their passes. */
@Injectable()
export class ProfileService {
  constructor(
    private readonly orgs: OrgsRepository,
    private readonly users: UsersService,
    private readonly passes: PassesService,
  ) {}

  async me(userId: number): Promise<MeResponse> {
    const user = await this.users.require(userId);
    const memberships = await this.orgs.membershipsOf(userId);
    const orgs = await this.orgs.orgsByIds(memberships.map((m) => m.orgId));
    return toMeView(user, orgs, memberships, await this.passes.mine(userId));
  }

  async myPasses(userId: number): Promise<MyPassesResponse> {
    await this.users.require(userId);
    return this.passes.mine(userId);
  }
}
