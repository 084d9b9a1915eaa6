import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { authConfig } from '../../config/configuration.js';
import { JWT_ISSUER, JwtRealm, jwtAudience } from './realms.js';

export interface AccessToken {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

/**
 * The platform's one JWT issuer: tokens of each realm (HS256, JWT_SECRET, the realm as its one
 * audience, an `exp`, and `ver`: the account's session version when it was issued, which a logout,
 * a password change or a deactivation moves on). They are verified by the realms' Passport
 * strategies (`strategies.ts`) behind the guards.
 */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(authConfig.KEY) private readonly auth: ConfigType<typeof authConfig>,
  ) {}

  async issue(realm: JwtRealm, id: number, sessionVersion: number): Promise<AccessToken> {
    const accessToken = await this.jwt.signAsync(
      { realm, ver: sessionVersion },
      {
        subject: String(id),
        audience: jwtAudience(realm),
        issuer: JWT_ISSUER,
        expiresIn: this.auth.jwtTtl,
        secret: this.auth.jwtSecret,
        algorithm: 'HS256',
      },
    );
    return { access_token: accessToken, token_type: 'Bearer', expires_in: this.auth.jwtTtl };
  }
}
