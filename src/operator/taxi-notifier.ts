import { Injectable, Logger } from '@nestjs/common';

/**
 * Tells a taxi a hail is waiting for it. The driver app also finds it in `GET /operator/driver/hails`;
 * a deployment with push notifications provides its own implementation under this token.
 */
export const TAXI_NOTIFIER = Symbol('TAXI_NOTIFIER');

export interface TaxiNotifier {
  /** Called once per hail, before received_by_taxi is sent; must be quick (the 10 s run meanwhile). */
  notify(hailId: string): Promise<void>;
}

/** The default: the hail shows up in the driver's list, nothing is pushed. */
@Injectable()
export class ListOnlyTaxiNotifier implements TaxiNotifier {
  private readonly logger = new Logger(ListOnlyTaxiNotifier.name);

  async notify(hailId: string): Promise<void> {
    this.logger.debug(`hail ${hailId} waiting in its taxi's list`);
  }
}
