import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoginController } from './login.controller.js';
import { Member } from './member.entity.js';
import { MembersHttpPolicy } from './members-http.policy.js';
import { MembersController } from './members.controller.js';
import { MembersService } from './members.service.js';

/**
 * The members module: a community's members API (spec/members.md), the platform's identity.
 * Other modules import it for `MembersService` (`findActiveById`) and protect their routes with the
 * global `MemberJwtGuard`.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Member])],
  controllers: [LoginController, MembersController],
  providers: [MembersService, MembersHttpPolicy],
  exports: [MembersService],
})
export class MembersModule {}
