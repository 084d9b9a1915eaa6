import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AddressInfo } from 'node:net';
import { adminAuth } from '../helpers/test-app.js';
import { openEventStream } from './event-stream.js';
import { eventually, startOperatorHarness, type OperatorHarness } from './operator-harness.js';

describe('operator: fleet management (PATCH, DELETE /operator/taxis/:id, POST /operator/taxis/:id/token)', () => {
  let harness: OperatorHarness;
  let baseUrl: string;
  const admin = () => harness.testApp.http();
  const driverList = (token: string) => harness.testApp.http().get('/operator/driver/hails').set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    harness = await startOperatorHarness({ env: { DRIVER_EVENTS_POLL_MS: '50' } });
    baseUrl = `http://127.0.0.1:${(harness.testApp.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(() => harness.close());

  it('changes a taxi’s phone, name and plate; the next hail gives the registry the new phone', async () => {
    const taxi = await harness.registerTaxi();
    await harness.registry.sendHail({ taxiId: taxi.id }); // the hail endpoint now holds the taxi in its cache
    const response = await admin()
      .patch(`/operator/taxis/${taxi.id}`)
      .set('Authorization', adminAuth())
      .send({ phone_number: '0699999999', driver_name: 'Jeanne Martin', licence_plate: 'ZZ-999-ZZ' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id: taxi.id,
      phone_number: '0699999999',
      driver_name: 'Jeanne Martin',
      licence_plate: 'ZZ-999-ZZ',
    });
    const read = await admin().get(`/operator/taxis/${taxi.id}`).set('Authorization', adminAuth());
    expect(read.body).toMatchObject({ phone_number: '0699999999', driver_name: 'Jeanne Martin' });
    const hail = await harness.registry.sendHail({ taxiId: taxi.id });
    expect(hail.operatorAnswer).toEqual({ status: 200, body: { data: [{ taxi_phone_number: '0699999999' }] } });
  });

  it('refuses bad changes with a 4xx and changes nothing', async () => {
    const taxi = await harness.registerTaxi();
    const bad: unknown[] = [
      {},
      { phone_number: 'call me' },
      { phone_number: null },
      { driver_name: '' },
      { driver_name: 'x'.repeat(201) },
      { licence_plate: 12 },
      { id: 'another-id' },
      { token: 'x' },
    ];
    for (const body of bad) {
      const response = await admin()
        .patch(`/operator/taxis/${taxi.id}`)
        .set('Authorization', adminAuth())
        .send(body as object);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
    }
    await admin().patch('/operator/taxis/no-such-taxi').set('Authorization', adminAuth()).send({ driver_name: 'A' }).expect(404);
    await admin().patch(`/operator/taxis/${taxi.id}`).send({ driver_name: 'A' }).expect(401);
    await admin().patch(`/operator/taxis/${taxi.id}`).set('Authorization', `Bearer ${taxi.token}`).send({ driver_name: 'A' }).expect(401);
    const read = await admin().get(`/operator/taxis/${taxi.id}`).set('Authorization', adminAuth());
    expect(read.body).toMatchObject({ phone_number: taxi.phone, driver_name: null, licence_plate: null });
  });

  it('rotates the token: the new one works, the old one stops at once and its open event stream ends', async () => {
    const taxi = await harness.registerTaxi();
    await driverList(taxi.token).expect(200);
    const stream = await openEventStream(baseUrl, taxi.token);
    expect(stream.status).toBe(200);

    const rotated = await admin().post(`/operator/taxis/${taxi.id}/token`).set('Authorization', adminAuth());
    expect(rotated.status).toBe(201);
    expect(rotated.body).toEqual({ id: taxi.id, token: expect.any(String) });
    expect(rotated.body.token).not.toBe(taxi.token);

    await driverList(taxi.token).expect(401);
    await driverList(rotated.body.token).expect(200);
    await eventually(async () => (stream.ended ? true : undefined), 5000, 'old stream ended');

    // A stream opened with the new token is not ended by that rotation.
    const fresh = await openEventStream(baseUrl, rotated.body.token);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(fresh.ended).toBe(false);
    fresh.close();
    await admin().post('/operator/taxis/no-such-taxi/token').set('Authorization', adminAuth()).expect(404);
    await admin().post(`/operator/taxis/${taxi.id}/token`).expect(401);
  });

  it('two rotations at once: both answer, exactly one of the two new tokens works', async () => {
    const taxi = await harness.registerTaxi();
    const answers = await Promise.all([1, 2].map(() => admin().post(`/operator/taxis/${taxi.id}/token`).set('Authorization', adminAuth())));
    expect(answers.map((answer) => answer.status)).toEqual([201, 201]);
    const works = await Promise.all(answers.map(async (answer) => (await driverList(answer.body.token)).status));
    expect(works.sort()).toEqual([200, 401]);
    await driverList(taxi.token).expect(401);
  });

  it('removes a taxi: token refused, no more hails, gone from the fleet, off at the registry; its hails stay', async () => {
    const taxi = await harness.registerTaxi();
    harness.registry.setTaxiStatus(taxi.id, 'free');
    const hail = await harness.registry.sendHail({ taxiId: taxi.id });
    await harness.registry.waitForStatus(hail.id, 'received_by_taxi', 4000);

    await admin().delete(`/operator/taxis/${taxi.id}`).set('Authorization', adminAuth()).expect(204);
    await driverList(taxi.token).expect(401);
    await admin().get(`/operator/taxis/${taxi.id}`).set('Authorization', adminAuth()).expect(404);
    const list = await admin().get('/operator/taxis?perPage=100').set('Authorization', adminAuth());
    expect((list.body as Array<{ id: string }>).map((t) => t.id)).not.toContain(taxi.id);
    const next = await harness.registry.sendHail({ taxiId: taxi.id });
    expect(next.operatorAnswer?.status).toBe(404);
    await eventually(async () => (harness.registry.taxiStatusOf(taxi.id) === 'off' ? true : undefined), 5000, 'off at the registry');
    const kept = await admin().get(`/operator/hails/${hail.id}`).set('Authorization', adminAuth());
    expect(kept.status).toBe(200);

    await admin().delete(`/operator/taxis/${taxi.id}`).set('Authorization', adminAuth()).expect(404);
    await admin().patch(`/operator/taxis/${taxi.id}`).set('Authorization', adminAuth()).send({ driver_name: 'A' }).expect(404);
    await admin().post(`/operator/taxis/${taxi.id}/token`).set('Authorization', adminAuth()).expect(404);
    await admin().delete('/operator/taxis/no-such-taxi').set('Authorization', adminAuth()).expect(404);
    await admin().delete(`/operator/taxis/${taxi.id}`).expect(401);
  });
});
