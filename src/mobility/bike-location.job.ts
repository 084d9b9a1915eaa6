/** The Bull queue carrying bikes' position reports from the HTTP gateway to the processor. */
export const BIKE_LOCATIONS_QUEUE = 'bike-locations';

/** One position report, as queued: plain JSON, the time as an ISO string. */
export interface BikeLocationJob {
  bikeId: string;
  lon: number;
  lat: number;
  recordedAt: string;
}
