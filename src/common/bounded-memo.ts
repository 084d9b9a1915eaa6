/**
 * Values computed once per key and kept, for keys met over and over (the base URLs of a feed, the
 * pages a back office polls, the shapes of its queries). Bounded: past `max` keys everything is
 * forgotten, so a scan of many keys costs recomputation, never memory.
 */
export class BoundedMemo<K, V> {
  private readonly values = new Map<K, V>();

  constructor(private readonly max: number) {}

  get(key: K, compute: () => V): V {
    let value = this.values.get(key);
    if (value === undefined) {
      if (this.values.size >= this.max) this.values.clear();
      value = compute();
      this.values.set(key, value);
    }
    return value;
  }
}
