import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiError } from './api-error.js';

/** Flattens class-validator's tree into one `{field, message}` per faulty field (`a.b[0].c`). */
export function fieldErrors(errors: ValidationError[], parent = ''): Array<{ field: string; message: string }> {
  const result: Array<{ field: string; message: string }> = [];
  for (const error of errors) {
    const field = parent === '' ? error.property : /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`;
    if (error.constraints) {
      // One entry per field: the first constraint that failed says enough.
      const messages = Object.values(error.constraints);
      result.push({ field, message: messages[0].replace(/^property (.*) should not exist$/s, 'unknown field') });
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
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: options.forbidNonWhitelisted ?? true,
    transform: true,
    stopAtFirstError: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => ApiError.invalidFields(fieldErrors(errors)),
  });
}
