import { Injectable, Logger } from '@nestjs/common';
import type { Hail } from './hail.entity.js';

/**
 * Tells a taxi a hail is waiting for it. The driver app also finds it in `GET /operator/driver/hails`;
 * a deployment with push notifications provides its own implementation under this token.
 */
export const TAXI_NOTIFIER = Symbol('TAXI_NOTIFIER');

export interface TaxiNotifier {
  notify(hail: Hail): Promise<void>;
}

/** The default: the hail shows up in the driver's list, nothing is pushed. */
@Injectable()
export class ListOnlyTaxiNotifier implements TaxiNotifier {
  private readonly logger = new Logger(ListOnlyTaxiNotifier.name);

  async notify(hail: Hail): Promise<void> {
    this.logger.debug(`hail ${hail.id} waiting in taxi ${hail.taxiId}'s list`);
  }
}
