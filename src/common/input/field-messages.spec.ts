import { describe, expect, it } from '@jest/globals';
import type { ValidationError } from '@nestjs/common';
import { fieldMessage } from './field-messages.js';

const error = (value: unknown, constraints: Record<string, string>, withValue = true): ValidationError => ({
  property: 'customer_lon',
  constraints,
  children: [],
  ...(withValue && { value }),
});

describe('fieldMessage', () => {
  const bounds = {
    max: 'customer_lon must not be greater than 180',
    min: 'customer_lon must not be less than -180',
    isNumber: 'customer_lon must be a number conforming to the specified constraints',
  };

  it('says a missing field is required, a null one must not be null, before any rule', () => {
    expect(fieldMessage(error(undefined, bounds))).toBe('customer_lon is required');
    expect(fieldMessage(error(undefined, { isString: 'username or email is required', maxLength: 'too long' }))).toBe(
      'username or email is required',
    );
    expect(fieldMessage(error(null, bounds))).toBe('customer_lon must not be null');
  });

  it('names the kind due before a bound, whatever the order the constraints come in', () => {
    expect(fieldMessage(error('east', bounds))).toBe(bounds.isNumber);
    expect(fieldMessage(error(500, { max: bounds.max }))).toBe(bounds.max);
  });

  it('refuses an unknown or read-only key for what it is, even when null', () => {
    expect(fieldMessage(error(null, { whitelistValidation: 'property customer_lon should not exist' }))).toBe(
      'property customer_lon should not exist',
    );
    expect(fieldMessage(error(null, { readOnly: 'is_staff is read-only' }))).toBe('is_staff is read-only');
  });

  it('without the value (the events module keeps it out), falls back to the kind-first order', () => {
    expect(fieldMessage(error(undefined, bounds, false))).toBe(bounds.isNumber);
  });
});
