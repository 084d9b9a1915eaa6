/** What the queue order needs to know of a borrow request. */
export interface QueuedRequest {
  id: number;
  createdAt: Date;
  /** When the borrower was last served a pass in this org, if ever. */
  lastServedAt: Date | null;
  /** Put back at the front after losing a loan (its pass was deleted). */
  frontOfQueue: boolean;
  indefinite: boolean;
}

/**
 * A request's place in its date's queue: the later of its creation and its borrower's last service,
 * so a borrower just served falls behind everyone already waiting (spec rule 2, no camping at the front).
 */
export function priorityKey(request: Pick<QueuedRequest, 'createdAt' | 'lastServedAt'>): Date {
  if (request.lastServedAt === null || request.lastServedAt < request.createdAt) return request.createdAt;
  return request.lastServedAt;
}

/**
 * A date's queue: dated requests before indefinite ones (rule 3); within each, requests that lost a
 * loan first, then by priority key, then by id so that equal keys still have one stable order.
 */
export function queueOrder<T extends QueuedRequest>(requests: readonly T[]): T[] {
  return [...requests].sort(
    (a, b) =>
      Number(a.indefinite) - Number(b.indefinite) ||
      Number(b.frontOfQueue) - Number(a.frontOfQueue) ||
      priorityKey(a).getTime() - priorityKey(b).getTime() ||
      a.id - b.id,
  );
}
