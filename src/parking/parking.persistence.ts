import type { EntityClass, MigrationClass } from '../database/data-source-options.js';
import { BorrowRequest } from './borrow-request.entity.js';
import { DayState } from './day-state.entity.js';
import { LoanDay } from './loan-day.entity.js';
import { Membership } from './membership.entity.js';
import { CreateParkingTables1795300400000 } from './migrations/1795300400000-CreateParkingTables.js';
import { ParkingUserSessions1795301300100 } from './migrations/1795301300100-ParkingUserSessions.js';
import { ParkingLoanPreviousService1795440000100 } from './migrations/1795440000100-ParkingLoanPreviousService.js';
import { Offer } from './offer.entity.js';
import { Org } from './org.entity.js';
import { ParkingUser } from './parking-user.entity.js';
import { Pass } from './pass.entity.js';

/**
 * The parking module's tables: its entities and migrations (both dialects), listed here for the
 * composition root (`src/app.persistence.ts`), which hands every module's to the one DataSource.
 */
export const parkingEntities: EntityClass[] = [ParkingUser, Org, Membership, DayState, Pass, LoanDay, BorrowRequest, Offer];
export const parkingMigrations: MigrationClass[] = [
  CreateParkingTables1795300400000,
  ParkingUserSessions1795301300100,
  ParkingLoanPreviousService1795440000100,
];
