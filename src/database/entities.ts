import { eventsEntities } from '../events/events.persistence.js';
import { membersEntities } from '../members/members.persistence.js';
import { mobilityEntities } from '../mobility/mobility.persistence.js';
import { operatorEntities } from '../operator/operator.persistence.js';
import { parkingEntities } from '../parking/parking.persistence.js';

/** Every entity of every module: each module lists its own in `<module>.persistence.ts`. */
export const allEntities = [
  ...eventsEntities,
  ...membersEntities,
  ...operatorEntities,
  ...mobilityEntities,
  ...parkingEntities,
];
