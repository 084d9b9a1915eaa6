import { Body, Controller, Get, HttpCode, Module, Post, UseGuards } from '@nestjs/common';
import { IsEmail, IsInt, IsString, Max, Min } from 'class-validator';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AdminBasicGuard, EventsBasicGuard, MemberJwtGuard, ParkingJwtGuard } from '../../src/common/auth/guards.js';
import { Principal } from '../../src/common/auth/principal.decorator.js';
import { TokenService } from '../../src/common/auth/token.service.js';
import { ensureMember, storedInstant } from '../members/members-helpers.js';
import { adminAuth, basic, createTestApp, TEST_EVENTS_CLIENTS, TestApp } from '../helpers/test-app.js';

class ProbeDto {
  @IsEmail()
  email: string;

  @IsInt()
  @Min(1)
  @Max(10)
  count: number;

  @IsString()
  name: string;
}

/** Routes that exist only in this test, to exercise the platform machinery. */
@Controller('probe')
class ProbeController {
  @Post('validate')
  @HttpCode(200)
  validate(@Body() body: ProbeDto) {
    return body;
  }

  @Get('crash')
  crash() {
    throw new Error('SELECT secret FROM internals -- must never reach the client');
  }

  @Get('member')
  @UseGuards(MemberJwtGuard)
  member(@Principal() principal: unknown) {
    return principal;
  }

  @Get('parking')
  @UseGuards(ParkingJwtGuard)
  parking(@Principal() principal: unknown) {
    return principal;
  }

  @Get('admin')
  @UseGuards(AdminBasicGuard)
  admin(@Principal() principal: unknown) {
    return principal;
  }

  @Get('events')
  @UseGuards(EventsBasicGuard)
  events(@Principal() principal: unknown) {
    return principal;
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

describe('platform', () => {
  let testApp: TestApp;
  let tokens: TokenService;

  beforeAll(async () => {
    testApp = await createTestApp({ imports: [ProbeModule] });
    tokens = testApp.app.get(TokenService);
  });
  /** A token's session is checked against its account: the probes' tokens need real accounts. */
  const ensureParkingUser = (id: number) =>
    testApp.sql(
      `INSERT INTO parking_users (id, first_name, last_name, email, email_normalized, password_hash, created_at)
       VALUES ($1, 'P', 'U', $2, $2, 'x', $3) ON CONFLICT (id) DO NOTHING`,
      [id, `p${id}@example.org`, storedInstant(Date.now())],
    );
  afterAll(() => testApp.close());

  describe('health', () => {
    it('answers 200 with both checks up', async () => {
      // Each check is bounded (1 s, 500 ms): right after boot on a loaded machine one can miss its
      // bound once. The promise is that a healthy app answers 200, so it gets a few seconds to.
      let response = await testApp.http().get('/health');
      for (const deadline = Date.now() + 5000; response.status !== 200 && Date.now() < deadline;) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        response = await testApp.http().get('/health');
      }
      expect({ status: response.status, body: response.body as unknown }).toMatchObject({ status: 200 });
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(response.body).toEqual({ status: 'ok', checks: { database: 'up', redis: 'up' } });
    });
  });

  describe('security headers', () => {
    it.each(['/health', '/no/such/route', '/docs'])("helmet's headers on %s, with the CSP Swagger UI needs", async (path) => {
      const response = await testApp.http().get(path);
      expect(response.headers).toMatchObject({
        'content-security-policy':
          "default-src 'self';base-uri 'self';font-src 'self' data:;form-action 'self';frame-ancestors 'self';" +
          "img-src 'self' data: validator.swagger.io;object-src 'none';script-src 'self' 'unsafe-inline';" +
          "script-src-attr 'none';style-src 'self' 'unsafe-inline';upgrade-insecure-requests",
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-resource-policy': 'cross-origin',
        'origin-agent-cluster': '?1',
        'referrer-policy': 'no-referrer',
        'strict-transport-security': 'max-age=31536000; includeSubDomains',
        'x-content-type-options': 'nosniff',
        'x-dns-prefetch-control': 'off',
        'x-download-options': 'noopen',
        'x-frame-options': 'SAMEORIGIN',
        'x-permitted-cross-domain-policies': 'none',
        'x-xss-protection': '0',
      });
    });
  });

  describe('errors', () => {
    it('404 for an unknown route, in the platform shape', async () => {
      const response = await testApp.http().get('/no/such/route').expect(404);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(response.body).toEqual({ errors: [{ code: 404, message: 'no route for GET /no/such/route' }] });
    });

    it('405 with Allow for a known path and the wrong method', async () => {
      const response = await testApp.http().delete('/probe/validate').expect(405);
      expect(response.headers.allow).toBe('POST');
      expect(response.body.errors[0].code).toBe(405);
    });

    it('400 with one entry per faulty field', async () => {
      const response = await testApp.http().post('/probe/validate').send({ email: 'nope', count: 99, name: 'ok' }).expect(400);
      expect(response.body.errors).toEqual([
        { code: 400, field: 'email', message: expect.stringContaining('email') },
        { code: 400, field: 'count', message: expect.stringContaining('10') },
      ]);
    });

    it('400 for an unknown field', async () => {
      const response = await testApp
        .http()
        .post('/probe/validate')
        .send({ email: 'a@b.org', count: 1, name: 'x', admin: true })
        .expect(400);
      expect(response.body.errors).toEqual([{ code: 400, field: 'admin', message: 'unknown field' }]);
    });

    it('400 for a body that is not JSON', async () => {
      const response = await testApp.http().post('/probe/validate').set('content-type', 'application/json').send('{"email":').expect(400);
      expect(response.body.errors[0].code).toBe(400);
    });

    it('a clean 500 naming the request id, no stack, no SQL', async () => {
      const response = await testApp.http().get('/probe/crash').set('x-request-id', 'req-crash-1').expect(500);
      expect(response.body).toEqual({ errors: [{ code: 500, message: 'Internal Server Error - req-crash-1' }] });
      expect(response.text).not.toMatch(/SELECT|stack|at /);
      expect(response.headers['x-request-id']).toBe('req-crash-1');
    });
  });

  describe('auth guards', () => {
    it('member JWT: accepted, refused without, refused from another realm', async () => {
      await ensureMember(testApp, 7);
      await ensureParkingUser(7);
      const member = await tokens.issue('member', 7, 0);
      const parking = await tokens.issue('parking', 7, 0);
      const ok = await testApp.http().get('/probe/member').set('authorization', `Bearer ${member.access_token}`).expect(200);
      expect(ok.body).toEqual({ realm: 'member', id: 7 });
      const missing = await testApp.http().get('/probe/member').expect(401);
      expect(missing.headers['www-authenticate']).toBe('Bearer realm="members"');
      expect(missing.body.errors[0].code).toBe(401);
      await testApp.http().get('/probe/member').set('authorization', `Bearer ${parking.access_token}`).expect(401);
      await testApp.http().get('/probe/member').set('authorization', 'Bearer not.a.jwt').expect(401);
    });

    it('parking JWT: accepted, refused from the member realm', async () => {
      await ensureMember(testApp, 3);
      await ensureParkingUser(3);
      const parking = await tokens.issue('parking', 3, 0);
      const member = await tokens.issue('member', 3, 0);
      const ok = await testApp.http().get('/probe/parking').set('authorization', `Bearer ${parking.access_token}`).expect(200);
      expect(ok.body).toEqual({ realm: 'parking', id: 3 });
      const refused = await testApp.http().get('/probe/parking').set('authorization', `Bearer ${member.access_token}`).expect(401);
      expect(refused.headers['www-authenticate']).toBe('Bearer realm="parking"');
    });

    it('admin Basic: accepted, refused with a wrong password or none', async () => {
      const ok = await testApp.http().get('/probe/admin').set('authorization', adminAuth()).expect(200);
      expect(ok.body).toEqual({ realm: 'admin', client: 'admin' });
      const wrong = await testApp.http().get('/probe/admin').set('authorization', basic('admin', 'nope')).expect(401);
      expect(wrong.headers['www-authenticate']).toContain('Basic realm="admin"');
      await testApp.http().get('/probe/admin').expect(401);
    });

    it('events Basic: a password holding colons is read whole', async () => {
      const ok = await testApp.http().get('/probe/events').set('authorization', basic('carol', TEST_EVENTS_CLIENTS.carol)).expect(200);
      expect(ok.body).toEqual({ realm: 'events', client: 'carol' });
      await testApp.http().get('/probe/events').set('authorization', basic('carol', 'pa')).expect(401);
    });

    it('events Basic: each client accepted, admin credentials refused', async () => {
      const ok = await testApp.http().get('/probe/events').set('authorization', basic('bob', TEST_EVENTS_CLIENTS.bob)).expect(200);
      expect(ok.body).toEqual({ realm: 'events', client: 'bob' });
      const refused = await testApp.http().get('/probe/events').set('authorization', adminAuth()).expect(401);
      expect(refused.headers['www-authenticate']).toContain('Basic realm="events"');
    });

    it('the queue board is behind admin Basic', async () => {
      const refused = await testApp.http().get('/queues').expect(401);
      expect(refused.headers['www-authenticate']).toContain('Basic realm="admin"');
      await testApp.http().get('/queues').set('authorization', adminAuth()).expect(200);
    });
  });

  describe('docs', () => {
    it('serves the OpenAPI document with every security scheme', async () => {
      const response = await testApp.http().get('/docs-json').expect(200);
      expect(Object.keys(response.body.components.securitySchemes).sort()).toEqual([
        'admin-basic',
        'events-basic',
        'member-jwt',
        'metrics-token',
        'parking-jwt',
        'registry-header',
        'taxi-token',
      ]);
      expect(response.body.paths['/health']).toBeDefined();
    });

    it('serves Swagger UI', async () => {
      const response = await testApp.http().get('/docs').expect(200);
      expect(response.text).toContain('swagger-ui');
    });
  });
});
