import { Injectable } from '@nestjs/common';
import { ParkingUser } from './parking-user.entity.js';
import { ParkingRepository } from './parking.repository.js';

export type NewParkingUser = Pick<ParkingUser, 'firstName' | 'lastName' | 'email' | 'emailNormalized' | 'passwordHash'>;

/** Parking accounts. Runs in the caller's transaction when there is one; the SQL is the same on both dialects. */
@Injectable()
export class ParkingUsersRepository extends ParkingRepository {
  async user(id: number): Promise<ParkingUser | null> {
    return this.reader.findOneBy(ParkingUser, { id });
  }

  async userByEmail(emailNormalized: string): Promise<ParkingUser | null> {
    return this.reader.findOneBy(ParkingUser, { emailNormalized });
  }

  async exists(id: number): Promise<boolean> {
    return this.reader.existsBy(ParkingUser, { id });
  }

  async emailTaken(emailNormalized: string): Promise<boolean> {
    return this.reader.existsBy(ParkingUser, { emailNormalized });
  }

  async sessionVersion(id: number): Promise<number | null> {
    const user = await this.reader.findOne(ParkingUser, { select: { id: true, sessionVersion: true }, where: { id } });
    return user?.sessionVersion ?? null;
  }

  /** Moves the user's session version on, which revokes every token issued under the old one. */
  async bumpSessionVersion(id: number): Promise<void> {
    await this.writer.update(ParkingUser, { id }, { sessionVersion: () => 'session_version + 1' });
  }

  async insertUser(user: NewParkingUser): Promise<number> {
    const saved = await this.writer.save(this.reader.create(ParkingUser, user));
    return saved.id;
  }
}
