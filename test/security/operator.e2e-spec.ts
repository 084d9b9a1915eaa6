import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { REGISTRY_HEADER, sleep, startOperatorHarness, type OperatorHarness } from '../operator/operator-harness.js';

/**
 * The operator's realms as an attacker sees them: guessing taxi tokens, and hail ids that would
 * steer our calls to the registry to another path.
 */
describe('security: the operator realms', () => {
  let harness: OperatorHarness;

  beforeAll(async () => {
    harness = await startOperatorHarness({ env: { AUTH_FAILURE_RATE_LIMIT: '3/60' } });
  });
  afterAll(() => harness.close());

  it('taxi token: after AUTH_FAILURE_RATE_LIMIT wrong tokens from one address, every attempt is 429, the right token included', async () => {
    const taxi = await harness.registerTaxi();
    const driver = (token: string) => harness.testApp.http().get('/operator/driver/hails').set('Authorization', `Bearer ${token}`);
    await driver(taxi.token).expect(200);
    // A request with no token at all guesses nothing, and is not counted.
    for (let attempt = 0; attempt < 5; attempt++) await harness.testApp.http().get('/operator/driver/hails').expect(401);
    for (let attempt = 0; attempt < 3; attempt++) {
      const refused = await driver(`guess${attempt}-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`).expect(401);
      expect(refused.headers['www-authenticate']).toBe('Bearer realm="taxi"');
    }
    const limited = await driver(taxi.token).expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body).toEqual({ errors: [{ code: 429, message: expect.stringMatching(/^too many failed attempts/) }] });
  });

  it('a hail id of . or .. is refused (400) and never becomes a path at the registry', async () => {
    const taxi = await harness.registerTaxi();
    for (const id of ['..', '.']) {
      const response = await harness.testApp
        .http()
        .post('/operator/hails')
        .set(REGISTRY_HEADER.name, REGISTRY_HEADER.value)
        .send({
          data: [
            {
              id,
              taxi: { id: taxi.id },
              customer_lon: 2.35,
              customer_lat: 48.86,
              customer_address: '25 rue Quincampoix 75004 Paris',
              customer_phone_number: '0600000000',
            },
          ],
        })
        .expect(400);
      expect(response.body.errors[0]).toMatchObject({ code: 400, message: 'id must not be "." or ".."' });
    }
    await sleep(300);
    expect(harness.registry.requests.filter((request) => request.method === 'PUT' && !/\/hails\/[^/.][^/]*$/.test(request.path))).toEqual(
      [],
    );
  });

  // Last: it uses up this address's registry-header failures.
  it('registry header: after AUTH_FAILURE_RATE_LIMIT wrong values from one address, every hail is 429, the right header included', async () => {
    const hail = (value: string) => harness.testApp.http().post('/operator/hails').set(REGISTRY_HEADER.name, value).send({ data: [] });
    for (let attempt = 0; attempt < 3; attempt++) await hail(`guess-${attempt}`).expect(401);
    const limited = await hail(REGISTRY_HEADER.value).expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});
