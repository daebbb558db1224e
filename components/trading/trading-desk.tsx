"use client";
// The trading page: live prices and chart, price alerts, positions with take-profit/stop-loss and
// the weekly contest. Durable trading events refresh the server-rendered parts in place.
import { Badge, Button, Card, Flex, Heading, Table, Tabs, Text } from "@radix-ui/themes";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { closePositionAction, deletePriceAlertAction } from "@/app/(app)/trading/actions";
import { withFeedback } from "@/components/action-feedback";
import { DataTable } from "@/components/data-table";
import { useRealtimeEvent } from "@/lib/client/realtime";
import type { TradingOverview } from "@/lib/domain/trading/get-trading-overview";
import { pnlOf } from "@/lib/domain/trading/positions";
import { formatPrice, formatUsd, marketSymbols, type MarketSymbol } from "@/lib/market/symbols";
import { PriceChart } from "./price-chart";
import { AlertForm, PositionForm } from "./trade-forms";
import { useLivePrices } from "./use-live-prices";

export function TradingDesk({ overview }: { overview: TradingOverview }) {
  const router = useRouter();
  const { prices, history } = useLivePrices(overview);
  const [symbol, setSymbol] = useState<MarketSymbol>("SOL");
  const refresh = () => router.refresh();
  useRealtimeEvent("price_alert", refresh);
  useRealtimeEvent("position_update", refresh);
  useRealtimeEvent("competition_ranking", refresh);

  return (
    <>
      <Heading as="h1" size="7" mb="3">
        Trading
      </Heading>
      <Card>
        <Tabs.Root value={symbol} onValueChange={(v) => setSymbol(v as MarketSymbol)}>
          <Tabs.List aria-label="Markets" wrap="wrap">
            {marketSymbols.map((s) => (
              <Tabs.Trigger key={s} value={s}>
                <span>
                  {s}{" "}
                  <span className="num">{formatPrice(prices[s])}</span>
                </span>
              </Tabs.Trigger>
            ))}
          </Tabs.List>
          {marketSymbols.map((s) => (
            <Tabs.Content key={s} value={s}>
              <Flex justify="between" align="baseline" my="2" wrap="wrap" gap="2">
                <Heading as="h2" size="4">
                  {s}/USDT
                </Heading>
                <Text size="6" weight="bold" className="num" data-testid={`price-${s}`} data-price={prices[s]}>
                  ${formatPrice(prices[s])}
                </Text>
              </Flex>
              {s === symbol && <PriceChart symbol={s} prices={history[s]} />}
            </Tabs.Content>
          ))}
        </Tabs.Root>
      </Card>

      <div className="page-grid" style={{ gridTemplateColumns: "repeat(auto-fit, minmax(280px, 1fr))", marginTop: 16 }}>
        <AlertForm symbol={symbol} price={prices[symbol]} />
        <PositionForm symbol={symbol} price={prices[symbol]} />
      </div>

      <Alerts alerts={overview.alerts} />
      <Positions positions={overview.positions} prices={prices} />
      <Contest contest={overview.contest} />
    </>
  );
}

function Alerts({ alerts }: { alerts: TradingOverview["alerts"] }) {
  const router = useRouter();
  return (
    <section className="card" aria-labelledby="alerts-heading">
      <Heading as="h2" size="4" id="alerts-heading" mb="2">
        Your price alerts
      </Heading>
      <DataTable
        testId="alerts"
        rows={alerts}
        empty="No alerts yet."
        columns={["Symbol", "When", "Status", <span key="actions" className="sr-only">Actions</span>]}
        row={(a) => (
          <Table.Row key={a.id}>
            <Table.RowHeaderCell>{a.symbol}</Table.RowHeaderCell>
            <Table.Cell className="num">
              {a.direction === "ABOVE" ? "rises to" : "falls to"} {formatPrice(a.target)}
            </Table.Cell>
            <Table.Cell>
              {a.triggeredAt ? <Badge color="green">Triggered at {formatPrice(a.triggeredPrice ?? a.target)}</Badge> : <Badge color="gray">Waiting</Badge>}
            </Table.Cell>
            <Table.Cell>
              <Button size="1" variant="soft" color="gray" onClick={() => void withFeedback(deletePriceAlertAction({ id: a.id })).then(() => router.refresh())} aria-label={`Delete ${a.symbol} alert at ${formatPrice(a.target)}`}>
                Delete
              </Button>
            </Table.Cell>
          </Table.Row>
        )}
      />
    </section>
  );
}

function Positions({ positions, prices }: { positions: TradingOverview["positions"]; prices: Record<MarketSymbol, number> }) {
  return (
    <section className="card" aria-labelledby="positions-heading">
      <Heading as="h2" size="4" id="positions-heading" mb="2">
        Positions
      </Heading>
      <DataTable
        testId="positions"
        rows={positions}
        empty="No positions yet."
        columns={["Market", "Size", "Entry", "TP / SL", "PnL", "Status"]}
        row={(p) => {
          const open = p.status === "OPEN";
          const price = prices[p.symbol as MarketSymbol];
          const pnl = open && price !== undefined ? pnlOf(p, price) : (p.pnl ?? 0);
          return (
            <Table.Row key={p.id}>
              <Table.RowHeaderCell>
                {p.symbol} {p.side === "LONG" ? "long" : "short"}
              </Table.RowHeaderCell>
              <Table.Cell className="num">{p.quantity}</Table.Cell>
              <Table.Cell className="num">{formatPrice(p.entryPrice)}</Table.Cell>
              <Table.Cell className="num">
                {p.takeProfit ? formatPrice(p.takeProfit) : "—"} / {p.stopLoss ? formatPrice(p.stopLoss) : "—"}
              </Table.Cell>
              <Table.Cell className={`num ${pnl >= 0 ? "pnl-up" : "pnl-down"}`}>{formatUsd(pnl)}</Table.Cell>
              <Table.Cell>
                {open ? (
                  <Button size="1" variant="soft" onClick={() => void withFeedback(closePositionAction({ id: p.id }))} aria-label={`Close ${p.symbol} ${p.side.toLowerCase()} position`}>
                    Close
                  </Button>
                ) : (
                  <Badge color="gray">Closed ({(p.closeReason ?? "manual").replace("_", " ")})</Badge>
                )}
              </Table.Cell>
            </Table.Row>
          );
        }}
      />
    </section>
  );
}

function Contest({ contest }: { contest: TradingOverview["contest"] }) {
  return (
    <section className="card" aria-labelledby="contest-heading">
      <Heading as="h2" size="4" id="contest-heading" mb="1">
        Weekly trading contest
      </Heading>
      <Text as="p" size="1" color="gray" mb="2">
        {contest.id}: ranked by profit realised this week. Open a position to enter.
      </Text>
      <DataTable
        testId="contest"
        rows={contest.standings}
        empty="Nobody has entered yet."
        columns={["Rank", "Trader", "Realised PnL"]}
        row={(s) => (
          <Table.Row key={s.userId} aria-current={s.you ? "true" : undefined}>
            <Table.RowHeaderCell className="num">#{s.rank ?? "–"}</Table.RowHeaderCell>
            <Table.Cell>
              {s.name} {s.you && <Badge>you</Badge>}
            </Table.Cell>
            <Table.Cell className={`num ${s.score >= 0 ? "pnl-up" : "pnl-down"}`}>{formatUsd(s.score)}</Table.Cell>
          </Table.Row>
        )}
      />
    </section>
  );
}
