import { Injectable, PipeTransform } from '@nestjs/common';
import { ApiError } from '../common/errors/api-error.js';

const MAX_ID = 2_147_483_647;

/** A path id: anything but a positive 32-bit integer names nothing, so it is a 404, not a 400. */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^[1-9]\d{0,9}$/.test(value) || Number(value) > MAX_ID) throw ApiError.notFound(`no such id: ${value}`);
    return Number(value);
  }
}
