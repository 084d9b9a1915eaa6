import { describe, expect, it } from '@jest/globals';
import type { Member } from './member.entity.js';
import { toMemberView } from './member.views.js';

const member = {
  id: 7,
  username: 'Clem',
  usernameKey: 'clem',
  email: 'clem@example.org',
  emailKey: 'clem@example.org',
  passwordHash: '$2b$04$secret',
  showEmail: false,
  isStaff: true,
  isActive: true,
  site: null,
  avatarUrl: null,
  biography: 'bio',
  sign: null,
  emailForAnswer: true,
  lastVisit: null,
  dateJoined: new Date('1977-04-22T06:00:00Z'),
} as Member;

describe('toMemberView', () => {
  it('hides the e-mail unless shown or own; never the password; dates in UTC with Z', () => {
    const shown = toMemberView(member, { ownProfile: false });
    expect(shown).not.toHaveProperty('email');
    expect(JSON.stringify(shown)).not.toMatch(/secret|password/);
    expect(shown.date_joined).toBe('1977-04-22T06:00:00.000Z');
    expect(shown.last_visit).toBeNull();
    expect(toMemberView(member, { ownProfile: true }).email).toBe('clem@example.org');
    expect(toMemberView({ ...member, showEmail: true }, { ownProfile: false }).email).toBe('clem@example.org');
  });

  it('keeps the seed order of keys (the ETag hashes these bytes)', () => {
    expect(Object.keys(toMemberView(member, { ownProfile: true }))).toEqual([
      'id',
      'username',
      'show_email',
      'email',
      'is_staff',
      'is_active',
      'site',
      'avatar_url',
      'biography',
      'sign',
      'email_for_answer',
      'last_visit',
      'date_joined',
    ]);
  });
});
