/** The Bull queue of the hail lifecycle, and its jobs (processed in `hail-jobs.processor.ts`). */
export const HAILS_QUEUE = 'hails';

export const HAIL_JOBS = {
  /** Tell the taxi, then PUT received_by_taxi within the registry's 10 s. */
  notifyTaxi: 'notify-taxi',
  /** PUT one of the driver's answers (or a later status), in order after every earlier update. */
  updateHail: 'update-hail',
  /** Read the hail back while it waits for the customer. */
  watchHail: 'watch-hail',
  /** The taxi did not answer in time: local timeout_taxi. */
  decisionTimeout: 'decision-timeout',
} as const;

/** Both PUT jobs carry the outbox row they send. */
export interface HailUpdateJob {
  hailId: string;
  seq: number;
}

export interface WatchHailJob {
  hailId: string;
  round: number;
}

export interface DecisionTimeoutJob {
  hailId: string;
}

/**
 * Job ids are derived from the hail and its step, so enqueueing the same step twice (a duplicate
 * kick, recovery racing a live job) is a no-op in Bull.
 */
export const hailJobIds = {
  update: (hailId: string, seq: number) => `${hailId}:put:${seq}`,
  watch: (hailId: string, round: number) => `${hailId}:watch:${round}`,
  decisionTimeout: (hailId: string) => `${hailId}:decision-timeout`,
};
