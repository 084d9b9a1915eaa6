import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { authConfig } from '../../config/configuration.js';
import type { JwtRealm } from './realms.js';

/** What decides whether an account's tokens still count: its session version and whether it is active. */
export interface SessionState {
  /** Bumped by a logout, a password change or a deactivation: tokens carrying an older one are dead. */
  version: number;
  active: boolean;
}

/** Reads an account's session state (null when the account does not exist). */
export type SessionStateLoader = (id: number) => Promise<SessionState | null>;

/** Accounts whose state a process remembers at most, so that a flood of token ids cannot grow it. */
const MAX_CACHED_ACCOUNTS = 10_000;

/**
 * Whether a token's session is still open, for every JWT realm. Each realm's module registers how
 * to read an account's state (the members and parking modules, through their own services: common
 * code never reads their tables). A state is remembered for SESSION_CACHE_MS, so a busy client does
 * not cost a database round trip per request; a revocation made by this process is seen at once, by
 * other API processes within SESSION_CACHE_MS (docs/security.md).
 */
@Injectable()
export class Sessions {
  private readonly loaders = new Map<JwtRealm, SessionStateLoader>();
  private readonly cache = new Map<string, { state: Promise<SessionState | null>; until: number }>();

  constructor(@Inject(authConfig.KEY) private readonly auth: ConfigType<typeof authConfig>) {}

  register(realm: JwtRealm, loader: SessionStateLoader): void {
    this.loaders.set(realm, loader);
  }

  /** True when the account exists, is active, and `version` is its current session version. */
  async isOpen(realm: JwtRealm, id: number, version: number): Promise<boolean> {
    const state = await this.stateOf(realm, id);
    return state !== null && state.active && state.version === version;
  }

  /** Drops what this process remembers of an account (after it revoked its sessions). */
  forget(realm: JwtRealm, id: number): void {
    this.cache.delete(`${realm}:${id}`);
  }

  private stateOf(realm: JwtRealm, id: number): Promise<SessionState | null> {
    const loader = this.loaders.get(realm);
    // A realm whose module did not register has no account that could hold a session.
    if (loader === undefined) return Promise.resolve(null);
    const key = `${realm}:${id}`;
    const now = Date.now();
    const cached = this.cache.get(key);
    if (cached !== undefined && cached.until > now) return cached.state;
    const state = loader(id);
    if (this.auth.sessionCacheMs > 0) {
      this.cache.delete(key);
      if (this.cache.size >= MAX_CACHED_ACCOUNTS) this.cache.delete(this.cache.keys().next().value!);
      const entry = { state, until: now + this.auth.sessionCacheMs };
      this.cache.set(key, entry);
      // A failed read is not remembered: the next request tries again.
      state.catch(() => {
        if (this.cache.get(key) === entry) this.cache.delete(key);
      });
    }
    return state;
  }
}
