import { jest } from '@jest/globals';
import { TokenService } from '../../src/common/auth/token.service.js';
import { ParkingClock } from '../../src/parking/parking-clock.js';
import { basic, TEST_EVENTS_CLIENTS, type TestApp } from '../helpers/test-app.js';

/** A signed-up parking user and the Authorization header of their token. */
export interface ParkingTestUser {
  id: number;
  email: string;
  auth: string;
}

let users = 0;

/** A small client for the parking API, speaking for users of one test app. */
export class ParkingApi {
  constructor(readonly testApp: TestApp) {}

  /** Sets the parking clock to `iso` (and keeps it there) so dates and lock-ins are deterministic. */
  setNow(iso: string): void {
    const clock = this.testApp.app.get(ParkingClock);
    jest.spyOn(clock, 'now').mockImplementation(() => new Date(iso));
  }

  /** Moves the parking clock forward with real time, starting from `iso`. */
  runClockFrom(iso: string): void {
    const clock = this.testApp.app.get(ParkingClock);
    const offset = new Date(iso).getTime() - Date.now();
    jest.spyOn(clock, 'now').mockImplementation(() => new Date(Date.now() + offset));
  }

  http() {
    return this.testApp.http();
  }

  async user(name = 'user'): Promise<ParkingTestUser> {
    const email = `${name}-${++users}-${process.pid}@example.org`;
    const created = await this.http()
      .post('/parking/user')
      .send({ first_name: name, last_name: 'Tester', email, password: 'password123' })
      .expect(201);
    // Minted rather than logged in: test files make more users than the per-address login limit admits.
    // An app running as a process (the fault tests) has no container to mint with: log in there.
    const token = this.testApp.app
      ? (await this.testApp.app.get(TokenService).issue('parking', created.body.id, 0)).access_token
      : ((await this.http().post('/parking/user/auth').send({ email, password: 'password123' }).expect(200)).body.access_token as string);
    return { id: created.body.id, email, auth: `Bearer ${token}` };
  }

  async users(count: number, name: string): Promise<ParkingTestUser[]> {
    const result: ParkingTestUser[] = [];
    for (let i = 0; i < count; i++) result.push(await this.user(`${name}${i + 1}`));
    return result;
  }

  async org(moderator: ParkingTestUser, body: Record<string, unknown> = {}): Promise<number> {
    const response = await this.http()
      .post('/parking/org')
      .set('Authorization', moderator.auth)
      .send({ name: 'Test school', ...body })
      .expect(201);
    return response.body.id;
  }

  async dayState(moderator: ParkingTestUser, orgId: number, identifier: string): Promise<number> {
    const response = await this.http()
      .post(`/parking/org/${orgId}/daystates`)
      .set('Authorization', moderator.auth)
      .send({ identifier, greeting: `Today is an ${identifier} day` })
      .expect(201);
    return response.body.id;
  }

  async participant(moderator: ParkingTestUser, orgId: number, user: ParkingTestUser): Promise<void> {
    await this.http()
      .post(`/parking/org/${orgId}/participants`)
      .set('Authorization', moderator.auth)
      .send({ user_id: user.id })
      .expect(204);
  }

  async schedule(moderator: ParkingTestUser, orgId: number, schedule: Record<string, unknown>): Promise<void> {
    await this.http().put(`/parking/org/${orgId}/schedule`).set('Authorization', moderator.auth).send(schedule).expect(200);
  }

  /** A pass requested by `owner` and verified by `moderator` as requested. */
  async verifiedPass(moderator: ParkingTestUser, orgId: number, owner: ParkingTestUser, stateId: number, spotNum: number): Promise<number> {
    const created = await this.http()
      .post(`/parking/org/${orgId}/pass`)
      .set('Authorization', owner.auth)
      .send({ state_id: stateId, spot_num: spotNum })
      .expect(201);
    await this.http().put(`/parking/pass/${created.body.id}`).set('Authorization', moderator.auth).send({}).expect(200);
    return created.body.id;
  }

  async borrow(user: ParkingTestUser, body: Record<string, unknown>) {
    const response = await this.http().post('/parking/pass/borrow').set('Authorization', user.auth).send(body).expect(200);
    return response.body;
  }

  async lend(user: ParkingTestUser, passId: number, body: Record<string, unknown>) {
    const response = await this.http().post(`/parking/pass/${passId}/lend`).set('Authorization', user.auth).send(body).expect(200);
    return response.body;
  }

  async lockIn(moderator: ParkingTestUser, orgId: number, date: string) {
    const response = await this.http().post(`/parking/org/${orgId}/lock-in?date=${date}`).set('Authorization', moderator.auth).expect(200);
    return response.body;
  }

  async loans(moderator: ParkingTestUser, orgId: number, date: string) {
    const response = await this.http().get(`/parking/org/${orgId}/loans?date=${date}`).set('Authorization', moderator.auth).expect(200);
    return response.body;
  }

  /** The borrowers queued on `date` in the org, in queue order (the moderator's loans view). */
  async queueOf(moderator: ParkingTestUser, orgId: number, date: string): Promise<number[]> {
    return (await this.loans(moderator, orgId, date)).requests.map((r: { borrower_id: number }) => r.borrower_id);
  }

  async myRequests(user: ParkingTestUser) {
    const response = await this.http().get('/parking/me/requests').set('Authorization', user.auth).expect(200);
    return response.body as Array<{
      request_id: number;
      org_id: number;
      date: string | null;
      indefinite: boolean;
      position: number | null;
      queue_length: number | null;
      priority_key: string;
      reason: string;
    }>;
  }

  async removeParticipant(moderator: ParkingTestUser, orgId: number, user: ParkingTestUser): Promise<void> {
    await this.http().delete(`/parking/org/${orgId}/participants/${user.id}`).set('Authorization', moderator.auth).expect(204);
  }

  /** Every event of one name on `parking.loans`, read by a fresh consumer through the events API. */
  async eventsNamed(eventName: string) {
    const response = await this.http()
      .get(`/api/v1/streams/parking.loans/events?eventName=${eventName}&limit=1000`)
      .set('Authorization', basic('alice', TEST_EVENTS_CLIENTS.alice))
      .set('X-Consumer-ID', `parking-test-${Date.now()}-${Math.random().toString(36).slice(2)}`)
      .expect(200);
    const body = typeof response.body === 'string' ? JSON.parse(response.body) : response.body;
    return body as Array<{ event: { name: string }; payload: Record<string, unknown> }>;
  }

  async myPasses(user: ParkingTestUser) {
    const response = await this.http().get('/parking/me/passes').set('Authorization', user.auth).expect(200);
    return response.body;
  }
}

/**
 * An org where every day is a parking day of a single state "D", so that every verified pass is
 * valid every day: the borrow/lend scenarios need no schedule arithmetic.
 */
export async function everyDayOrg(api: ParkingApi, moderator: ParkingTestUser, body: Record<string, unknown> = {}) {
  const orgId = await api.org(moderator, body);
  const stateId = await api.dayState(moderator, orgId, 'D');
  await api.schedule(moderator, orgId, {
    sequence: [stateId],
    anchor: { date: '2026-01-05', daystate_id: stateId },
    skip: [],
    exceptions: [],
  });
  return { orgId, stateId };
}

/** Participants of the org who each own a verified pass of `stateId` (spots numbered from `firstSpot`). */
export async function passOwners(
  api: ParkingApi,
  moderator: ParkingTestUser,
  orgId: number,
  stateId: number,
  count: number,
  name: string,
  firstSpot: number,
): Promise<Array<ParkingTestUser & { passId: number }>> {
  const result: Array<ParkingTestUser & { passId: number }> = [];
  for (const [i, user] of (await api.users(count, name)).entries()) {
    await api.participant(moderator, orgId, user);
    result.push({ ...user, passId: await api.verifiedPass(moderator, orgId, user, stateId, firstSpot + i) });
  }
  return result;
}

/** Participants without a pass. */
export async function participants(api: ParkingApi, moderator: ParkingTestUser, orgId: number, count: number, name: string) {
  const result = await api.users(count, name);
  for (const user of result) await api.participant(moderator, orgId, user);
  return result;
}
