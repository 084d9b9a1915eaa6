import { Strategy } from 'passport-strategy';

/** Passport's verify callback: `done(null, principal)` when the pair matches, `done(null, false)` otherwise. */
export type BasicVerify = (user: string, password: string, done: (error: unknown, principal?: object | false) => void) => void;

/**
 * HTTP Basic (RFC 7617) for Passport. Written here rather than taken from passport-http, which
 * splits the credentials at every `:` (a password holding one can never match) and decodes them
 * with the deprecated `new Buffer()`, whose deprecation check ran on every request.
 */
export class BasicAuthStrategy extends Strategy {
  constructor(
    private readonly realm: string,
    private readonly verify: BasicVerify,
  ) {
    super();
  }

  authenticate(request: { headers: Record<string, string | string[] | undefined> }): void {
    const credentials = parseBasicAuthorization(request.headers.authorization);
    if (credentials === undefined) return this.fail(`Basic realm="${this.realm}"`, 401);
    this.verify(credentials.user, credentials.password, (error, principal) => {
      if (error) return this.error(error as Error);
      if (!principal) return this.fail(`Basic realm="${this.realm}"`, 401);
      this.success(principal);
    });
  }
}

/** `Basic base64(user:password)` → its parts, split at the FIRST colon; undefined when malformed. */
export function parseBasicAuthorization(header: string | string[] | undefined): { user: string; password: string } | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^Basic[ ]+([A-Za-z0-9+/]+={0,2})\s*$/i.exec(header);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator < 0) return undefined;
  return { user: decoded.slice(0, separator), password: decoded.slice(separator + 1) };
}
