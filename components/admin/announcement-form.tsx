"use client";
import { Button, Card, Heading, TextField } from "@radix-ui/themes";
import { useState, type FormEvent } from "react";
import { announceFeatureAction } from "@/app/admin/actions";
import { FieldError, invalidInput, withFeedback } from "@/components/action-feedback";
import type { ActionResult } from "@/lib/actions/result";
import { announcementSchema } from "@/lib/validations/admin";

export function AnnouncementForm() {
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const input = { message: String(data.get("message") ?? ""), pairs: String(data.get("pairs") ?? "") };
    const parsed = announcementSchema.safeParse(input);
    if (!parsed.success) return setResult(invalidInput(parsed.error));
    setBusy(true);
    const r = await withFeedback(announceFeatureAction(input), "Announcement posted");
    setBusy(false);
    setResult(r);
    if (r.ok) form.reset();
  }

  return (
    <Card asChild>
      <form onSubmit={onSubmit} aria-label="Post an announcement" noValidate style={{ display: "grid", gap: 10 }}>
        <Heading as="h2" size="4">
          Feature announcement
        </Heading>
        <label htmlFor="announcement-message">
          Announcement
          <TextField.Root id="announcement-message" name="message" placeholder="New trading pairs available!" />
          <FieldError result={result} name="message" />
        </label>
        <label htmlFor="announcement-pairs">
          Trading pairs (optional, comma-separated)
          <TextField.Root id="announcement-pairs" name="pairs" placeholder="BONK/USDT, WIF/SOL" />
          <FieldError result={result} name="pairs" />
        </label>
        <Button type="submit" disabled={busy}>
          Post announcement
        </Button>
      </form>
    </Card>
  );
}
