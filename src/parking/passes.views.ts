import type { BorrowedResponse, LentResponse, MyPassesResponse, PassResponse } from './dto/responses.dto.js';
import type { Offer } from './offer.entity.js';
import type { Pass } from './pass.entity.js';

/** A pass as the API shows it. */
export function toPassView(pass: Pass): PassResponse {
  return {
    id: pass.id,
    org_id: pass.orgId,
    owner_id: pass.ownerId,
    requested_state_id: pass.requestedStateId,
    requested_spot_num: pass.requestedSpotNum,
    state_id: pass.stateId,
    spot_num: pass.spotNum,
    verified: pass.stateId !== null,
    requested_at: pass.requestedAt.toISOString(),
    verified_at: pass.verifiedAt?.toISOString() ?? null,
  };
}

export function toLentView(offer: Offer): LentResponse {
  return { pass_id: offer.passId, date: offer.date, borrower_id: offer.borrowerId };
}

/** A borrowed pass, with its state and spot while the pass exists. */
export function toBorrowedView(offer: Offer, pass: Pass | undefined): BorrowedResponse {
  return { pass_id: offer.passId, org_id: offer.orgId, date: offer.date, state_id: pass?.stateId ?? null, spot_num: pass?.spotNum ?? null };
}

/** `/parking/me/passes`: the user's passes, pending and owned, what they lent and what they borrowed. */
export function toMyPassesView(owned: Pass[], lent: Offer[], borrowed: Offer[], borrowedPasses: Map<number, Pass>): MyPassesResponse {
  return {
    pending: owned.filter((p) => p.stateId === null).map(toPassView),
    owned: owned.filter((p) => p.stateId !== null).map(toPassView),
    lent: lent.map(toLentView),
    borrowed: borrowed.map((offer) => toBorrowedView(offer, offer.passId === null ? undefined : borrowedPasses.get(offer.passId))),
  };
}
