import { createHash } from 'node:crypto';
import { BoundedMemo } from '../common/bounded-memo.js';
import { strongEtag } from '../common/http/etag.js';
import type { MemberResponseDto } from './dto/member-response.dto.js';
import type { Member, ShownMember } from './member.entity.js';
import type { MemberListQuery } from './members.repository.js';

/**
 * A member as the API shows it: the seed's columns, in the seed's order, never the password.
 * The key order is fixed: the serialized bytes are what the ETag hashes, and `If-Match` on `PUT`
 * recomputes the own profile's tag from the same function (`ownProfileEtag`).
 * `ownProfile` shows the e-mail even when `show_email` is false (monprofil, own PUT and POST).
 */
export function toMemberView(member: ShownMember, options: { ownProfile: boolean }): MemberResponseDto {
  const lastVisit = member.lastVisit ? instantText(member.lastVisit) : null;
  const dateJoined = instantText(member.dateJoined);
  // Two literals rather than a conditional spread: each keeps one object shape, which a page of 50
  // builds and serializes much faster (the spread was most of this function's cost, docs/performance.md).
  if (member.showEmail || options.ownProfile) {
    return {
      id: member.id,
      username: member.username,
      show_email: member.showEmail,
      email: member.email,
      is_staff: member.isStaff,
      is_active: member.isActive,
      site: member.site ?? null,
      avatar_url: member.avatarUrl ?? null,
      biography: member.biography ?? null,
      sign: member.sign ?? null,
      email_for_answer: member.emailForAnswer,
      last_visit: lastVisit,
      date_joined: dateJoined,
    };
  }
  return {
    id: member.id,
    username: member.username,
    show_email: member.showEmail,
    is_staff: member.isStaff,
    is_active: member.isActive,
    site: member.site ?? null,
    avatar_url: member.avatarUrl ?? null,
    biography: member.biography ?? null,
    sign: member.sign ?? null,
    email_for_answer: member.emailForAnswer,
    last_visit: lastVisit,
    date_joined: dateJoined,
  };
}

/** An instant as the API writes it; the drivers hand Dates, copied only if not (a page wrote 100 copies). */
const instantText = (instant: Date | string): string => (instant instanceof Date ? instant : new Date(instant)).toISOString();

/** A member as others see it (`GET /v1/membres/:id`, the list). */
export const toPublicMemberView = (member: ShownMember): MemberResponseDto => toMemberView(member, { ownProfile: false });

/** The caller's own profile, e-mail shown. */
export const toOwnMemberView = (member: Member): MemberResponseDto => toMemberView(member, { ownProfile: true });

/** The tag `GET /v1/membres/monprofil` sends for this state of the member (same function, same bytes). */
export function ownProfileEtag(member: Member): string {
  return strongEtag(JSON.stringify(toOwnMemberView(member)));
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

/**
 * Moves with the code that writes a member's bytes: a release that changes what the list shows
 * changes every list tag, though no row changed.
 */
const VIEW_CODE = sha256(toMemberView.toString()).slice(0, 16);

/**
 * The strong tag of a page of `GET /v1/membres`, known without building the page: the list's
 * version (`MembersRepository.listVersion`, moved by every write that can change any page) and
 * the page's query, canonical (filters, search, order, offset, size). A page's bytes depend on
 * nothing else: not on the caller (the list shows every member's public view to anyone), not on
 * the time (the instants shown are stored ones), not on the query parameters the list ignores.
 */
export function memberListEtag(version: string, query: MemberListQuery): string {
  const page = JSON.stringify([
    query.isActive ?? null,
    query.isStaff ?? null,
    query.search?.text ?? null,
    query.ordering ?? null,
    query.offset,
    query.limit,
  ]);
  return `"list.${version}.${pageDigests.get(page, () => sha256(`${VIEW_CODE}${page}`).slice(0, 22))}"`;
}

/**
 * The digest of each page query met lately: a back office polls the same few pages, and a SHA-256
 * per request was most of a 304's own CPU. Bounded: a scan of many queries only hashes again.
 */
const pageDigests = new BoundedMemo<string, string>(1024);
