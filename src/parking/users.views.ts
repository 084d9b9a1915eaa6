import type { MeResponse, MyPassesResponse } from './dto/responses.dto.js';
import type { Membership } from './membership.entity.js';
import type { Org } from './org.entity.js';
import { toOrgSummaryView } from './orgs.views.js';
import type { ParkingUser } from './parking-user.entity.js';

/** `/parking/me`: the caller, the orgs they participate in and moderate (by id), and their passes. */
export function toMeView(user: ParkingUser, orgs: Org[], memberships: Membership[], passes: MyPassesResponse): MeResponse {
  const roleOf = new Map(memberships.map((m) => [m.orgId, m]));
  return {
    id: user.id,
    first_name: user.firstName,
    last_name: user.lastName,
    email: user.email,
    participates: orgs.filter((org) => roleOf.get(org.id)?.participant).map(toOrgSummaryView),
    moderates: orgs.filter((org) => roleOf.get(org.id)?.moderator).map(toOrgSummaryView),
    passes,
  };
}
