"use client";
import { Button, Card, Heading, Text, TextField } from "@radix-ui/themes";
import { useState, type FormEvent } from "react";
import { announceFeatureAction } from "@/app/admin/actions";
import { fieldError, withFeedback } from "@/components/action-feedback";
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
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0])] ??= []).push(issue.message);
      setResult({ ok: false, error: { code: "invalid_request", message: "Check the form", fieldErrors } });
      return;
    }
    setBusy(true);
    const r = await withFeedback(announceFeatureAction(input), "Announcement posted");
    setBusy(false);
    setResult(r);
    if (r.ok) form.reset();
  }

  const error = (name: string) => {
    const message = fieldError(result, name);
    return message ? (
      <Text className="field-error" role="alert">
        {message}
      </Text>
    ) : null;
  };
  return (
    <Card asChild>
      <form onSubmit={onSubmit} aria-label="Post an announcement" noValidate style={{ display: "grid", gap: 10 }}>
        <Heading as="h2" size="4">
          Feature announcement
        </Heading>
        <label htmlFor="announcement-message">
          Announcement
          <TextField.Root id="announcement-message" name="message" placeholder="New trading pairs available!" />
          {error("message")}
        </label>
        <label htmlFor="announcement-pairs">
          Trading pairs (optional, comma-separated)
          <TextField.Root id="announcement-pairs" name="pairs" placeholder="BONK/USDT, WIF/SOL" />
          {error("pairs")}
        </label>
        <Button type="submit" disabled={busy}>
          Post announcement
        </Button>
      </form>
    </Card>
  );
}
