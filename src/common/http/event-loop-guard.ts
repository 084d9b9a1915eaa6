import { HttpStatus, Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { FastifyInstance } from 'fastify';
import { appConfig } from '../../config/configuration.js';
import { ApiError } from '../errors/api-error.js';

/** How often the loop's lag is sampled, and over how long the worst sample counts. */
const SAMPLE_MS = 50;
const WINDOW_SAMPLES = 20;

/**
 * Sheds load when the event loop falls behind: past `EVENT_LOOP_MAX_LAG_MS` of lag (the worst
 * sample of the last second), new requests get 503 with `Retry-After` in their module's format
 * rather than queueing behind work that already makes everyone wait, and `/health` reports
 * `event_loop: down`. Off when the threshold is 0 (the default), so a loaded test machine never
 * refuses its own tests.
 */
@Injectable()
export class EventLoopGuard implements OnModuleDestroy {
  private readonly lags: number[] = [];
  /** The worst of `lags`, kept at each sample rather than computed per request. */
  private worst = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(@Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>) {}

  get enabled(): boolean {
    return this.config.eventLoopMaxLagMs > 0;
  }

  /** The worst lag of the last second, in milliseconds. */
  lagMs(): number {
    return this.worst;
  }

  isLagging(): boolean {
    return this.enabled && this.lagMs() > this.config.eventLoopMaxLagMs;
  }

  /** Starts sampling and refuses requests while the loop lags; `/health` still answers (and says so). */
  install(fastify: FastifyInstance): void {
    if (!this.enabled) return;
    this.sample(performance.now());
    fastify.addHook('onRequest', (request, _reply, done) => {
      if (!this.isLagging() || request.url === '/health' || request.url.startsWith('/health?')) return done();
      const retryAfter = String(this.config.eventLoopRetryAfterS);
      done(
        ApiError.of(
          HttpStatus.SERVICE_UNAVAILABLE,
          `the server is overloaded (event loop ${Math.round(this.lagMs())} ms behind): retry in ${retryAfter} s`,
          {
            headers: { 'Retry-After': retryAfter },
          },
        ),
      );
    });
  }

  onModuleDestroy(): void {
    clearTimeout(this.timer);
  }

  private sample(expectedAt: number): void {
    this.timer = setTimeout(() => {
      const now = performance.now();
      this.lags.push(Math.max(0, now - expectedAt - SAMPLE_MS));
      if (this.lags.length > WINDOW_SAMPLES) this.lags.shift();
      this.worst = Math.max(...this.lags);
      this.sample(now);
    }, SAMPLE_MS);
    this.timer.unref();
  }
}
