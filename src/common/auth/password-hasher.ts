import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import bcrypt from 'bcryptjs';
import { authConfig } from '../../config/configuration.js';

/** bcrypt, with the cost from PASSWORD_HASH_ROUNDS (tests lower it; production keeps ≥ 10). */
@Injectable()
export class PasswordHasher {
  // A hash to compare against when the account does not exist, so that a login for an unknown user
  // costs as much as a wrong password and timing does not reveal which usernames exist.
  private readonly decoy: Promise<string>;

  constructor(@Inject(authConfig.KEY) private readonly auth: ConfigType<typeof authConfig>) {
    this.decoy = bcrypt.hash('decoy-password', auth.passwordHashRounds);
  }

  hash(password: string): Promise<string> {
    return bcrypt.hash(password, this.auth.passwordHashRounds);
  }

  /** Verifies `password` against `hash`; with no hash (unknown account) spends the same time and fails. */
  async verify(password: string, hash: string | null | undefined): Promise<boolean> {
    if (!hash) {
      await bcrypt.compare(password, await this.decoy);
      return false;
    }
    return bcrypt.compare(password, hash);
  }
}
