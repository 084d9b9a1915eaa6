import { BorrowRequest } from './borrow-request.entity.js';
import { DayState } from './day-state.entity.js';
import { LoanDay } from './loan-day.entity.js';
import { Membership } from './membership.entity.js';
import { CreateParkingTables1795300400000 } from './migrations/1795300400000-CreateParkingTables.js';
import { Offer } from './offer.entity.js';
import { Org } from './org.entity.js';
import { ParkingUser } from './parking-user.entity.js';
import { Pass } from './pass.entity.js';

/**
 * The parking module's tables: its entities and migrations (both dialects), listed here so that
 * `src/database` can hand them to the one DataSource definition.
 */
export const parkingEntities: Function[] = [ParkingUser, Org, Membership, DayState, Pass, LoanDay, BorrowRequest, Offer];
export const parkingMigrations: Function[] = [CreateParkingTables1795300400000];
