import http from 'node:http';
import https from 'node:https';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { operatorConfig } from '../config/configuration.js';
import type { RegistryHailUpdate } from './hail-update.entity.js';

/** What one request to the registry gave: an answer (any status) or no answer at all. */
export interface RegistryAnswer {
  /** HTTP status, or null on a network error or timeout. */
  status: number | null;
  /** The parsed JSON body when there was one. */
  body: unknown;
  /** Network error, or the start of a non-2xx body, for the record. */
  error: string | null;
  durationMs: number;
}

/**
 * Joins a base URL that may carry a path (`https://h/api/`) with path segments, escaping each. An
 * empty, `.` or `..` segment is refused: escaping leaves dots as they are, and the URL parser would
 * resolve them, sending the request to another path of the registry (`%2e` is escaped to `%252e`).
 */
export function registryUrl(base: string, ...segments: string[]): string {
  const bad = segments.find((segment) => segment === '' || /^\.{1,2}$/.test(segment));
  if (bad !== undefined) throw new Error(`registry URL: refusing the path segment "${bad}"`);
  const url = new URL(base);
  const basePath = url.pathname.replace(/\/+$/, '');
  url.pathname = `${basePath}/${segments.map(encodeURIComponent).join('/')}`;
  url.search = '';
  url.hash = '';
  return url.toString();
}

/**
 * The api.taxi registry over HTTP: `PUT /hails/:id` (the one-object body, only the keys the registry
 * accepts) and `GET /hails/:id`. Never throws for an HTTP or network failure: callers decide what
 * a 400, a 5xx or silence means for their step, and record every call.
 */
@Injectable()
export class RegistryClient {
  constructor(@Inject(operatorConfig.KEY) private readonly config: ConfigType<typeof operatorConfig>) {}

  /**
   * A registry that does not answer within this (REGISTRY_REQUEST_TIMEOUT_MS) is silent: what the PUT
   * did is then read back (`GET /hails/:id`), never assumed.
   */
  get requestTimeoutMs(): number {
    return this.config.registryRequestTimeoutMs;
  }

  /** Sends one status update; `update` is copied key by key so no stray key can reach the registry. */
  updateHail(hailId: string, update: RegistryHailUpdate, timeoutMs = this.requestTimeoutMs): Promise<RegistryAnswer> {
    return this.request('PUT', hailId, { data: [registryUpdateBody(update)] }, timeoutMs);
  }

  readHail(hailId: string, timeoutMs = this.requestTimeoutMs): Promise<RegistryAnswer> {
    return this.request('GET', hailId, undefined, timeoutMs);
  }

  private request(method: 'PUT' | 'GET', hailId: string, body: unknown, timeoutMs: number): Promise<RegistryAnswer> {
    return callRegistry(method, registryUrl(this.config.apiTaxiUrl, 'hails', hailId), this.config.apiTaxiKey, body, timeoutMs);
  }
}

/**
 * One call to the registry, its hail routes or its taxi routes, as a `RegistryAnswer`: the JSON body
 * when there is one, the first 500 characters of a non-2xx answer or of a network failure. Never throws.
 */
export async function callRegistry(
  method: 'GET' | 'PUT' | 'POST',
  url: string,
  apiKey: string | undefined,
  body: unknown,
  timeoutMs: number,
): Promise<RegistryAnswer> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (apiKey !== undefined) headers['X-Api-Key'] = apiKey;
  const payload = body === undefined ? undefined : JSON.stringify(body);
  if (payload !== undefined) {
    headers['Content-Type'] = 'application/json';
    headers['Content-Length'] = String(Buffer.byteLength(payload));
  }
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await sendRequest(method, url, headers, payload, Math.max(1, timeoutMs));
    let parsed: unknown = undefined;
    try {
      parsed = response.text === '' ? undefined : JSON.parse(response.text);
    } catch {
      parsed = undefined;
    }
    const ok = response.status >= 200 && response.status < 300;
    return { status: response.status, body: parsed, error: ok ? null : response.text.slice(0, 500) || null, durationMs: elapsed() };
  } catch (error) {
    const reason = error as NodeJS.ErrnoException;
    const message = reason.code ? `${reason.message} (${reason.code})` : reason.message;
    return { status: null, body: undefined, error: message.slice(0, 500), durationMs: elapsed() };
  }
}

/**
 * Kept-alive connections to the registry: at 100 hails/s a new TCP (and TLS) handshake per PUT would
 * cost more than the PUT. node:http rather than fetch: a fraction of the CPU per request, and the
 * jobs share the process with the hail endpoint.
 */
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

function sendRequest(
  method: string,
  target: string,
  headers: Record<string, string>,
  payload: string | undefined,
  timeoutMs: number,
): Promise<{ status: number; text: string }> {
  const url = new URL(target);
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = transport.request(url, { method, headers, agent: agents[url.protocol as 'http:' | 'https:'] }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
      });
      response.on('error', fail);
    });
    // One deadline for the whole exchange, not per socket event: the job's window is what counts.
    const timer = setTimeout(
      () => request.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })),
      timeoutMs,
    );
    function fail(error: Error) {
      clearTimeout(timer);
      reject(error);
    }
    request.on('error', fail);
    request.end(payload);
  });
}

/** The registry refuses any key but the operator's (APITaxi2/schemas.py, HailSchema) with a 400. */
export function registryUpdateBody(update: RegistryHailUpdate): RegistryHailUpdate {
  const body: RegistryHailUpdate = {};
  if (update.status !== undefined) body.status = update.status;
  if (update.taxi_phone_number !== undefined) body.taxi_phone_number = update.taxi_phone_number;
  if (update.incident_taxi_reason !== undefined) body.incident_taxi_reason = update.incident_taxi_reason;
  if (update.reporting_customer !== undefined) body.reporting_customer = update.reporting_customer;
  if (update.reporting_customer_reason !== undefined) body.reporting_customer_reason = update.reporting_customer_reason;
  return body;
}

/** The hail as the registry shows it (`{"data":[hail]}`), when its answer holds one. */
export interface RegistryHailView {
  status?: unknown;
  last_status_change?: unknown;
  customer_phone_number?: unknown;
  reporting_customer?: unknown;
  reporting_customer_reason?: unknown;
}

export function registryHailOf(answer: RegistryAnswer): RegistryHailView | undefined {
  if (answer.status === null || answer.status < 200 || answer.status >= 300) return undefined;
  const data = (answer.body as { data?: unknown } | undefined)?.data;
  const hail: unknown = Array.isArray(data) ? data[0] : undefined;
  return hail !== null && typeof hail === 'object' ? hail : undefined;
}

/** The registry's status of the hail in its answer, when there is one. */
export function registryStatusOf(answer: RegistryAnswer): string | undefined {
  const status = registryHailOf(answer)?.status;
  return typeof status === 'string' ? status : undefined;
}
