import { ValidationError, ValidationPipe } from '@nestjs/common';
import { fieldMessage } from '../input/field-messages.js';
import { PlatformValidationPipe } from '../input/platform-validation.pipe.js';
import { ApiError } from './api-error.js';

/** Flattens class-validator's tree into one `{field, message}` per faulty field (`a.b[0].c`). */
export function fieldErrors(errors: ValidationError[], parent = ''): Array<{ field: string; message: string }> {
  const result: Array<{ field: string; message: string }> = [];
  for (const error of errors) {
    const field =
      parent === '' ? error.property : /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`;
    if (error.constraints) {
      // One entry per field, with the message that names its actual fault.
      result.push({ field, message: fieldMessage(error).replace(/^property (.*) should not exist$/s, 'unknown field') });
    }
    if (error.children?.length) result.push(...fieldErrors(error.children, field));
  }
  return result;
}

/**
 * The platform's validation pipe: whitelisting DTOs, refusing unknown keys, one error entry per
 * field. A module that must tolerate unknown keys (the registry's hail payload) uses
 * `createValidationPipe({ forbidNonWhitelisted: false })` on its route.
 */
export function createValidationPipe(options: { forbidNonWhitelisted?: boolean } = {}): ValidationPipe {
  return new PlatformValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: options.forbidNonWhitelisted ?? true,
    transform: true,
    // Every constraint of a field is checked, so that `fieldMessage` can name the one at fault; the
    // values stay in the errors for that choice and are never sent back.
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => ApiError.invalidFields(fieldErrors(errors)),
  });
}
