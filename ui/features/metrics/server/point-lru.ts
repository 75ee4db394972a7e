import "server-only";

/**
 * A least-recently-used cache bounded by a total size (here: metric points) rather than an entry
 * count, so one long history weighs what it costs. An entry larger than the whole budget is not kept.
 */
export class PointLru<V> {
  readonly capacity: number;
  private readonly entries = new Map<string, { value: V; size: number }>();
  private total = 0;

  constructor(capacity: number) {
    if (!(capacity >= 0)) throw new RangeError(`capacity must be ≥ 0: ${capacity}`);
    this.capacity = capacity;
  }

  /** Points held now. */
  get size(): number {
    return this.total;
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // Map keeps insertion order: re-inserting makes this the most recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V, size: number): void {
    this.delete(key);
    if (size > this.capacity) return;
    for (const [oldest, entry] of this.entries) {
      if (this.total + size <= this.capacity) break;
      this.entries.delete(oldest);
      this.total -= entry.size;
    }
    this.entries.set(key, { value, size });
    this.total += size;
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.total -= entry.size;
  }
}
