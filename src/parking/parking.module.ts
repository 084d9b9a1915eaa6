import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventsModule } from '../events/events.module.js';
import { DayState } from './day-state.entity.js';
import { LoansService } from './loans.service.js';
import { LOCK_IN_QUEUE, LockInScheduler } from './lock-in.scheduler.js';
import { Membership } from './membership.entity.js';
import { LoanDay } from './loan-day.entity.js';
import { Org } from './org.entity.js';
import { OrgsController } from './orgs.controller.js';
import { OrgsService } from './orgs.service.js';
import { ParkingClock } from './parking-clock.js';
import { ParkingUser } from './parking-user.entity.js';
import { PassesController } from './passes.controller.js';
import { PassesService } from './passes.service.js';
import { ProfileService } from './profile.service.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

/** The parking module: parking-pass sharing for organisations (spec/parking.md). */
@Module({
  imports: [
    TypeOrmModule.forFeature([ParkingUser, Org, Membership, DayState, LoanDay]),
    BullModule.registerQueue({ name: LOCK_IN_QUEUE }),
    EventsModule,
  ],
  controllers: [UsersController, OrgsController, PassesController],
  providers: [ParkingClock, UsersService, ProfileService, OrgsService, PassesService, LoansService, LockInScheduler],
  exports: [LoansService, ParkingClock],
})
export class ParkingModule {}
