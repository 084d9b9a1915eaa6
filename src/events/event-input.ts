import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ApiError } from '../common/errors/api-error.js';
import { fieldErrors } from '../common/errors/validation.js';
import { AcknowledgeEventDto } from './dto/acknowledge-event.dto.js';
import { ConsumeEventsQueryDto } from './dto/consume-events.query.dto.js';
import { ReadAllQueryDto, SeekOffsetDto, SubscribeQueryDto } from './dto/replay.dto.js';
import {
  MAX_EVENT_NAME_LENGTH,
  MAX_EVENT_VERSION,
  STORABLE_TEXT_RULE,
  characterCount,
  isIanaTimeZone,
  isParsableDateTime,
  isStorableText,
  requireEventName,
  storableJsonProblem,
} from './event-rules.js';

/**
 * Validates a request part against its DTO with the platform's rules (unknown keys refused, one
 * entry per field). The events controller calls these itself rather than through the global pipe so
 * that headers, stream name and Content-Type are checked first, in the order the spec lists them.
 */
function validateInput<T extends object>(type: new () => T, plain: unknown, what: string): T {
  if (!isObject(plain)) throw ApiError.badRequest('must be a JSON object', { field: what });
  const instance = plainToInstance(type, plain);
  const errors = validateSync(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: true,
    validationError: { target: false, value: false },
  });
  if (errors.length > 0) throw ApiError.invalidFields(fieldErrors(errors));
  return instance;
}

export function parseConsumeQuery(query: unknown): ConsumeEventsQueryDto {
  const parsed = validateInput(ConsumeEventsQueryDto, query ?? {}, 'query');
  if (characterCount(parsed.eventName) > MAX_EVENT_NAME_LENGTH) throw ApiError.badRequest(EVENT_NAME_TOO_LONG, { field: 'eventName' });
  // A name no event can have (the store refuses to write one), and one the database cannot compare.
  if (!isStorableText(parsed.eventName)) throw ApiError.badRequest(STORABLE_TEXT_RULE, { field: 'eventName' });
  return parsed;
}

export function parseReadAllQuery(query: unknown): ReadAllQueryDto {
  return validateInput(ReadAllQueryDto, query ?? {}, 'query');
}

export function parseSubscribeQuery(query: unknown): SubscribeQueryDto {
  const parsed = validateInput(SubscribeQueryDto, query ?? {}, 'query');
  requireEventName(parsed.eventName, 'eventName');
  return parsed;
}

export function parseSeekOffset(body: unknown): SeekOffsetDto {
  return validateInput(SeekOffsetDto, body ?? {}, 'body');
}

export function parseAcknowledgement(body: unknown): AcknowledgeEventDto {
  return validateInput(AcknowledgeEventDto, body ?? {}, 'body');
}

/** An appended envelope as the producer sent it, once every field has been checked. */
export interface AppendEnvelope {
  event: { name: string; version: number };
  system: { id: string; name: string; time: string; timezone: string };
  trigger: { type: string; name: string };
  payload: Record<string, unknown>;
}

type FieldProblem = { field: string; message: string };
type Block = Record<string, unknown>;

const NON_EMPTY = 'must be a non-empty string';
const WHOLE_VERSION = 'must be an integer of at least 1';
const EVENT_NAME_TOO_LONG = `must be at most ${MAX_EVENT_NAME_LENGTH} characters`;
const VERSION_TOO_HIGH = `must be an integer from 1 to ${MAX_EVENT_VERSION}`;
const ASSIGNED_BY_SERVER = 'is assigned by the server and must not be sent';
const DATE_TIME_RULE = 'must be an ISO 8601 date-time or YYYY-MM-DD HH:mm:ss';
const TIME_ZONE_RULE = 'must be an IANA time zone name such as Europe/Berlin';

const ENVELOPE_KEYS = new Set(['event', 'system', 'trigger', 'payload']);
const EVENT_KEYS = new Set(['name', 'version', 'id']);
const SYSTEM_KEYS = new Set(['id', 'name', 'time', 'timezone']);
const TRIGGER_KEYS = new Set(['type', 'name']);

/**
 * The appended envelope, validated field by field in one pass, or a 400 listing one entry per
 * faulty field: unknown keys of a level first, then the fields in the order of the contract, a
 * block's own problem before its fields'. Written by hand rather than as class-validator DTOs (the
 * other routes' way): this is the append route's hot path, where the DTOs took about 25 µs a call
 * and a tenth of the process's CPU under load, and this takes under 1 µs. The entries are the same
 * as the DTOs gave (compared on 200,000 generated bodies).
 */
export function parseEnvelope(body: unknown): AppendEnvelope {
  if (!isObject(body)) throw ApiError.badRequest('must be a JSON object', { field: 'body' });
  const problems: FieldProblem[] = [];
  refuseUnknownKeys(body, ENVELOPE_KEYS, '', problems);
  checkBlock(body.event, 'event', checkEventDescriptor, problems);
  checkBlock(body.system, 'system', checkSystem, problems);
  checkBlock(body.trigger, 'trigger', checkTrigger, problems);
  checkPayload(body.payload, problems);
  if (problems.length > 0) throw ApiError.invalidFields(problems);
  return body as unknown as AppendEnvelope;
}

function isObject(value: unknown): value is Block {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An entry for every key outside `known`, in the body's key order. */
function refuseUnknownKeys(block: Block, known: Set<string>, parent: string, problems: FieldProblem[]): void {
  for (const key of Object.keys(block)) {
    if (!known.has(key)) problems.push(unknownKeyProblem(key, parent));
  }
}

/**
 * The entry the platform's validation pipe makes for an unknown key, from the same helper, so that
 * both keep saying the same thing: `<parent>.<key>: unknown field` (a numeric key reads as an
 * index, `event[7]`).
 */
function unknownKeyProblem(key: string, parent: string): FieldProblem {
  const refusal = { property: key, constraints: { whitelistValidation: `property ${key} should not exist` } };
  return fieldErrors([refusal], parent)[0];
}

function checkBlock(
  value: unknown,
  field: string,
  checkFields: (block: Block, problems: FieldProblem[]) => void,
  problems: FieldProblem[],
) {
  if (value === undefined || value === null) problems.push({ field, message: 'is required' });
  else if (!isObject(value)) problems.push({ field, message: 'must be an object' });
  else checkFields(value, problems);
}

function checkEventDescriptor(event: Block, problems: FieldProblem[]): void {
  refuseUnknownKeys(event, EVENT_KEYS, 'event', problems);
  const nameProblem = eventNameProblem(event.name);
  if (nameProblem !== undefined) problems.push({ field: 'event.name', message: nameProblem });
  const { version } = event;
  if (!(typeof version === 'number' && Number.isInteger(version) && version >= 1)) {
    problems.push({ field: 'event.version', message: WHOLE_VERSION });
  } else if (version > MAX_EVENT_VERSION) {
    problems.push({ field: 'event.version', message: VERSION_TOO_HIGH });
  }
  // Even `"id": null` is refused: only an absent id is acceptable.
  if (event.id !== undefined) problems.push({ field: 'event.id', message: ASSIGNED_BY_SERVER });
}

function eventNameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string' || name === '') return NON_EMPTY;
  if (name.length > MAX_EVENT_NAME_LENGTH && characterCount(name) > MAX_EVENT_NAME_LENGTH) return EVENT_NAME_TOO_LONG;
  return isStorableText(name) ? undefined : STORABLE_TEXT_RULE;
}

function checkSystem(system: Block, problems: FieldProblem[]): void {
  refuseUnknownKeys(system, SYSTEM_KEYS, 'system', problems);
  checkText(system.id, 'system.id', isNonEmptyString, NON_EMPTY, problems);
  checkText(system.name, 'system.name', isNonEmptyString, NON_EMPTY, problems);
  checkText(system.time, 'system.time', isParsableDateTime, DATE_TIME_RULE, problems);
  checkText(system.timezone, 'system.timezone', isIanaTimeZone, TIME_ZONE_RULE, problems);
}

function checkTrigger(trigger: Block, problems: FieldProblem[]): void {
  refuseUnknownKeys(trigger, TRIGGER_KEYS, 'trigger', problems);
  checkText(trigger.type, 'trigger.type', isNonEmptyString, NON_EMPTY, problems);
  checkText(trigger.name, 'trigger.name', isNonEmptyString, NON_EMPTY, problems);
}

/** A string field: its rule first, then whether the database can store it. */
function checkText(value: unknown, field: string, rule: (value: unknown) => boolean, message: string, problems: FieldProblem[]) {
  if (!rule(value)) problems.push({ field, message });
  else if (!isStorableText(value as string)) problems.push({ field, message: STORABLE_TEXT_RULE });
}

function isNonEmptyString(value: unknown): boolean {
  return typeof value === 'string' && value !== '';
}

function checkPayload(payload: unknown, problems: FieldProblem[]): void {
  if (payload === undefined || payload === null) problems.push({ field: 'payload', message: 'is required' });
  else if (!isObject(payload)) problems.push({ field: 'payload', message: 'must be a JSON object' });
  else {
    const problem = storableJsonProblem(payload);
    if (problem !== undefined) problems.push({ field: 'payload', message: problem });
  }
}
