/**
 * Waiters grouped by owner (a resource), served round-robin: one resource with a backlog of polls takes its turn
 * like any other instead of starving them. A Map iterates in insertion order, so moving an owner to the end after
 * its turn is the rotation.
 */
export class FairQueue<T> {
  private readonly lanes = new Map<string, T[]>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  push(owner: string, item: T): void {
    const lane = this.lanes.get(owner);
    if (lane) lane.push(item);
    else this.lanes.set(owner, [item]);
    this.count += 1;
  }

  /** The oldest item of the owner whose turn it is; that owner then goes last. */
  shift(): T | undefined {
    const first = this.lanes.entries().next();
    if (first.done) return undefined;
    const [owner, lane] = first.value;
    const item = lane.shift();
    this.lanes.delete(owner);
    if (lane.length > 0) this.lanes.set(owner, lane);
    this.count -= 1;
    return item;
  }
}
