import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy as JwtStrategy } from 'passport-jwt';
import { authConfig } from '../../config/configuration.js';
import { BasicPrincipal, JWT_ISSUER, JwtRealm, jwtAudience, VerifiedToken } from './realms.js';
import { BasicAuthStrategy } from './basic-auth.strategy.js';
import { constantTimeEqual, matchesSecretDigest, secretDigest } from './secrets.js';

function jwtOptions(realm: JwtRealm, secret: string) {
  return {
    jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
    secretOrKey: secret,
    audience: jwtAudience(realm),
    issuer: JWT_ISSUER,
    algorithms: ['HS256' as const],
    ignoreExpiration: false,
  };
}

/** The claims a token of ours carries (`TokenService.issue`). */
interface TokenClaims {
  sub?: unknown;
  aud?: unknown;
  exp?: unknown;
  ver?: unknown;
}

/**
 * What jsonwebtoken leaves to us: it accepts a token without `exp` (it would never expire) and a
 * token whose audience list merely contains ours. Ours have an `exp`, exactly one audience, a
 * numeric subject and the session version they were issued under. Whether that session is still
 * open is the guards' question (`requireOpenSession`): Passport keeps one strategy per name for the
 * whole process, while each application has its own accounts.
 */
function verifiedToken(realm: JwtRealm, claims: TokenClaims): VerifiedToken | false {
  if (typeof claims.exp !== 'number' || claims.aud !== jwtAudience(realm)) return false;
  const id = typeof claims.sub === 'string' && /^[1-9]\d{0,15}$/.test(claims.sub) ? Number(claims.sub) : NaN;
  const version = claims.ver;
  if (!Number.isSafeInteger(id) || typeof version !== 'number' || !Number.isSafeInteger(version) || version < 0) return false;
  return { realm, id, sessionVersion: version };
}

@Injectable()
export class MemberJwtStrategy extends PassportStrategy(JwtStrategy, 'member-jwt') {
  constructor(@Inject(authConfig.KEY) auth: ConfigType<typeof authConfig>) {
    super(jwtOptions('member', auth.jwtSecret));
  }

  validate(claims: TokenClaims) {
    return verifiedToken('member', claims);
  }
}

@Injectable()
export class ParkingJwtStrategy extends PassportStrategy(JwtStrategy, 'parking-jwt') {
  constructor(@Inject(authConfig.KEY) auth: ConfigType<typeof authConfig>) {
    super(jwtOptions('parking', auth.jwtSecret));
  }

  validate(claims: TokenClaims) {
    return verifiedToken('parking', claims);
  }
}

@Injectable()
export class AdminBasicStrategy extends PassportStrategy(BasicAuthStrategy, 'admin-basic') {
  constructor(@Inject(authConfig.KEY) private readonly auth: ConfigType<typeof authConfig>) {
    super('admin');
  }

  /** Without ADMIN_USER/ADMIN_PASSWORD every admin request is refused. */
  validate(user: string, password: string): BasicPrincipal | false {
    const admin = this.auth.admin;
    if (admin === undefined) return false;
    // Both comparisons always run, so timing tells nothing about which half was wrong.
    const userMatches = constantTimeEqual(user, admin.user);
    const passwordMatches = constantTimeEqual(password, admin.password);
    return userMatches && passwordMatches ? { realm: 'admin', client: user } : false;
  }
}

/** Unknown clients are compared against this, so both paths take the same time. */
const UNKNOWN_CLIENT_DIGEST = secretDigest('\u0000unknown-client');

@Injectable()
export class EventsBasicStrategy extends PassportStrategy(BasicAuthStrategy, 'events-basic') {
  /** Each client's password digest, computed once: the event store checks one on every request. */
  private readonly passwordDigests: Map<string, Buffer>;

  constructor(@Inject(authConfig.KEY) auth: ConfigType<typeof authConfig>) {
    super('events');
    this.passwordDigests = new Map([...auth.eventsClients].map(([client, password]) => [client, secretDigest(password)]));
  }

  validate(client: string, password: string): BasicPrincipal | false {
    const expected = this.passwordDigests.get(client);
    const matches = matchesSecretDigest(password, expected ?? UNKNOWN_CLIENT_DIGEST);
    return expected !== undefined && matches ? { realm: 'events', client } : false;
  }
}

export const authStrategies = [MemberJwtStrategy, ParkingJwtStrategy, AdminBasicStrategy, EventsBasicStrategy];
