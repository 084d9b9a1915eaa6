import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { Browser, chromium, Page } from 'playwright-core';
import { createTestApp, TEST_ADMIN, TEST_EVENTS_CLIENTS, TestApp } from '../helpers/test-app.js';

/** Debian's chromium (`apt-get install chromium`, which .ci/run does): no browser download. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// In CI a missing browser is a failure; on a laptop without chromium the file says why it skips.
const describeWithBrowser = existsSync(CHROMIUM) || process.env.CI ? describe : describe.skip;
if (!existsSync(CHROMIUM) && !process.env.CI)
  console.warn(`Swagger UI browser test skipped: no chromium at ${CHROMIUM} (apt-get install chromium)`);

const MEMBER = { username: 'SwaggerClem', email: 'swagger-clem@example.org', password: 'password-swagger-1' };
const PARKING_USER = { first_name: 'Ada', last_name: 'Lovelace', email: 'ada-swagger@example.org', password: 'correct horse battery' };

/**
 * Swagger UI as a person uses it, in a real Chromium: the page loads without a console error,
 * "Authorize" takes Basic pairs and Bearer tokens, and "Try it out" succeeds on a route of each
 * module — a member logs in through the UI itself and uses the token it got.
 */
describeWithBrowser('Swagger UI in a browser', () => {
  let testApp: TestApp;
  let browser: Browser;
  let page: Page;
  let base: string;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    testApp = await createTestApp();
    await testApp.app.listen({ port: 0, host: '127.0.0.1' });
    base = (await testApp.app.getUrl()).replace('[::1]', '127.0.0.1');
    await testApp.http().post('/v1/membres').set('User-Agent', 'setup').send(MEMBER).expect(201);
    await testApp.http().post('/parking/user').send(PARKING_USER).expect(201);

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await browser.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  /** An operation's block, by method and path as the document has them. */
  const operation = (method: string, path: string) =>
    page.locator(`.opblock.opblock-${method}`, { has: page.locator(`.opblock-summary-path[data-path="${path}"]`) });

  async function tryItOut(method: string, path: string, body?: unknown): Promise<{ status: number; text: string }> {
    const block = operation(method, path);
    await block.locator('.opblock-summary').first().click();
    await block.locator('.try-out__btn').click();
    if (body !== undefined) await block.locator('textarea.body-param__text').fill(JSON.stringify(body));
    await block.locator('.btn.execute').click();
    const status = block.locator('.live-responses-table .response .response-col_status').first();
    await status.waitFor({ timeout: 10_000 });
    const text = (await block.locator('.live-responses-table .response-col_description pre').first().textContent()) ?? '';
    return { status: Number((await status.textContent())?.trim()), text };
  }

  async function authorize(scheme: string, values: string[]): Promise<void> {
    const container = page.locator('.modal-ux .auth-container', { has: page.locator('h4', { hasText: scheme }) });
    const inputs = container.locator('input');
    for (const [index, value] of values.entries()) await inputs.nth(index).fill(value);
    await container.locator('button.authorize').click();
    await expect(container.locator('button', { hasText: 'Logout' }).count()).resolves.toBe(1);
  }

  it('loads the document without a console error', async () => {
    await page.goto(`${base}/docs`);
    await page.locator('.swagger-ui .info .title', { hasText: 'citymove' }).waitFor({ timeout: 20_000 });
    expect(await page.locator('.opblock').count()).toBeGreaterThan(50);
    expect(consoleErrors).toEqual([]);
  });

  it('tries a route of each module, with Basic and Bearer credentials given to "Authorize"', async () => {
    const login = await tryItOut('post', '/v1/login', { username: MEMBER.username, password: MEMBER.password });
    expect(login.status).toBe(200);
    const memberToken = (JSON.parse(login.text) as { access_token: string }).access_token;
    const parkingToken = (
      await testApp
        .http()
        .post('/parking/user/auth')
        .send({ email: PARKING_USER.email, password: PARKING_USER.password })
        .expect(200 as number)
    ).body.access_token as string;

    await page.locator('.scheme-container button.authorize').click();
    await authorize('member-jwt', [memberToken]);
    await authorize('parking-jwt', [parkingToken]);
    await authorize('admin-basic', [TEST_ADMIN.user, TEST_ADMIN.password]);
    await authorize('events-basic', ['alice', TEST_EVENTS_CLIENTS.alice]);
    await page.locator('.modal-ux button.btn-done').first().click();
    await page.locator('.modal-ux').waitFor({ state: 'detached' });

    const profile = await tryItOut('get', '/v1/membres/monprofil');
    expect({ profile: profile.status, username: JSON.parse(profile.text).username }).toEqual({ profile: 200, username: MEMBER.username });
    expect((await tryItOut('get', '/parking/me')).status).toBe(200);
    expect((await tryItOut('get', '/operator/taxis')).status).toBe(200);
    expect((await tryItOut('get', '/api/v1/streams')).status).toBe(200);
    expect((await tryItOut('get', '/mobility/gbfs/gbfs.json')).status).toBe(200);
    expect(consoleErrors).toEqual([]);
  });
});
