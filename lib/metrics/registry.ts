import "server-only";
// The process's one Prometheus registry. Next bundles instrumentation and every route separately,
// so module state is not shared between them: the registry and each metric live on globalThis and
// are created once, by whichever bundle asks first (a second `new Counter` of the same name would
// throw, or land in a registry nobody scrapes).
import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  Registry,
  type CounterConfiguration,
  type GaugeConfiguration,
  type HistogramConfiguration,
  type Metric,
} from "prom-client";

type Store = { registry: Registry; metrics: Map<string, Metric> };
const store = globalThis as unknown as { heraldMetrics?: Store };

function state(): Store {
  if (!store.heraldMetrics) {
    const registry = new Registry();
    // Node's own: CPU, memory, heap, event-loop lag, GC, handles (standard names, no prefix).
    collectDefaultMetrics({ register: registry });
    store.heraldMetrics = { registry, metrics: new Map() };
  }
  return store.heraldMetrics;
}

export function metricsRegistry(): Registry {
  return state().registry;
}

function once<M extends Metric>(name: string, create: (registers: Registry[]) => M): M {
  const s = state();
  let metric = s.metrics.get(name);
  if (!metric) {
    metric = create([s.registry]);
    s.metrics.set(name, metric);
  }
  return metric as M;
}

export function counter<L extends string>(config: CounterConfiguration<L>): Counter<L> {
  return once(config.name, (registers) => new Counter({ ...config, registers }));
}

export function gauge<L extends string>(config: GaugeConfiguration<L>): Gauge<L> {
  return once(config.name, (registers) => new Gauge({ ...config, registers }));
}

export function histogram<L extends string>(config: HistogramConfiguration<L>): Histogram<L> {
  return once(config.name, (registers) => new Histogram({ ...config, registers }));
}
