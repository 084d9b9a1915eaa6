import { applyDecorators } from '@nestjs/common';
import { IsISO8601, Matches, type ValidationOptions } from 'class-validator';

/** An explicit offset at the end of a date-time: `Z` or `±hh:mm` (RFC 3339). */
const WITH_OFFSET = /(?:[zZ]|[+-]\d{2}:\d{2})$/;

/**
 * An instant: an ISO 8601 date-time WITH its offset. `2026-12-01T10:00:00` names no instant (it was
 * read in the host's time zone), so it is refused like any other malformed time.
 */
export const IsInstant = (field: string, options: ValidationOptions = {}) => {
  const message = `${field} must be an ISO 8601 date-time with an offset (Z or ±hh:mm), such as 2026-12-01T10:00:00Z`;
  return applyDecorators(
    IsISO8601({ strict: true, strictSeparator: true }, { ...options, message }),
    Matches(WITH_OFFSET, { ...options, message }),
  );
};
