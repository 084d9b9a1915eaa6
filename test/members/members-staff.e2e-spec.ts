import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { MEMBERS_ERRORS, MembersError, type MembersErrorCode } from '../../src/members/members.errors.js';
import { MembersService } from '../../src/members/members.service.js';
import { createTestApp, TestApp } from '../helpers/test-app.js';
import { membersApi } from './members-helpers.js';

function runCli(
  args: string[],
  env: Record<string, string>,
  script = 'scripts/members-create-staff.ts',
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', script, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('staff members (members:create-staff)', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({ processors: false });
  });
  afterAll(() => testApp.close());

  it('createStaff makes an active staff member who can log in', async () => {
    const member = await testApp.app
      .get(MembersService)
      .createStaff({ username: 'Chief', email: 'chief@example.org', password: 'chief-password' });
    expect(member.isStaff).toBe(true);
    const api = membersApi(testApp);
    const profile = await api.get(`/v1/membres/${member.id}`).expect(200);
    expect(profile.body).toMatchObject({ username: 'Chief', is_staff: true, is_active: true });
    await api.post('/v1/login').send({ username: 'chief', password: 'chief-password' }).expect(200);
  });

  it('createStaff applies the sign-up rules: one entry per faulty field, 409 when taken', async () => {
    const service = testApp.app.get(MembersService);
    const invalid = await service.createStaff({ username: 'a/b', email: 'nope', password: 'short' }).catch((error) => error);
    expect(invalid).toBeInstanceOf(MembersError);
    expect(invalid.code).toBe('ACCOUNT_FIELDS_INVALID');
    expect(MEMBERS_ERRORS[invalid.code as MembersErrorCode].status).toBe(400);
    expect(invalid.faults.map((fault: { field: string }) => fault.field).sort()).toEqual(['email', 'password', 'username']);
    const taken = await service
      .createStaff({ username: 'CHIEF', email: 'x@example.org', password: 'chief-password' })
      .catch((error) => error);
    expect(taken.code).toBe('USERNAME_TAKEN');
    expect(MEMBERS_ERRORS[taken.code as MembersErrorCode].status).toBe(409);
  });

  it('findActiveById, for other modules: active members only, nothing for unknown or malformed ids', async () => {
    const service = testApp.app.get(MembersService);
    const active = await service.createStaff({ username: 'Rider', email: 'rider@example.org', password: 'rider-password' });
    expect((await service.findActiveById(active.id))?.username).toBe('Rider');
    await testApp.sql('UPDATE members SET is_active = $1 WHERE id = $2', [false, active.id]);
    expect(await service.findActiveById(active.id)).toBeNull();
    for (const id of [0, -1, 1.5, 2 ** 40, 999_999]) expect(await service.findActiveById(id)).toBeNull();
  });

  it('the CLI creates the staff member and prints its id; refuses a taken name with exit 1', async () => {
    const env = {
      DATABASE_URL: testApp.databaseUrl,
      QUEUE_PREFIX: testApp.queuePrefix,
      MEMBER_PASSWORD: 'cli-password-1',
      PASSWORD_HASH_ROUNDS: '4',
      LOG_LEVEL: 'error',
      RUN_PROCESSORS: 'false',
    };
    const created = await runCli(['CliStaff', 'cli.staff@example.org'], env);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const id = Number(created.stdout.trim());
    expect(Number.isSafeInteger(id) && id > 0).toBe(true);
    const profile = await membersApi(testApp).get(`/v1/membres/${id}`).expect(200);
    expect(profile.body).toMatchObject({ username: 'CliStaff', is_staff: true });
    const usage = await runCli(['OnlyName'], env);
    expect(usage.code).toBe(2);
  }, 120_000);

  it('members:set-active deactivates a member, whose tokens stay dead after a reactivation', async () => {
    const env = { DATABASE_URL: testApp.databaseUrl, QUEUE_PREFIX: testApp.queuePrefix, LOG_LEVEL: 'error', RUN_PROCESSORS: 'false' };
    const api = membersApi(testApp);
    await api.post('/v1/membres').send({ username: 'Leaver', email: 'leaver@example.org', password: 'leaver-password' }).expect(201);
    const login = await api.post('/v1/login').send({ username: 'leaver', password: 'leaver-password' }).expect(200);
    const auth = `Bearer ${login.body.access_token}`;
    await api.get('/v1/membres/monprofil').set('Authorization', auth).expect(200);

    const deactivated = await runCli(['LEAVER', 'false'], env, 'scripts/members-set-active.ts');
    expect(deactivated).toMatchObject({ code: 0, stderr: '' });
    const profile = await api.get(`/v1/membres/${Number(deactivated.stdout.trim())}`).expect(200);
    expect(profile.body).toMatchObject({ username: 'Leaver', is_active: false });
    // Through the service in this process: its cache forgets the member at once.
    await testApp.app.get(MembersService).setActive('Leaver', true);
    await api.get('/v1/membres/monprofil').set('Authorization', auth).expect(401);
    await api.post('/v1/login').send({ username: 'leaver', password: 'leaver-password' }).expect(200);

    expect((await runCli(['nobody-at-all', 'false'], env, 'scripts/members-set-active.ts')).code).toBe(1);
    expect((await runCli(['Leaver', 'maybe'], env, 'scripts/members-set-active.ts')).code).toBe(2);
  }, 240_000);
});
