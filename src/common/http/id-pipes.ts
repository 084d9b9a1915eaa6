import { Injectable, PipeTransform } from '@nestjs/common';
import { ApiError } from '../errors/api-error.js';

/** The largest id a PostgreSQL `integer` (serial) column holds. */
export const MAX_SERIAL_ID = 2_147_483_647;

const SERIAL_ID = /^[1-9]\d{0,9}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` is a row id of a serial column: a positive 32-bit integer written plainly. */
export const isSerialId = (value: string): boolean => SERIAL_ID.test(value) && Number(value) <= MAX_SERIAL_ID;

/** Whether `value` is a UUID (any version, either case). */
export const isUuid = (value: string): boolean => UUID.test(value);

/**
 * A path id of a serial column. Anything else names nothing, so it is a 404, not a 400, and never
 * reaches the database (where `integer` would overflow or refuse the text).
 */
@Injectable()
export class SerialIdPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!isSerialId(value)) throw ApiError.notFound(`no such id: ${value}`);
    return Number(value);
  }
}

/**
 * A path id of a UUID column, lower-cased (the form stored). Anything else names nothing: a 404,
 * kept away from PostgreSQL's `uuid` cast, which would fail the query.
 */
@Injectable()
export class UuidPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isUuid(value)) throw ApiError.notFound(`no such id: ${value}`);
    return value.toLowerCase();
  }
}
