import type { DayState } from './day-state.entity.js';
import type { CurrentDayStateResponse, DayStateResponse, OrgResponse, OrgSummaryResponse } from './dto/responses.dto.js';
import type { Org } from './org.entity.js';

/** The org as anyone sees it. */
export function toOrgSummaryView(org: Org): OrgSummaryResponse {
  return { id: org.id, name: org.name };
}

/** The org as its members see it. */
export function toOrgView(org: Org): OrgResponse {
  return { id: org.id, name: org.name, timezone: org.timezone, greeting: org.greeting, rules: org.rules, lock_in: org.lockIn };
}

export function toDayStateView(state: DayState): DayStateResponse {
  return { id: state.id, identifier: state.identifier, greeting: state.greeting };
}

export function toCurrentDayStateView(date: string, state: DayState | null): CurrentDayStateResponse {
  return { date, daystate: state ? toDayStateView(state) : null };
}
