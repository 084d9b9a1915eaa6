import { randomBytes } from 'node:crypto';
import { Agent, createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A faithful fake of the api.taxi registry's side of the hail protocol (docs/contracts/operator.md),
 * as its own HTTP server, held to the real code (openmaraude/APITaxi, APITaxi2/: each rule below
 * names its file): it posts hails to the operator, reads the answer as the registry does, enforces
 * the transition table and its roles, the X-Api-Key, the one-object body with only the operator's
 * keys, the early-race 400, the registry's five timers and what hails do to their taxi, and records
 * every request it receives. Slow and failing answers on demand.
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
  | 'timeout_accepted_by_customer'
  | 'failure';

type Role = 'operateur' | 'moteur';

/**
 * The registry's transition table: from a status, the statuses it may go to and the role that may
 * set each (APITaxi2/views/hails.py, TRANSITIONS). Timers and the registry's own job move hails
 * outside this table (see `startTimer`, `processAnswer`).
 */
const TRANSITIONS: Partial<Record<RegistryHailStatus, Partial<Record<RegistryHailStatus, Role>>>> = {
  received: { declined_by_customer: 'moteur' },
  received_by_operator: { declined_by_customer: 'moteur', received_by_taxi: 'operateur' },
  received_by_taxi: {
    accepted_by_taxi: 'operateur',
    declined_by_taxi: 'operateur',
    incident_taxi: 'operateur',
    incident_customer: 'moteur',
    declined_by_customer: 'moteur',
  },
  accepted_by_taxi: {
    incident_customer: 'moteur',
    declined_by_customer: 'moteur',
    accepted_by_customer: 'moteur',
    incident_taxi: 'operateur',
  },
  accepted_by_customer: { customer_on_board: 'operateur', incident_customer: 'moteur', incident_taxi: 'operateur' },
  customer_on_board: { incident_customer: 'moteur', incident_taxi: 'operateur', finished: 'operateur' },
};

/** APITaxi_models2/hail.py, HAIL_TERMINAL_STATUS. */
const TERMINAL: RegistryHailStatus[] = [
  'failure',
  'declined_by_taxi',
  'incident_taxi',
  'timeout_taxi',
  'declined_by_customer',
  'incident_customer',
  'timeout_customer',
  'timeout_accepted_by_customer',
  'finished',
];

/** The operator's keys of the hail schema (APITaxi2/schemas.py, HailSchema); any other key is a 400. */
const ALLOWED_PUT_KEYS = new Set([
  'status',
  'taxi_phone_number',
  'incident_taxi_reason',
  'reporting_customer',
  'reporting_customer_reason',
]);
const INCIDENT_TAXI_REASONS = ['no_show', 'address', 'traffic', 'breakdown', 'traffic_jam', 'garbage_truck'];
const REPORTING_CUSTOMER_REASONS = ['ko', 'payment', 'courtesy', 'route', 'cleanliness', 'late', 'aggressive', 'no_show'];

/**
 * What a hail's status does to its taxi (APITaxi2/views/hails.py `_set_hail_status`, new_taxi_status;
 * the timers' `new_taxi_status` in hails_details; tasks/operators.py send_request_operator's failures).
 */
const TAXI_STATUS_AFTER: Partial<Record<RegistryHailStatus, RegistryTaxiStatus>> = {
  accepted_by_customer: 'oncoming',
  declined_by_customer: 'free',
  declined_by_taxi: 'off',
  customer_on_board: 'occupied',
  incident_taxi: 'free',
  incident_customer: 'free',
  finished: 'free',
};

/**
 * The registry's timers: once a hail takes the status, if it still holds it after the delay, the
 * new status and the taxi's (tasks/operators.py handle_hail_timeout, armed in
 * send_request_operator for received_by_operator and in views/hails.py hails_details for the others).
 */
const TIMERS: Partial<Record<RegistryHailStatus, { option: keyof TimerOptions; to: RegistryHailStatus; taxi: RegistryTaxiStatus }>> = {
  received_by_operator: { option: 'receivedDeadlineMs', to: 'failure', taxi: 'free' },
  received_by_taxi: { option: 'decisionTimeoutMs', to: 'timeout_taxi', taxi: 'off' },
  accepted_by_taxi: { option: 'customerTimeoutMs', to: 'timeout_customer', taxi: 'free' },
  accepted_by_customer: { option: 'pickupTimeoutMs', to: 'timeout_accepted_by_customer', taxi: 'occupied' },
  customer_on_board: { option: 'rideTimeoutMs', to: 'timeout_taxi', taxi: 'off' },
};

interface TimerOptions {
  receivedDeadlineMs: number;
  decisionTimeoutMs: number;
  customerTimeoutMs: number;
  pickupTimeoutMs: number;
  rideTimeoutMs: number;
}

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
  /** accepted_by_taxi → timeout_customer without the customer's answer after this (registry: 30 s). */
  customerTimeoutMs?: number;
  /** accepted_by_customer → timeout_accepted_by_customer without customer_on_board after this (registry: 30 min). */
  pickupTimeoutMs?: number;
  /** customer_on_board → timeout_taxi without finished after this (registry: 2 h). */
  rideTimeoutMs?: number;
  /** The customer's real phone, shown by `GET /hails/:id` only while accepted_by_customer (else the mask). */
  customerPhone?: string;
  /** Every PUT is applied on arrival but answered this much later (a slow registry); `setPutDelay` changes it. */
  putDelayMs?: number;
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
  /** The real phone, revealed in accepted_by_customer. */
  real_customer_phone_number: string;
  reporting_customer: boolean | null;
  reporting_customer_reason: string | null;
  /** When the hail took its status (wall clock), as the registry's `last_status_change`. */
  last_status_change: Date;
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
  /** The next `count` PUTs are applied as usual but answered with `status` (a proxy's 502 after the registry did its work). */
  failNextPutsAfterApplying(count: number, status?: number): void;
  /** The next `count` GETs of a hail (of `hailId` only, when given) are answered with `status` (500 by default). */
  failNextGets(count: number, status?: number, hailId?: string): void;
  /** Every PUT from now on is answered `ms` later (applied on arrival, as a registry whose answers are slow). */
  setPutDelay(ms: number): void;
  /** The customer app (moteur) acting, as the registry's table allows it (throws otherwise). */
  customerAccepts(id: string): void;
  customerDeclines(id: string): void;
  customerIncident(id: string): void;
  /** PUTs received for a hail, in order. */
  putsFor(id: string): RecordedRequest[];
  /** The registry's taxis (id → status): a taxi is known to the registry iff it is here. */
  taxiStatuses: Map<string, RegistryTaxiStatus>;
  taxiStatusOf(id: string): RegistryTaxiStatus | undefined;
  /** Declares the taxi to the registry (if new) with this status, as the registry's own side effects do. */
  setTaxiStatus(id: string, status: RegistryTaxiStatus): void;
  /** Every `POST /geotaxi/` received, with what the registry answered. */
  geotaxiBatches(): GeotaxiBatch[];
  /** Where the registry places a taxi, and since when (its clock): absent if it never got one. */
  taxiPosition(id: string): { lat: number; lon: number; at: number } | undefined;
  /** The next `count` taxi-route requests (GET/PUT /taxis/:id, POST /geotaxi/) answer `status` (503 by default). */
  failNextTaxiCalls(count: number, status?: number): void;
  /** Taxis a customer's search would find: `free` with a position younger than 120 s (APITaxi2 `GET /taxis`). */
  visibleTaxis(): string[];
  close(): Promise<void>;
}

export type RegistryTaxiStatus = 'free' | 'occupied' | 'off' | 'answering' | 'oncoming';

export interface GeotaxiBatch {
  positions: Array<{ taxi_id: string; lat: number; lon: number }>;
  answerStatus: number;
  at: number;
}

const now = () => performance.now();
const STATUSES: RegistryHailStatus[] = [
  'emitted',
  'received',
  'received_by_operator',
  'received_by_taxi',
  'accepted_by_taxi',
  'accepted_by_customer',
  'customer_on_board',
  ...TERMINAL,
];
const isStatus = (value: string): value is RegistryHailStatus => (STATUSES as string[]).includes(value);
const newHailId = () => randomBytes(6).toString('base64url');

export async function startFakeRegistry(options: FakeRegistryOptions): Promise<FakeRegistry> {
  const settings = {
    receivedDeadlineMs: 10_000,
    decisionTimeoutMs: 30_000,
    customerTimeoutMs: 30_000,
    pickupTimeoutMs: 30 * 60_000,
    rideTimeoutMs: 2 * 3_600_000,
    customerPhone: '0612345678',
    putDelayMs: 0,
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
  let forcedGetFailures: { count: number; status: number; hailId?: string } = { count: 0, status: 500 };
  let putDelayMs = settings.putDelayMs;

  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };

  const setStatus = (
    hail: FakeHail,
    status: RegistryHailStatus,
    by: FakeHail['history'][number]['by'],
    taxiStatus?: RegistryTaxiStatus,
  ) => {
    if (hail.status === status) return;
    hail.status = status;
    hail.last_status_change = new Date();
    hail.history.push({ status, at: now(), by });
    if (status === 'received_by_taxi') hail.receivedByTaxiAt = now();
    applyTaxiSideEffect(hail, status, taxiStatus);
    startTimer(hail, status);
    if (status === 'accepted_by_taxi' && settings.customer !== 'none') {
      const answer = settings.customer === 'accept' ? 'accepted_by_customer' : 'declined_by_customer';
      later(settings.customerDelayMs, () => hail.status === 'accepted_by_taxi' && setStatus(hail, answer, 'customer'));
    }
    for (const wake of [...waiters]) wake();
  };

  /** The taxi's status after the hail's (TAXI_STATUS_AFTER), or the one a timer or failure sets. */
  const applyTaxiSideEffect = (hail: FakeHail, status: RegistryHailStatus, taxiStatus = TAXI_STATUS_AFTER[status]) => {
    // The same map the taxi routes serve (GET /taxis/:id, geotaxi's known taxis).
    if (taxiStatus !== undefined) taxiRoutes.taxiStatuses.set(hail.taxi_id, taxiStatus);
  };

  /** Arms the registry's timer on `status`, if it has one (TIMERS). */
  const startTimer = (hail: FakeHail, status: RegistryHailStatus) => {
    const timer = TIMERS[status];
    if (!timer) return;
    later(settings[timer.option], () => hail.status === status && setStatus(hail, timer.to, 'registry', timer.taxi));
  };

  const answer = (response: ServerResponse, status: number, body: unknown) => {
    const garbled = garbledAnswers.has(response);
    const send = () => {
      if (response.destroyed) return;
      response.writeHead(garbled ? garbledStatus : status, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(garbled ? { errors: { data: ['bad gateway'] } } : body));
    };
    // A slow registry: the PUT is applied already, its answer comes late (or never, to a client that gave up).
    const delayMs = slowAnswers.has(response) ? putDelayMs : 0;
    if (delayMs > 0) later(delayMs, send);
    else send();
    return status;
  };
  const slowAnswers = new WeakSet<ServerResponse>();
  // PUTs applied but answered with `garbledStatus` instead (failNextPutsAfterApplying).
  const garbledAnswers = new WeakSet<ServerResponse>();
  let garbledCount = 0;
  let garbledStatus = 502;

  /** The hail as the registry shows it; phone numbers masked except in accepted_by_customer (APITaxi2/schemas.py, hide_phone_numbers). */
  const hailView = (hail: FakeHail) => {
    const revealed = hail.status === 'accepted_by_customer';
    return {
      id: hail.id,
      status: hail.status,
      last_status_change: hail.last_status_change.toISOString().replace('Z', '+00:00'),
      taxi: { id: hail.taxi_id },
      taxi_phone_number: revealed ? hail.taxi_phone_number : '0600000000',
      incident_taxi_reason: hail.incident_taxi_reason,
      reporting_customer: hail.reporting_customer,
      reporting_customer_reason: hail.reporting_customer_reason,
      customer_lon: hail.customer_lon,
      customer_lat: hail.customer_lat,
      customer_address: hail.customer_address,
      customer_phone_number: revealed ? hail.real_customer_phone_number : '0600000000',
    };
  };

  const refuse = (response: ServerResponse, status: number, message: string) => answer(response, status, { errors: { data: [message] } });
  const taxiRoutes = createTaxiRoutes(settings, answer);

  /** `PUT /hails/:id` from the operator (APITaxi2/views/hails.py hails_details, `_set_hail_status`, `_set_hail_values`). */
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
    const fieldError = checkFields(update);
    if (fieldError) return refuse(response, 400, fieldError);
    const status = update.status as RegistryHailStatus | undefined;
    // The same status again changes nothing (a 200), before any other rule, terminal statuses included.
    if (status !== undefined && status !== hail.status) {
      const refusal = operatorTransitionRefusal(hail, status, update);
      if (refusal) return refuse(response, 400, refusal);
    }
    if (typeof update.taxi_phone_number === 'string') hail.taxi_phone_number = update.taxi_phone_number;
    if (status !== undefined) setStatus(hail, status, 'operator');
    // Fields are taken with or without a status change (`_set_hail_values`): an incident's reason may come later.
    if (typeof update.incident_taxi_reason === 'string') hail.incident_taxi_reason = update.incident_taxi_reason;
    if (typeof update.reporting_customer === 'boolean') hail.reporting_customer = update.reporting_customer;
    if (typeof update.reporting_customer_reason === 'string') hail.reporting_customer_reason = update.reporting_customer_reason;
    return answer(response, 200, { data: [hailView(hail)] });
  };

  /** The schema's checks on the operator's fields (APITaxi2/schemas.py, HailSchema). */
  const checkFields = (update: Record<string, unknown>): string | undefined => {
    if (update.status !== undefined && (typeof update.status !== 'string' || !isStatus(update.status))) return 'invalid status';
    if (update.taxi_phone_number !== undefined && typeof update.taxi_phone_number !== 'string') return 'taxi_phone_number must be a string';
    const reason = update.incident_taxi_reason;
    if (reason !== undefined && reason !== null && !INCIDENT_TAXI_REASONS.includes(reason as string)) return 'invalid incident_taxi_reason';
    if (update.reporting_customer !== undefined && typeof update.reporting_customer !== 'boolean')
      return 'reporting_customer must be a boolean';
    const reporting = update.reporting_customer_reason;
    if (reporting !== undefined && reporting !== null && !REPORTING_CUSTOMER_REASONS.includes(reporting as string)) {
      return 'invalid reporting_customer_reason';
    }
    return undefined;
  };

  /** Why the operator may not move `hail` to `status` (`_set_hail_status`), or undefined. */
  const operatorTransitionRefusal = (hail: FakeHail, status: RegistryHailStatus, update: Record<string, unknown>): string | undefined => {
    if (TERMINAL.includes(hail.status)) return `Hail status is ${hail.status} and cannot be changed to ${status}`;
    if (status === 'accepted_by_taxi' && !update.taxi_phone_number && !hail.taxi_phone_number) {
      return 'Status changes to accepted_by_taxi but taxi_phone_number is not provided';
    }
    const allowed = TRANSITIONS[hail.status]?.[status];
    if (!allowed) return `Impossible to set status from ${hail.status} to ${status}`;
    if (allowed !== 'operateur') return `Permission ${allowed} is required to change status from ${hail.status} to ${status}`;
    return undefined;
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
    const taxiAnswer = taxiRoutes.route(request, path, body, response);
    if (taxiAnswer !== undefined) return taxiAnswer;
    const prefix = `${settings.basePath}/hails/`;
    if (!path.startsWith(prefix)) return refuse(response, 404, 'not found');
    const id = decodeURIComponent(path.slice(prefix.length));
    if (request.headers['x-api-key'] !== settings.apiKey) return refuse(response, 401, 'bad api key');
    if (request.method === 'PUT' && forcedFailures.count > 0) {
      forcedFailures.count -= 1;
      return answer(response, forcedFailures.status, { errors: { data: ['forced failure'] } });
    }
    if (request.method === 'GET' && forcedGetFailures.count > 0 && (forcedGetFailures.hailId ?? id) === id) {
      forcedGetFailures.count -= 1;
      return answer(response, forcedGetFailures.status, { errors: { data: ['forced failure'] } });
    }
    const hail = hails.get(id);
    if (!hail) return refuse(response, 404, `hail ${id} not found`);
    if (request.method === 'GET') return answer(response, 200, { data: [hailView(hail)] });
    if (request.method !== 'PUT') return refuse(response, 405, 'method not allowed');
    // No Content-Type check: the registry reads the body as JSON without one.
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
      if (request.method === 'PUT') slowAnswers.add(response);
      if (request.method === 'PUT' && garbledCount > 0) {
        garbledCount -= 1;
        garbledAnswers.add(response);
      }
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
    // The customer may have given up meanwhile (moteur decline before received_by_operator).
    if (hail.status !== 'received') return;
    const ok =
      operatorAnswer?.status != null && operatorAnswer.status >= 200 && operatorAnswer.status < 300 && operatorAnswer.body !== undefined;
    // A failure to reach the operator frees the taxi (tasks/operators.py send_request_operator).
    if (!ok) return setStatus(hail, 'failure', 'registry', 'free');
    const phone = (operatorAnswer.body as { data?: Array<{ taxi_phone_number?: unknown }> })?.data?.[0]?.taxi_phone_number;
    if (typeof phone === 'string') hail.taxi_phone_number = phone;
    setStatus(hail, 'received_by_operator', 'registry');
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
      real_customer_phone_number: settings.customerPhone,
      reporting_customer: null,
      reporting_customer_reason: null,
      last_status_change: new Date(),
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

  /** The customer app's PUT, held to the moteur's rows of the table. */
  const customerAnswer = (id: string, status: RegistryHailStatus) => {
    const hail = hails.get(id);
    if (!hail || TRANSITIONS[hail.status]?.[status] !== 'moteur') {
      throw new Error(`hail ${id}: the customer cannot set ${status} from ${hail?.status}`);
    }
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
    failNextPutsAfterApplying: (count, status = 502) => {
      garbledCount = count;
      garbledStatus = status;
    },
    failNextGets: (count, status = 500, hailId) => {
      forcedGetFailures = { count, status, hailId };
    },
    setPutDelay: (ms) => {
      putDelayMs = ms;
    },
    customerAccepts: (id) => customerAnswer(id, 'accepted_by_customer'),
    customerDeclines: (id) => customerAnswer(id, 'declined_by_customer'),
    customerIncident: (id) => customerAnswer(id, 'incident_customer'),
    putsFor: (id) => requests.filter((request) => request.method === 'PUT' && request.path.endsWith(`/hails/${encodeURIComponent(id)}`)),
    taxiStatuses: taxiRoutes.taxiStatuses,
    taxiStatusOf: (id) => taxiRoutes.taxiStatuses.get(id),
    setTaxiStatus: (id, status) => {
      taxiRoutes.taxiStatuses.set(id, status);
    },
    geotaxiBatches: () => [...taxiRoutes.batches],
    taxiPosition: (id) => taxiRoutes.positions.get(id),
    visibleTaxis: () => taxiRoutes.visible(),
    failNextTaxiCalls: (count, status = 503) => {
      taxiRoutes.forced = { count, status };
    },
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

function post(
  target: string,
  headers: Record<string, string>,
  payload: string,
  timeoutMs: number,
): Promise<{ status: number; text: string }> {
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

/** APITaxi2 `UPDATABLE_VEHICLE_STATUS`: what an operator may PUT on /taxis/:id. */
const SETTABLE_TAXI_STATUSES = ['free', 'occupied', 'off'];
/** APITaxi2 `GeotaxiSchema`: more positions than this in one POST and the whole request is refused. */
const GEOTAXI_BATCH_LIMIT = 50;
/** The registry forgets a position after two minutes (`clean_geoindex_timestamps`). */
const POSITION_TTL_MS = 120_000;
/** APITaxi2 `PositionMixin`: Redis's latitude range. */
const MAX_LAT = 85.05112878;

/**
 * The registry's taxi routes, as APITaxi2 (`views/taxis.py`, `views/geotaxi.py`, `schemas.py`)
 * answers them: `GET`/`PUT /taxis/:id` (only `status`, and `radius`, change; unknown fields are
 * ignored), `POST /geotaxi/` (up to 50 positions, each `{taxi_id, lat, lon}`, stamped with the
 * registry's clock on arrival; one taxi the operator did not declare and the whole request is a
 * 400 naming it by index; 200 with an empty body). A taxi is known iff it is in `taxiStatuses`.
 */
function createTaxiRoutes(
  settings: { apiKey: string; basePath: string },
  answer: (response: ServerResponse, status: number, body: unknown) => number,
) {
  const taxiStatuses = new Map<string, RegistryTaxiStatus>();
  const radiuses = new Map<string, number | null>();
  const positions = new Map<string, { lat: number; lon: number; at: number }>();
  const batches: GeotaxiBatch[] = [];
  const errors = (response: ServerResponse, status: number, body: unknown) => answer(response, status, { errors: body });
  const wall = () => Date.now();

  const taxiView = (id: string) => {
    const position = positions.get(id);
    return {
      id,
      operator: 'operator@example.com',
      status: taxiStatuses.get(id),
      radius: radiuses.get(id) ?? null,
      last_update: position ? Math.floor(position.at / 1000) : null,
      position: { lon: position?.lon ?? null, lat: position?.lat ?? null },
      crowfly_distance: null,
      added_at: '2026-01-01T00:00:00',
      rating: 4.5,
      vehicle: { licence_plate: 'AB-123-CD', model: null, constructor: null, color: null, nb_seats: 4, characteristics: [] },
      ads: { numero: '123', insee: '75056' },
      driver: { professional_licence: 'foobar-994468249464', departement: '75' },
    };
  };

  /** `{"data": [one object]}`, the wrapper every APITaxi2 body has; its error otherwise. */
  const unwrap = (json: unknown): { item: Record<string, unknown> } | { error: unknown } => {
    const data = (json as { data?: unknown } | null)?.data;
    if (json === null || typeof json !== 'object' || Array.isArray(json) || data === undefined)
      return { error: { data: ['Missing data for required field.'] } };
    if (!Array.isArray(data)) return { error: { data: ['Not a valid list.'] } };
    if (data.length !== 1) return { error: { data: ['data should be a list of one element.'] } };
    const item = data[0] as unknown;
    if (item === null || typeof item !== 'object' || Array.isArray(item))
      return { error: { data: { '0': { _schema: ['Invalid input type.'] } } } };
    return { item: item as Record<string, unknown> };
  };

  const parse = (body: string): unknown => {
    try {
      return JSON.parse(body);
    } catch {
      return undefined;
    }
  };

  const putTaxi = (id: string, body: string, response: ServerResponse): number => {
    const unwrapped = unwrap(parse(body));
    if ('error' in unwrapped) return errors(response, 400, unwrapped.error);
    const { status, radius } = unwrapped.item;
    const faults: Record<string, string[]> = {};
    if (status !== undefined && (typeof status !== 'string' || !SETTABLE_TAXI_STATUSES.includes(status)))
      faults.status = ['Must be one of: free, occupied, off.'];
    if (radius !== undefined && radius !== null && (!Number.isInteger(radius) || (radius as number) < 150 || (radius as number) > 500))
      faults.radius = ['Must be greater than or equal to 150 and less than or equal to 500.'];
    if (Object.keys(faults).length) return errors(response, 400, { data: { '0': faults } });
    if (typeof status === 'string') taxiStatuses.set(id, status as RegistryTaxiStatus);
    if (radius !== undefined) radiuses.set(id, radius as number | null);
    return answer(response, 200, { data: [taxiView(id)] });
  };

  const geotaxi = (body: string, response: ServerResponse): number => {
    const refused = (status: number, error: unknown, sent: GeotaxiBatch['positions'] = []) => {
      batches.push({ positions: sent, answerStatus: status, at: performance.now() });
      return errors(response, status, error);
    };
    const unwrapped = unwrap(parse(body));
    if ('error' in unwrapped) return refused(400, unwrapped.error);
    const list = unwrapped.item.positions;
    if (list === undefined) return refused(400, { data: { '0': { positions: ['Missing data for required field.'] } } });
    if (!Array.isArray(list)) return refused(400, { data: { '0': { positions: ['Invalid type.'] } } });
    const faults: Record<string, Record<string, string[]>> = {};
    list.forEach((position: unknown, index) => {
      const fault: Record<string, string[]> = {};
      const item = (position ?? {}) as Record<string, unknown>;
      if (typeof item.taxi_id !== 'string') fault.taxi_id = ['Missing data for required field.'];
      for (const [key, max] of [
        ['lat', MAX_LAT],
        ['lon', 180],
      ] as const) {
        const value = item[key];
        if (value === undefined) fault[key] = ['Missing data for required field.'];
        else if (typeof value !== 'number' || !Number.isFinite(value)) fault[key] = ['Not a valid number.'];
        else if (value < -max || value > max) fault[key] = [`Must be greater than or equal to ${-max} and less than or equal to ${max}.`];
      }
      if (Object.keys(fault).length) faults[String(index)] = fault;
    });
    if (Object.keys(faults).length) return refused(400, { data: { '0': { positions: faults } } });
    const sent = list as GeotaxiBatch['positions'];
    if (sent.length > GEOTAXI_BATCH_LIMIT) return refused(400, { data: { '0': { positions: ['Up to 50 positions are accepted'] } } }, sent);
    const unknown: Record<string, { taxi_id: string[] }> = {};
    sent.forEach((position, index) => {
      if (!taxiStatuses.has(position.taxi_id)) unknown[String(index)] = { taxi_id: ['Identifiant de taxi inconnu'] };
    });
    // All or nothing: one unknown taxi and no position of the request is recorded.
    if (Object.keys(unknown).length) return refused(400, { data: { '0': { positions: unknown } } }, sent);
    for (const position of sent) positions.set(position.taxi_id, { lat: position.lat, lon: position.lon, at: wall() });
    batches.push({ positions: sent, answerStatus: 200, at: performance.now() });
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end('');
    return 200;
  };

  /** Answers the request if it is one of these routes; undefined lets the hail routes have it. */
  const route = (request: IncomingMessage, path: string, body: string, response: ServerResponse): number | undefined => {
    const taxiPrefix = `${settings.basePath}/taxis/`;
    const isGeotaxi = path === `${settings.basePath}/geotaxi/` || path === `${settings.basePath}/geotaxi`;
    if (!path.startsWith(taxiPrefix) && !isGeotaxi) return undefined;
    if (request.headers['x-api-key'] !== settings.apiKey) return errors(response, 401, { data: ['bad api key'] });
    if (routes.forced.count > 0) {
      routes.forced.count -= 1;
      return errors(response, routes.forced.status, { data: ['forced failure'] });
    }
    if (isGeotaxi) {
      if (request.method !== 'POST') return errors(response, 405, { data: ['method not allowed'] });
      if (!path.endsWith('/')) {
        // Flask's strict slashes: the route is /geotaxi/.
        response.writeHead(308, { Location: `${path}/` });
        response.end();
        return 308;
      }
      return geotaxi(body, response);
    }
    const id = decodeURIComponent(path.slice(taxiPrefix.length));
    if (!taxiStatuses.has(id)) return errors(response, 404, { url: [`Unknown taxi ${id}, or taxi exists but you are not the owner.`] });
    if (request.method === 'GET') return answer(response, 200, { data: [taxiView(id)] });
    if (request.method === 'PUT') return putTaxi(id, body, response);
    return errors(response, 405, { data: ['method not allowed'] });
  };

  const visible = () => {
    const limit = wall() - POSITION_TTL_MS;
    return [...taxiStatuses].filter(([id, status]) => status === 'free' && (positions.get(id)?.at ?? -Infinity) >= limit).map(([id]) => id);
  };

  const routes = { route, taxiStatuses, positions, batches, visible, forced: { count: 0, status: 503 } };
  return routes;
}
