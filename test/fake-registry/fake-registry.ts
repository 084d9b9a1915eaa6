import { randomBytes } from 'node:crypto';
import { Agent, createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A faithful fake of the api.taxi registry's side of the hail protocol (spec/operator.md), as its own
 * HTTP server: it posts hails to the operator, reads the answer as the registry does, enforces the
 * transition table, the X-Api-Key, the one-object body with only allowed keys, the early-race 400,
 * the received/decision/customer timeouts, and records every request it receives.
 */

export type RegistryHailStatus =
  | 'emitted'
  | 'received'
  | 'received_by_operator'
  | 'received_by_taxi'
  | 'accepted_by_taxi'
  | 'declined_by_taxi'
  | 'timeout_taxi'
  | 'accepted_by_customer'
  | 'declined_by_customer'
  | 'timeout_customer'
  | 'incident_customer'
  | 'customer_on_board'
  | 'finished'
  | 'incident_taxi'
  | 'failure';

/** What the operator may PUT, and from which statuses (the registry's transition table). */
const OPERATOR_TRANSITIONS: Partial<Record<RegistryHailStatus, RegistryHailStatus[]>> = {
  received_by_taxi: ['received_by_operator'],
  accepted_by_taxi: ['received_by_taxi'],
  declined_by_taxi: ['received_by_taxi'],
  incident_taxi: ['received_by_taxi', 'accepted_by_taxi', 'accepted_by_customer', 'customer_on_board'],
  customer_on_board: ['accepted_by_customer'],
  finished: ['customer_on_board'],
};

const ALLOWED_PUT_KEYS = new Set(['status', 'taxi_phone_number', 'incident_taxi_reason']);
const INCIDENT_TAXI_REASONS = ['no_show', 'address', 'traffic', 'breakdown', 'traffic_jam', 'garbage_truck'];

export interface FakeRegistryOptions {
  /** The operator's hail endpoint (may be set later with `setOperatorUrl`). */
  operatorUrl?: string;
  /** The custom header the registry's console is configured to send with each hail. */
  hailHeader?: { name: string; value: string };
  /** The operator's X-Api-Key. */
  apiKey: string;
  /** Path the registry's API lives under (`/api` → `PUT /api/hails/:id`), to prove URL joining. */
  basePath?: string;
  /** received_by_operator → failure without received_by_taxi after this (registry: 10 s). */
  receivedDeadlineMs?: number;
  /** received_by_taxi → timeout_taxi without an answer after this (registry: 30 s). */
  decisionTimeoutMs?: number;
  /** accepted_by_taxi → timeout_customer without the customer's answer after this. */
  customerTimeoutMs?: number;
  /**
   * The customer's answer once the taxi accepted, after `customerDelayMs`; `none` leaves it to the
   * test (`customerAccepts`, `customerDeclines`) or the timeout.
   */
  customer?: 'accept' | 'decline' | 'none';
  customerDelayMs?: number;
  /**
   * Time the registry's job takes to process our answer: until then, the hail is still `received`
   * and a received_by_taxi PUT gets the early-race 400.
   */
  processingDelayMs?: number;
  /** How long the registry waits for our answer to its POST. */
  operatorTimeoutMs?: number;
  port?: number;
  /**
   * Serve `/_fake/...` control routes (standalone use): `POST /_fake/hails {"taxi_id"}` sends a hail,
   * `GET /_fake/hails/:id` shows one, `GET /_fake/requests` lists what was received.
   */
  controlRoutes?: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json: unknown;
  answerStatus: number;
  at: number;
}

export interface FakeHail {
  id: string;
  status: RegistryHailStatus;
  taxi_id: string;
  taxi_phone_number: string | null;
  incident_taxi_reason: string | null;
  customer_lon: number;
  customer_lat: number;
  customer_address: string;
  customer_phone_number: string;
  /** Every status the hail went through, with `performance.now()`-style timestamps in ms. */
  history: Array<{ status: RegistryHailStatus; at: number; by: 'registry' | 'operator' | 'customer' }>;
  /** What the operator answered to our POST. */
  operatorAnswer: { status: number | null; body: unknown; error?: string } | null;
  /** When our POST's answer was in (ms, monotonic clock). */
  answeredAt: number | null;
  /** When the registry took received_by_taxi (ms, monotonic clock). */
  receivedByTaxiAt: number | null;
}

export interface SendHailOptions {
  taxiId: string;
  id?: string;
  customer_lon?: number;
  customer_lat?: number;
  customer_address?: string;
  customer_phone_number?: string;
  /** Replaces the hail payload entirely (invalid-payload tests). */
  rawBody?: unknown;
  /** Headers sent instead of the configured registry header. */
  headers?: Record<string, string>;
}

export interface FakeRegistry {
  url: string;
  requests: RecordedRequest[];
  hails: Map<string, FakeHail>;
  setOperatorUrl(url: string): void;
  /** Posts a hail to the operator as the registry does; resolves once the answer is processed. */
  sendHail(options: SendHailOptions): Promise<FakeHail>;
  hail(id: string): FakeHail | undefined;
  /** Resolves when the hail reaches one of `statuses` (rejects after `timeoutMs`). */
  waitForStatus(id: string, statuses: RegistryHailStatus | RegistryHailStatus[], timeoutMs?: number): Promise<FakeHail>;
  /** The next `count` PUTs are answered with `status` (500 by default), before any other check. */
  failNextPuts(count: number, status?: number): void;
  customerAccepts(id: string): void;
  customerDeclines(id: string): void;
  /** PUTs received for a hail, in order. */
  putsFor(id: string): RecordedRequest[];
  close(): Promise<void>;
}

const now = () => performance.now();
const newHailId = () => randomBytes(6).toString('base64url');

export async function startFakeRegistry(options: FakeRegistryOptions): Promise<FakeRegistry> {
  const settings = {
    receivedDeadlineMs: 10_000,
    decisionTimeoutMs: 30_000,
    customerTimeoutMs: 60_000,
    customer: 'none' as const,
    customerDelayMs: 50,
    processingDelayMs: 0,
    operatorTimeoutMs: 10_000,
    basePath: '',
    ...options,
  };
  let operatorUrl = options.operatorUrl;
  const requests: RecordedRequest[] = [];
  const hails = new Map<string, FakeHail>();
  const timers = new Set<NodeJS.Timeout>();
  const waiters = new Set<() => void>();
  let forcedFailures: { count: number; status: number } = { count: 0, status: 500 };

  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };

  const setStatus = (hail: FakeHail, status: RegistryHailStatus, by: FakeHail['history'][number]['by']) => {
    if (hail.status === status) return;
    hail.status = status;
    hail.history.push({ status, at: now(), by });
    if (status === 'received_by_taxi') {
      hail.receivedByTaxiAt = now();
      later(settings.decisionTimeoutMs, () => hail.status === 'received_by_taxi' && setStatus(hail, 'timeout_taxi', 'registry'));
    }
    if (status === 'accepted_by_taxi') {
      later(settings.customerTimeoutMs, () => hail.status === 'accepted_by_taxi' && setStatus(hail, 'timeout_customer', 'registry'));
      if (settings.customer !== 'none') {
        const answer = settings.customer === 'accept' ? 'accepted_by_customer' : 'declined_by_customer';
        later(settings.customerDelayMs, () => hail.status === 'accepted_by_taxi' && setStatus(hail, answer, 'customer'));
      }
    }
    for (const wake of [...waiters]) wake();
  };

  const answer = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify(body));
    return status;
  };

  const hailView = (hail: FakeHail) => ({
    id: hail.id,
    status: hail.status,
    taxi: { id: hail.taxi_id },
    taxi_phone_number: hail.taxi_phone_number,
    incident_taxi_reason: hail.incident_taxi_reason,
    customer_lon: hail.customer_lon,
    customer_lat: hail.customer_lat,
    customer_address: hail.customer_address,
    customer_phone_number: hail.customer_phone_number,
  });

  const refuse = (response: ServerResponse, status: number, message: string) => answer(response, status, { errors: { data: [message] } });

  const handlePut = (hail: FakeHail, json: unknown, response: ServerResponse): number => {
    const body = json as { data?: unknown } | null;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return refuse(response, 400, 'body must be a JSON object');
    const extraTopKeys = Object.keys(body).filter((key) => key !== 'data');
    if (extraTopKeys.length) return refuse(response, 400, `unknown keys: ${extraTopKeys.join(', ')}`);
    if (!Array.isArray(body.data) || body.data.length !== 1) return refuse(response, 400, 'data must hold exactly one object');
    const update = body.data[0] as Record<string, unknown>;
    if (update === null || typeof update !== 'object' || Array.isArray(update)) return refuse(response, 400, 'data[0] must be an object');
    const unknown = Object.keys(update).filter((key) => !ALLOWED_PUT_KEYS.has(key));
    if (unknown.length) return refuse(response, 400, `unknown keys: ${unknown.join(', ')}`);
    const status = update.status as RegistryHailStatus;
    if (typeof status !== 'string') return refuse(response, 400, 'status is required');
    if (status === hail.status) return answer(response, 200, { data: [hailView(hail)] });
    const from = OPERATOR_TRANSITIONS[status];
    if (!from) return refuse(response, 400, `status ${status} cannot be set by an operator`);
    if (!from.includes(hail.status)) return refuse(response, 400, `transition ${hail.status} -> ${status} is not allowed`);
    if (update.taxi_phone_number !== undefined && typeof update.taxi_phone_number !== 'string') return refuse(response, 400, 'taxi_phone_number must be a string');
    if (update.incident_taxi_reason !== undefined) {
      if (status !== 'incident_taxi' || !INCIDENT_TAXI_REASONS.includes(update.incident_taxi_reason as string)) {
        return refuse(response, 400, 'invalid incident_taxi_reason');
      }
    }
    if (status === 'accepted_by_taxi' && !update.taxi_phone_number && !hail.taxi_phone_number) {
      return refuse(response, 400, 'taxi_phone_number is required');
    }
    if (typeof update.taxi_phone_number === 'string') hail.taxi_phone_number = update.taxi_phone_number;
    if (typeof update.incident_taxi_reason === 'string') hail.incident_taxi_reason = update.incident_taxi_reason;
    setStatus(hail, status, 'operator');
    return answer(response, 200, { data: [hailView(hail)] });
  };

  const control = (request: IncomingMessage, path: string, body: string, response: ServerResponse): number => {
    if (request.method === 'POST' && path === '/_fake/hails') {
      let taxiId: unknown;
      try {
        taxiId = (JSON.parse(body) as { taxi_id?: unknown }).taxi_id;
      } catch {
        taxiId = undefined;
      }
      if (typeof taxiId !== 'string') return refuse(response, 400, 'send {"taxi_id": "..."}');
      sendHail({ taxiId }).then(
        (hail) => answer(response, 200, hail),
        (error: Error) => answer(response, 502, { errors: { data: [error.message] } }),
      );
      return 200;
    }
    if (request.method === 'GET' && path.startsWith('/_fake/hails/')) {
      const hail = hails.get(decodeURIComponent(path.slice('/_fake/hails/'.length)));
      return hail ? answer(response, 200, hail) : refuse(response, 404, 'no such hail');
    }
    if (request.method === 'GET' && path === '/_fake/requests') return answer(response, 200, requests);
    return refuse(response, 404, 'not found');
  };

  const route = (request: IncomingMessage, body: string, response: ServerResponse): number => {
    const path = (request.url ?? '/').split('?')[0];
    if (settings.controlRoutes && path.startsWith('/_fake/')) return control(request, path, body, response);
    const prefix = `${settings.basePath}/hails/`;
    if (!path.startsWith(prefix)) return refuse(response, 404, 'not found');
    const id = decodeURIComponent(path.slice(prefix.length));
    if (request.headers['x-api-key'] !== settings.apiKey) return refuse(response, 401, 'bad api key');
    if (request.method === 'PUT' && forcedFailures.count > 0) {
      forcedFailures.count -= 1;
      return answer(response, forcedFailures.status, { errors: { data: ['forced failure'] } });
    }
    const hail = hails.get(id);
    if (!hail) return refuse(response, 404, `hail ${id} not found`);
    if (request.method === 'GET') return answer(response, 200, { data: [hailView(hail)] });
    if (request.method !== 'PUT') return refuse(response, 405, 'method not allowed');
    if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) return refuse(response, 400, 'Content-Type must be application/json');
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return refuse(response, 400, 'body is not JSON');
    }
    return handlePut(hail, json, response);
  };

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const at = now();
      const answerStatus = route(request, body, response);
      let json: unknown = undefined;
      try {
        json = body ? JSON.parse(body) : undefined;
      } catch {
        json = undefined;
      }
      requests.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, body, json, answerStatus, at });
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(settings.port ?? 0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${settings.basePath}`;

  /** The registry's reading of our answer: 2xx with a JSON body, or the hail fails. */
  const processAnswer = (hail: FakeHail) => {
    const operatorAnswer = hail.operatorAnswer;
    const ok = operatorAnswer?.status != null && operatorAnswer.status >= 200 && operatorAnswer.status < 300 && operatorAnswer.body !== undefined;
    if (!ok) return setStatus(hail, 'failure', 'registry');
    const phone = (operatorAnswer!.body as { data?: Array<{ taxi_phone_number?: unknown }> })?.data?.[0]?.taxi_phone_number;
    if (typeof phone === 'string') hail.taxi_phone_number = phone;
    setStatus(hail, 'received_by_operator', 'registry');
    later(settings.receivedDeadlineMs, () => hail.status === 'received_by_operator' && setStatus(hail, 'failure', 'registry'));
  };

  const sendHail = async (send: SendHailOptions): Promise<FakeHail> => {
    if (!operatorUrl) throw new Error('fake registry: no operator URL');
    const hail: FakeHail = {
      id: send.id ?? newHailId(),
      status: 'received',
      taxi_id: send.taxiId,
      taxi_phone_number: null,
      incident_taxi_reason: null,
      customer_lon: send.customer_lon ?? 2.35,
      customer_lat: send.customer_lat ?? 48.86,
      customer_address: send.customer_address ?? '25 rue Quincampoix 75004 Paris',
      customer_phone_number: send.customer_phone_number ?? '0600000000',
      history: [{ status: 'received', at: now(), by: 'registry' }],
      operatorAnswer: null,
      answeredAt: null,
      receivedByTaxiAt: null,
    };
    if (!hails.has(hail.id)) hails.set(hail.id, hail);
    const payload = send.rawBody ?? {
      data: [
        {
          id: hail.id,
          status: 'received',
          operateur: 'operator@example.com',
          session_id: randomBytes(8).toString('hex'),
          customer_id: 'customer-42',
          taxi: { id: hail.taxi_id, position: { lon: null, lat: null }, last_update: null },
          customer_lon: hail.customer_lon,
          customer_lat: hail.customer_lat,
          customer_address: hail.customer_address,
          customer_phone_number: hail.customer_phone_number,
          taxi_phone_number: '0600000000',
          creation_datetime: new Date().toISOString().replace('Z', ''),
          last_status_change: null,
          rating_ride: null,
          incident_customer_reason: null,
        },
      ],
    };
    const headers: Record<string, string> = { 'Content-Type': 'application/json', ...(send.headers ?? {}) };
    if (!send.headers && settings.hailHeader) headers[settings.hailHeader.name] = settings.hailHeader.value;
    try {
      const answer = await post(operatorUrl, headers, JSON.stringify(payload), settings.operatorTimeoutMs);
      let body: unknown = undefined;
      try {
        body = JSON.parse(answer.text);
      } catch {
        body = undefined;
      }
      hail.operatorAnswer = { status: answer.status, body };
    } catch (error) {
      hail.operatorAnswer = { status: null, body: undefined, error: (error as Error).message };
    }
    hail.answeredAt = now();
    if (settings.processingDelayMs > 0) {
      await new Promise<void>((resolve) => later(settings.processingDelayMs, () => resolve(processAnswer(hail))));
    } else {
      processAnswer(hail);
    }
    return hail;
  };

  const waitForStatus = (id: string, statuses: RegistryHailStatus | RegistryHailStatus[], timeoutMs = 10_000) => {
    const wanted = Array.isArray(statuses) ? statuses : [statuses];
    return new Promise<FakeHail>((resolve, reject) => {
      const check = () => {
        const hail = hails.get(id);
        if (hail && wanted.includes(hail.status)) {
          cleanup();
          resolve(hail);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`hail ${id} did not reach ${wanted.join('|')} within ${timeoutMs} ms (now ${hails.get(id)?.status})`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });
  };

  const customerAnswer = (id: string, status: RegistryHailStatus) => {
    const hail = hails.get(id);
    if (!hail || hail.status !== 'accepted_by_taxi') throw new Error(`hail ${id} is not waiting for its customer (${hail?.status})`);
    setStatus(hail, status, 'customer');
  };

  return {
    url,
    requests,
    hails,
    setOperatorUrl: (value) => {
      operatorUrl = value;
    },
    sendHail,
    hail: (id) => hails.get(id),
    waitForStatus,
    failNextPuts: (count, status = 500) => {
      forcedFailures = { count, status };
    },
    customerAccepts: (id) => customerAnswer(id, 'accepted_by_customer'),
    customerDeclines: (id) => customerAnswer(id, 'declined_by_customer'),
    putsFor: (id) => requests.filter((request) => request.method === 'PUT' && request.path.endsWith(`/hails/${encodeURIComponent(id)}`)),
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Kept-alive connections to the operator, like the registry's HTTP client; light enough for the bench. */
const operatorAgent = new Agent({ keepAlive: true, maxSockets: 256 });

function post(target: string, headers: Record<string, string>, payload: string, timeoutMs: number): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      target,
      { method: 'POST', headers: { ...headers, 'Content-Length': String(Buffer.byteLength(payload)) }, agent: operatorAgent },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          clearTimeout(timer);
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
        });
        response.on('error', fail);
      },
    );
    const timer = setTimeout(() => request.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    function fail(error: Error) {
      clearTimeout(timer);
      reject(error);
    }
    request.on('error', fail);
    request.end(payload);
  });
}
