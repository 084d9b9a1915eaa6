import { Module } from '@nestjs/common';
import { DomainErrors } from '../common/errors/domain-error.js';
import { EventsModule } from '../events/events.module.js';
import { LoanEventsPublisher } from './loan-events.publisher.js';
import { LoanLocks } from './loan-locks.js';
import { LoanMatchingService } from './loan-matching.service.js';
import { LoanRevisionService } from './loan-revisions.service.js';
import { LoansRepository } from './loans.repository.js';
import { LoansService } from './loans.service.js';
import { LockInScheduler } from './lock-in.scheduler.js';
import { LockInService } from './lock-in.service.js';
import { OrgsController } from './orgs.controller.js';
import { OrgsRepository } from './orgs.repository.js';
import { OrgsService } from './orgs.service.js';
import { ParkingClock } from './parking-clock.js';
import { PARKING_ERRORS } from './parking.errors.js';
import { ParkingRowLocksRepository } from './parking-row-locks.repository.js';
import { ParkingUsersRepository } from './parking-users.repository.js';
import { PassesController } from './passes.controller.js';
import { PassesRepository } from './passes.repository.js';
import { PassesService } from './passes.service.js';
import { ProfileService } from './profile.service.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

/** The parking module: parking-pass sharing for organisations (docs/contracts/parking.md). */
@Module({
  imports: [EventsModule],
  controllers: [UsersController, OrgsController, PassesController],
  providers: [
    ParkingRowLocksRepository,
    LoansRepository,
    OrgsRepository,
    PassesRepository,
    ParkingUsersRepository,
    ParkingClock,
    LoanLocks,
    LoanEventsPublisher,
    LoanMatchingService,
    LoanRevisionService,
    LockInService,
    LockInScheduler,
    UsersService,
    ProfileService,
    OrgsService,
    PassesService,
    LoansService,
  ],
  exports: [LockInService, ParkingClock],
})
export class ParkingModule {
  constructor(errors: DomainErrors) {
    errors.register(PARKING_ERRORS);
  }
}
