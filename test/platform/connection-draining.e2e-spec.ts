import { Controller, Get, Module } from '@nestjs/common';
import { afterAll, describe, expect, it } from '@jest/globals';
import { Agent, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/** A route the test holds open: its answer leaves when the test says so. */
let release: () => void = () => undefined;
let entered: () => void = () => undefined;

@Controller('probe-held')
class HeldController {
  @Get()
  async held() {
    entered();
    await new Promise<void>((resolve) => (release = resolve));
    return { ok: true };
  }
}

@Module({ controllers: [HeldController] })
class HeldModule {}

/**
 * A request in flight when the HTTP server closes: its answer still goes out, says
 * `Connection: close`, and the keep-alive socket it leaves does not hold the close for Fastify's
 * 72 s keep-alive (which made a SIGTERM'd API miss its 25 s grace and exit 1 under load).
 */
describe('closing with a keep-alive request in flight', () => {
  let testApp: TestApp | undefined;
  afterAll(() => testApp?.close());

  it('answers it with Connection: close, then closes at once', async () => {
    testApp = await createTestApp({ imports: [HeldModule], processors: false });
    const { app } = testApp;
    await app.listen(0, '127.0.0.1');
    const server = app.getHttpServer();
    const { port } = server.address() as AddressInfo;
    const agent = new Agent({ keepAlive: true });

    const inHandler = new Promise<void>((resolve) => (entered = resolve));
    const answer = new Promise<{ status: number; connection: string | undefined; body: string }>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path: '/probe-held', agent }, (response: IncomingMessage) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, connection: response.headers.connection, body }));
      })
        .on('error', reject)
        .end();
    });
    await inHandler;

    const startedAt = Date.now();
    const closed = testApp.stop();
    // Held until the server has stopped listening, so the request is in flight when Fastify closes.
    while (server.listening) await new Promise((resolve) => setTimeout(resolve, 10));
    release();

    expect(await answer).toEqual({ status: 200, connection: 'close', body: JSON.stringify({ ok: true }) });
    await closed;
    const closeMs = Date.now() - startedAt;
    agent.destroy();
    console.log(`[figure] app closed ${closeMs} ms after close() with a keep-alive request in flight`);
    // Without draining the close waits for the socket's 72 s keep-alive; a loose bound for a loaded machine.
    expect(closeMs).toBeLessThan(10_000);
  });
});
