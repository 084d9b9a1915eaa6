import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';

/**
 * A class-validator decorator from one function that names the first problem of a value, or
 * returns undefined when there is none. One constraint for the whole value (a GeoJSON object, say),
 * so the client gets one error naming the field and the first thing wrong with it, rather than a
 * cascade from nested validators.
 */
export function wholeValueRule(name: string, problemOf: (value: unknown) => string | undefined) {
  return (options?: ValidationOptions): PropertyDecorator =>
    (target: object, propertyName: string | symbol) => {
      registerDecorator({
        name,
        target: target.constructor,
        propertyName: propertyName as string,
        options,
        validator: {
          validate: (value: unknown) => problemOf(value) === undefined,
          defaultMessage: (args: ValidationArguments) => `${args.property} ${problemOf(args.value)}`,
        },
      });
    };
}
