import { registerDecorator, ValidationArguments, ValidationOptions, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { geoJsonPointProblem } from './geo.js';

@ValidatorConstraint({ name: 'isGeoJsonPoint', async: false })
class IsGeoJsonPointConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return geoJsonPointProblem(value) === undefined;
  }

  defaultMessage(args: ValidationArguments): string {
    return `${args.property} ${geoJsonPointProblem(args.value)}`;
  }
}

/**
 * A GeoJSON Point `{type:'Point', coordinates:[lon, lat]}`, longitude first and both in range.
 * One constraint for the whole object, so the client gets one error naming the field and the
 * first thing wrong with it rather than a cascade from nested validators.
 */
export function IsGeoJsonPoint(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: IsGeoJsonPointConstraint,
    });
  };
}
