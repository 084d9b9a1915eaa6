import type { Member } from './member.entity.js';

/** A member as the API shows it: the seed's columns, in the seed's order, never the password. */
export interface MemberRepresentation {
  id: number;
  username: string;
  show_email: boolean;
  email?: string;
  is_staff: boolean;
  is_active: boolean;
  site: string | null;
  avatar_url: string | null;
  biography: string | null;
  sign: string | null;
  email_for_answer: boolean;
  last_visit: string | null;
  date_joined: string;
}

/**
 * Builds the representation with a fixed key order: its serialized bytes are what the ETag hashes,
 * and `If-Match` on `PUT` recomputes the own profile's tag from the same function.
 * `ownProfile` shows the e-mail even when `show_email` is false (monprofil, own PUT and POST).
 */
export function memberRepresentation(member: Member, options: { ownProfile: boolean }): MemberRepresentation {
  return {
    id: member.id,
    username: member.username,
    show_email: member.showEmail,
    ...(member.showEmail || options.ownProfile ? { email: member.email } : {}),
    is_staff: member.isStaff,
    is_active: member.isActive,
    site: member.site ?? null,
    avatar_url: member.avatarUrl ?? null,
    biography: member.biography ?? null,
    sign: member.sign ?? null,
    email_for_answer: member.emailForAnswer,
    last_visit: member.lastVisit ? new Date(member.lastVisit).toISOString() : null,
    date_joined: new Date(member.dateJoined).toISOString(),
  };
}
