import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ApiError } from '../common/errors/api-error.js';
import { fieldErrors } from '../common/errors/validation.js';
import { AcknowledgeEventDto } from './dto/acknowledge-event.dto.js';
import { AppendEventDto } from './dto/append-event.dto.js';
import { ConsumeEventsQueryDto } from './dto/consume-events.query.dto.js';

/**
 * Validates a request part against its DTO with the platform's rules (unknown keys refused, one
 * entry per field). The events controller calls these itself rather than through the global pipe so
 * that headers, stream name and Content-Type are checked first, in the order the spec lists them.
 */
function validateInput<T extends object>(type: new () => T, plain: unknown, what: string): T {
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    throw ApiError.badRequest('must be a JSON object', { field: what });
  }
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

/** The appended envelope, validated field by field. */
export function parseEnvelope(body: unknown): AppendEventDto {
  return validateInput(AppendEventDto, body, 'body');
}

export function parseConsumeQuery(query: unknown): ConsumeEventsQueryDto {
  return validateInput(ConsumeEventsQueryDto, query ?? {}, 'query');
}

export function parseAcknowledgement(body: unknown): AcknowledgeEventDto {
  return validateInput(AcknowledgeEventDto, body ?? {}, 'body');
}
