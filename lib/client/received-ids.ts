// The ids of the durable events this tab received lately, so a replayed or re-sent one is dispatched once.
// Bounded: the oldest ids are forgotten first (a replay never reaches further back than that).
export class ReceivedIds {
  private readonly ids = new Set<string>();
  constructor(private readonly limit = 2000) {}

  /** True the first time an id is offered, false for every repeat still remembered. */
  accept(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.limit) this.ids.delete(this.ids.values().next().value!);
    return true;
  }
}
