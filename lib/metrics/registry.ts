import "server-only";
// The process's one Prometheus registry. Next bundles instrumentation and every route separately,
// so module state is not shared between them: the registry and each metric are process-wide
// (lib/service.ts) and created once, by whichever bundle asks first (a second `new Counter` of the same name would
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
import { processWide } from "@/lib/service";

type Store = { registry: Registry; metrics: Map<string, Metric> };
function state(): Store {
  return processWide("metrics", () => {
    const registry = new Registry();
    // Node's own: CPU, memory, heap, event-loop lag, GC, handles (standard names, no prefix).
    collectDefaultMetrics({ register: registry });
    return { registry, metrics: new Map() };
  });
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
