"use client";
// The trading page's two forms: a price alert and a new position, on the symbol being looked at.
import { Button, Card, Heading, SegmentedControl, Text } from "@radix-ui/themes";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { createPriceAlertAction, openPositionAction } from "@/app/(app)/trading/actions";
import { Field, useActionForm } from "@/components/action-feedback";
import { formatPrice, type MarketSymbol } from "@/lib/market/symbols";
import { createPriceAlertSchema, openPositionSchema } from "@/lib/validations/trading";

export function AlertForm(props: { symbol: MarketSymbol; price: number }) {
  const router = useRouter();
  const { result, busy, onSubmit } = useActionForm({
    schema: createPriceAlertSchema,
    read: (data) => ({ symbol: props.symbol, target: data.get("target") }),
    action: createPriceAlertAction,
    success: `Alert set on ${props.symbol}`,
    onDone: () => router.refresh(),
  });
  return (
    <Card asChild>
      <form onSubmit={onSubmit} aria-label="Price alert" noValidate>
        <Heading as="h2" size="4" mb="2">
          Price alert on {props.symbol}
        </Heading>
        <Field label="Target price" id="alert-target" name="target" result={result} inputMode="decimal" placeholder={formatPrice(props.price)} />
        <Text as="p" size="1" color="gray" my="2">
          You get one alert when {props.symbol} crosses it, from whichever side it is on now.
        </Text>
        <Button type="submit" disabled={busy}>
          Set alert
        </Button>
      </form>
    </Card>
  );
}

export function PositionForm(props: { symbol: MarketSymbol; price: number }) {
  const router = useRouter();
  const [side, setSide] = useState<"LONG" | "SHORT">("LONG");
  const { result, busy, onSubmit } = useActionForm({
    schema: openPositionSchema,
    read: (data) => ({
      symbol: props.symbol,
      side,
      quantity: data.get("quantity"),
      takeProfit: data.get("takeProfit"),
      stopLoss: data.get("stopLoss"),
    }),
    action: openPositionAction,
    success: `Opened ${side.toLowerCase()} ${props.symbol}`,
    onDone: () => router.refresh(),
  });
  const field = (name: "quantity" | "takeProfit" | "stopLoss", label: string, hint: string) => (
    <Field label={label} id={`position-${name}`} name={name} result={result} inputMode="decimal" placeholder={hint} />
  );
  return (
    <Card asChild>
      <form onSubmit={onSubmit} aria-label="Open a position" noValidate>
        <Heading as="h2" size="4" mb="2">
          Open a {props.symbol} position at ${formatPrice(props.price)}
        </Heading>
        <SegmentedControl.Root value={side} onValueChange={(v) => setSide(v as "LONG" | "SHORT")} aria-label="Side" mb="2">
          <SegmentedControl.Item value="LONG">Long</SegmentedControl.Item>
          <SegmentedControl.Item value="SHORT">Short</SegmentedControl.Item>
        </SegmentedControl.Root>
        <div className="form-row">
          {field("quantity", "Quantity", "1")}
          {field("takeProfit", "Take profit (optional)", side === "LONG" ? "above entry" : "below entry")}
          {field("stopLoss", "Stop loss (optional)", side === "LONG" ? "below entry" : "above entry")}
        </div>
        {result && !result.ok && !result.error.issues && (
          <Text className="field-error" role="alert">
            {result.error.message}
          </Text>
        )}
        <Button type="submit" mt="3" disabled={busy}>
          Open position
        </Button>
      </form>
    </Card>
  );
}
