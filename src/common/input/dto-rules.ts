import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsObject, Max, Min, ValidateIf, ValidateNested, type ValidationOptions } from 'class-validator';

/** The largest value of a 4-byte integer column (`integer` on PostgreSQL), which every id is. */
export const INT4_MAX = 2_147_483_647;

/**
 * An optional field that is validated whenever its key is sent: `null` is a value, refused by the
 * field's rules, unlike `@IsOptional()`, which lets `null` through to the service (and the
 * database's NOT NULL). For fields the contract lets clients omit but never clear.
 */
export const WhenPresent = () => ValidateIf((_object, value) => value !== undefined);

/** A row id: an integer from 1 to `INT4_MAX`, so that 1e300 or 2^53 is a 400, not a database error. */
export const IsRowId = (options: ValidationOptions = {}) => applyDecorators(IsInt(options), Min(1, options), Max(INT4_MAX, options));

/**
 * A nested DTO (or, with `each`, an array of them) that must be an object: `@ValidateNested()`
 * alone validates the elements of an array given instead, so `{"data": [[]]}` passed as a hail
 * with no fields and reached the service.
 */
export const NestedObject = (type: () => new () => object, options: { each?: boolean } = {}) =>
  applyDecorators(IsObject({ each: options.each }), ValidateNested({ each: options.each }), Type(type));
