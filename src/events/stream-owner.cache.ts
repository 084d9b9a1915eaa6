import { Injectable } from '@nestjs/common';

/** Owners are immutable once committed, so a bounded in-memory copy is always right. */
const MAX_CACHED_OWNERS = 10_000;

/**
 * The committed owners of streams this process has seen, so that an append to a known stream needs
 * no read before it. Only committed owners may be kept: one read inside a caller's transaction may
 * be that transaction's own row, gone if it rolls back.
 */
@Injectable()
export class StreamOwnerCache {
  private readonly owners = new Map<string, string>();

  ownerOf(stream: string): string | undefined {
    return this.owners.get(stream);
  }

  remember(stream: string, owner: string): void {
    if (this.owners.size >= MAX_CACHED_OWNERS) this.owners.clear();
    this.owners.set(stream, owner);
  }
}
