/** The Bull queue carrying bikes' position reports from the HTTP gateway to the processor. */
export const BIKE_LOCATIONS_QUEUE = 'bike-locations';

/** One position report: plain JSON, the time as an ISO string. */
export interface BikeLocationReport {
  bikeId: string;
  lon: number;
  lat: number;
  recordedAt: string;
}

/**
 * One job of `bike-locations`: the reports the route received together (one, when traffic is
 * light). Queue and processor costs are paid per job, not per report; applying a job twice is
 * harmless (the second time every report is stale), so a failed job is simply retried.
 */
export interface BikeLocationsJob {
  reports: BikeLocationReport[];
}
