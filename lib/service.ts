// Process-wide services (the database, the bus, the hub, ...), one per name and process. They live
// on globalThis, not in module state: Next bundles some entry points separately (instrumentation,
// route handlers, server actions) and `next dev` re-evaluates modules on reload, and each copy of a
// module must find the same service.
//
// One rule for every service: `open` does everything that can fail (connections, queries) and
// starts nothing; `start` then wires timers and subscriptions, synchronously, once the whole
// service is up. A failed open is forgotten, so the next call tries again and nothing of the failed
// attempt keeps running.

type Slot = { pending: Promise<unknown> };
const store = globalThis as unknown as { heraldServices?: Map<string, Slot>; heraldValues?: Map<string, unknown> };
const slots = (): Map<string, Slot> => (store.heraldServices ??= new Map());
const values = (): Map<string, unknown> => (store.heraldValues ??= new Map());

/** The service named `name`, opened (and started) by the first caller; concurrent callers share that one attempt. */
export function service<T>(name: string, open: () => Promise<T>, start?: (value: T) => void): Promise<T> {
  const all = slots();
  const found = all.get(name);
  if (found) return found.pending as Promise<T>;
  const slot: Slot = { pending: Promise.resolve() };
  const pending = (async () => {
    const value = await open();
    start?.(value);
    return value;
  })().catch((err: unknown) => {
    if (all.get(name) === slot) all.delete(name);
    throw err;
  });
  slot.pending = pending;
  all.set(name, slot);
  return pending;
}

/** The service if it was asked for already (opening or up), without opening it. */
export function running<T>(name: string): Promise<T> | undefined {
  return slots().get(name)?.pending as Promise<T> | undefined;
}

/** Forgets the service and closes it if it came up (a failed or absent one has nothing to close). */
export async function stopService<T>(name: string, close: (value: T) => Promise<void> | void): Promise<void> {
  const slot = slots().get(name);
  if (!slot) return;
  slots().delete(name);
  const up = await (slot.pending as Promise<T>).then((value) => ({ value }), () => null);
  if (up) await close(up.value);
}

/** A process-wide value that needs no I/O to make (the environment, the logger): made on first use. */
export function processWide<T>(name: string, create: () => T): T {
  const all = values();
  if (all.has(name)) return all.get(name) as T;
  const value = create();
  all.set(name, value);
  return value;
}

/** Whether `processWide(name, ...)` has made its value yet. */
export function made(name: string): boolean {
  return values().has(name);
}

/** Forgets a process-wide value (the next `processWide` call makes it again). */
export function forget(name: string): void {
  values().delete(name);
}
