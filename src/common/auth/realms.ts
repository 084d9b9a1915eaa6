/** The JWT realms. Each token carries its realm as audience, so one realm's token fails the others. */
export type JwtRealm = 'member' | 'parking';

export const JWT_ISSUER = 'citymove';

export const jwtAudience = (realm: JwtRealm) => `citymove:${realm}`;

/** Who a valid Bearer token of a realm identifies: the member or parking user id. */
export interface JwtPrincipal {
  realm: JwtRealm;
  id: number;
}

/** What a JWT strategy vouches for: a well-formed token of ours, before its session is checked. */
export interface VerifiedToken {
  realm: JwtRealm;
  id: number;
  sessionVersion: number;
}

/** Who a valid Basic pair identifies: the admin, or one of EVENTS_CLIENTS. */
export interface BasicPrincipal {
  realm: 'admin' | 'events';
  client: string;
}

/** `WWW-Authenticate` challenges sent with each realm's 401. */
export const challenges = {
  member: 'Bearer realm="members"',
  parking: 'Bearer realm="parking"',
  taxi: 'Bearer realm="taxi"',
  /** The registry's custom header (configured in its console) has no standard scheme. */
  registry: 'Header realm="api.taxi"',
  admin: 'Basic realm="admin", charset="UTF-8"',
  events: 'Basic realm="events", charset="UTF-8"',
} as const;
