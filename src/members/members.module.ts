import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DomainErrors } from '../common/errors/domain-error.js';
import { repositoryForDialect } from '../database/dialect.js';
import { LoginController } from './login.controller.js';
import { Member } from './member.entity.js';
import { MembersHttpPolicy } from './members-http.policy.js';
import { PostgresMembersRepository, SqliteMembersRepository } from './members-sql.repository.js';
import { MembersController } from './members.controller.js';
import { MEMBERS_ERRORS } from './members.errors.js';
import { MembersRepository } from './members.repository.js';
import { MembersService } from './members.service.js';

/**
 * The members module: a community's members API (docs/contracts/members.md), the platform's identity.
 * Other modules import it for `MembersService` (`findActiveById`) and protect their routes with the
 * global `MemberJwtGuard`.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Member])],
  controllers: [LoginController, MembersController],
  providers: [
    MembersService,
    MembersHttpPolicy,
    repositoryForDialect(MembersRepository, { postgres: PostgresMembersRepository, sqlite: SqliteMembersRepository }),
  ],
  exports: [MembersService],
})
export class MembersModule {
  constructor(errors: DomainErrors) {
    errors.register(MEMBERS_ERRORS);
  }
}
