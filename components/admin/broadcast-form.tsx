"use client";
import { Button, Card, Heading } from "@radix-ui/themes";
import type { ComponentProps, FormEvent, ReactNode } from "react";

/** The admin page's forms that send something to everyone: a titled card, its fields, one button. */
export function BroadcastForm(props: {
  title: string;
  label: string;
  submit: string;
  color?: ComponentProps<typeof Button>["color"];
  busy: boolean;
  onSubmit: (e: FormEvent<HTMLFormElement>) => void;
  children: ReactNode;
}) {
  return (
    <Card asChild>
      <form onSubmit={props.onSubmit} aria-label={props.label} noValidate style={{ display: "grid", gap: 10 }}>
        <Heading as="h2" size="4">
          {props.title}
        </Heading>
        {props.children}
        <Button type="submit" color={props.color} disabled={props.busy}>
          {props.submit}
        </Button>
      </form>
    </Card>
  );
}
