import { describe, expect, it } from '@jest/globals';
import { parseBasicAuthorization } from './basic-auth.strategy.js';

const basic = (pair: string) => `Basic ${Buffer.from(pair).toString('base64')}`;

describe('parseBasicAuthorization', () => {
  it('splits at the first colon only: a password may hold colons (RFC 7617)', () => {
    expect(parseBasicAuthorization(basic('bob:pa:ss'))).toEqual({ user: 'bob', password: 'pa:ss' });
    expect(parseBasicAuthorization(basic('alice:'))).toEqual({ user: 'alice', password: '' });
  });

  it('reads UTF-8 and a case-insensitive scheme', () => {
    expect(parseBasicAuthorization(`basic ${Buffer.from('zoé:mot de passe').toString('base64')}`)).toEqual({
      user: 'zoé',
      password: 'mot de passe',
    });
  });

  it.each([undefined, '', 'Bearer abc', 'Basic', 'Basic !!!', basic('no-colon'), ['Basic a', 'Basic b']])('refuses %p', (header) => {
    expect(parseBasicAuthorization(header as string | undefined)).toBeUndefined();
  });
});
