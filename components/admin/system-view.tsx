"use client";
// The live system view: charts of this instance's last minutes, fed by `system_stats` events on
// the admin's own stream while the page holds its watch lease (no polling), and the status of
// the bus, the database and each offline channel from the latest sample.
import { Badge, Card, Flex, Heading, Text } from "@radix-ui/themes";
import { useState } from "react";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { unwatchSystemStatsAction, watchSystemStatsAction } from "@/app/(app)/admin/system/actions";
import { useRealtimeEvent } from "@/lib/client/realtime";
import { useLease } from "@/lib/client/use-lease";
import type { EventData } from "@/lib/events/catalogue";

type Sample = EventData<"system_stats">;
const WINDOW = 300;
const channelColors: Record<string, string> = { sms: "#f5a524", push: "#b18cff", email: "#3fc8e4" };

const time = (at: number) => new Date(at).toLocaleTimeString([], { hour12: false });
const round = (n: number | null, digits = 1) => (n === null ? null : Math.round(n * 10 ** digits) / 10 ** digits);

type Series = { key: string; name: string; color: string };

function LiveChart(props: {
  title: string;
  testId: string;
  latest: string;
  data: Record<string, number | string | null>[];
  series: Series[];
  unit?: string;
  attributes?: Record<`data-${string}`, string | number>;
}) {
  return (
    <Card data-testid={props.testId} data-points={props.data.length} {...props.attributes}>
      <Flex justify="between" align="baseline" mb="2" gap="2">
        <Heading as="h2" size="3">
          {props.title}
        </Heading>
        <Text size="5" weight="bold" className="num" data-testid={`${props.testId}-latest`}>
          {props.latest}
        </Text>
      </Flex>
      <div style={{ width: "100%", height: 180 }}>
        <ResponsiveContainer>
          <LineChart data={props.data} margin={{ top: 4, right: 8, bottom: 0, left: -12 }}>
            <CartesianGrid stroke="#2a3040" strokeDasharray="3 3" />
            <XAxis dataKey="time" stroke="#9aa3b2" fontSize={11} minTickGap={40} />
            <YAxis stroke="#9aa3b2" fontSize={11} allowDecimals={false} unit={props.unit} />
            <Tooltip contentStyle={{ background: "#171b24", border: "1px solid #2a3040" }} />
            {props.series.length > 1 && <Legend wrapperStyle={{ fontSize: 12 }} />}
            {props.series.map((s) => (
              <Line key={s.key} dataKey={s.key} name={s.name} stroke={s.color} dot={false} strokeWidth={2} isAnimationActive={false} connectNulls={false} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </Card>
  );
}

function Status(props: { label: string; state: string; color: "green" | "red" | "blue" | "gray"; detail: string; testId: string }) {
  return (
    <Flex gap="2" align="center" wrap="wrap" data-testid={props.testId} data-state={props.state}>
      <Text weight="bold" style={{ minWidth: 80 }}>
        {props.label}
      </Text>
      <Badge color={props.color}>{props.state}</Badge>
      <Text size="2" color="gray">
        {props.detail}
      </Text>
    </Flex>
  );
}

export function SystemView({ initial }: { initial: Sample[] }) {
  const [samples, setSamples] = useState(initial);
  useLease(watchSystemStatsAction, unwatchSystemStatsAction);
  useRealtimeEvent("system_stats", (event) => setSamples((s) => [...s, event.data].slice(-WINDOW)));

  const last = samples.at(-1);
  const channels = Object.keys(last?.outbox ?? channelColors);
  const rows = samples.map((s) => ({
    time: time(s.at),
    streams: s.streams,
    users: s.users,
    delivered: round(s.deliveredPerSecond),
    published: round(s.publishedPerSecond),
    mean: round(s.fanoutMs.mean),
    p99: round(s.fanoutMs.p99),
    ...Object.fromEntries(channels.map((c) => [c, (s.outbox[c]?.pending ?? 0) + (s.outbox[c]?.sending ?? 0)])),
  }));

  return (
    <>
      <Heading as="h1" size="7" my="3">
        System
      </Heading>
      <Text as="p" size="2" color="gray" mb="3">
        This instance{last ? ` (${last.instance})` : ""}, sampled every second while an admin has this page open; the last{" "}
        {Math.round(WINDOW / 60)} minutes. Prometheus metrics: <code>GET /api/metrics</code>.
      </Text>

      <Card mb="4" data-testid="system-status">
        <Heading as="h2" size="3" mb="2">
          Status
        </Heading>
        <Flex direction="column" gap="2">
          <Status
            testId="status-bus"
            label="Bus"
            state={!last ? "waiting" : last.bus.connected ? "connected" : "disconnected"}
            color={!last ? "gray" : last.bus.connected ? "green" : "red"}
            detail={last ? `${last.bus.kind === "redis" ? "Redis" : "in-process"} · ${last.bus.reconnects} reconnects` : "waiting for the first sample"}
          />
          <Status
            testId="status-database"
            label="Database"
            state={!last ? "waiting" : last.database.ok ? "ok" : "down"}
            color={!last ? "gray" : last.database.ok ? "green" : "red"}
            detail={last ? `${last.database.kind}${last.database.latencyMs !== null ? ` · ${last.database.latencyMs.toFixed(1)} ms` : ""}${last.database.error ? ` · ${last.database.error}` : ""}` : ""}
          />
          {Object.entries(last?.providers ?? {}).map(([channel, p]) => (
            <Status
              key={channel}
              testId={`status-${channel}`}
              label={channel.toUpperCase()}
              state={p.mode === "live" ? "live" : "captured"}
              color={p.mode === "live" ? "green" : "blue"}
              detail={Object.entries(p.attempts).map(([outcome, n]) => `${outcome} ${n}`).join(" · ") || "no sends yet"}
            />
          ))}
        </Flex>
      </Card>

      <div className="grid">
        <LiveChart
          title="Open streams"
          testId="chart-streams"
          latest={String(last?.streams ?? "–")}
          data={rows}
          series={[
            { key: "streams", name: "streams", color: "#7c9cff" },
            { key: "users", name: "users", color: "#3ecf8e" },
          ]}
        />
        <LiveChart
          title="Events delivered / s"
          testId="chart-delivered"
          latest={last ? String(round(last.deliveredPerSecond)) : "–"}
          data={rows}
          series={[
            { key: "delivered", name: "frames delivered", color: "#3ecf8e" },
            { key: "published", name: "events published", color: "#7c9cff" },
          ]}
          attributes={{ "data-latest": last?.deliveredPerSecond ?? 0, "data-total": last?.deliveredTotal ?? 0 }}
        />
        <LiveChart
          title="Fan-out latency"
          testId="chart-fanout"
          latest={last?.fanoutMs.mean != null ? `${round(last.fanoutMs.mean)} ms` : "–"}
          unit=" ms"
          data={rows}
          series={[
            { key: "mean", name: "mean", color: "#7c9cff" },
            { key: "p99", name: "p99 (bucket bound)", color: "#f26d6d" },
          ]}
        />
        <LiveChart
          title="Outbox depth"
          testId="chart-outbox"
          latest={last ? String(channels.reduce((n, c) => n + (last.outbox[c]?.pending ?? 0) + (last.outbox[c]?.sending ?? 0), 0)) : "–"}
          data={rows}
          series={channels.map((c) => ({ key: c, name: c, color: channelColors[c] ?? "#9aa3b2" }))}
        />
      </div>
    </>
  );
}
