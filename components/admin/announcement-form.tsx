"use client";
import { Button, Card, Heading } from "@radix-ui/themes";
import { announceFeatureAction } from "@/app/(app)/admin/actions";
import { Field, useActionForm } from "@/components/action-feedback";
import { announcementSchema } from "@/lib/validations/admin";

export function AnnouncementForm() {
  const { result, busy, onSubmit } = useActionForm({
    schema: announcementSchema,
    read: (data) => ({ message: String(data.get("message") ?? ""), pairs: String(data.get("pairs") ?? "") }),
    action: announceFeatureAction,
    success: "Announcement posted",
  });

  return (
    <Card asChild>
      <form onSubmit={onSubmit} aria-label="Post an announcement" noValidate style={{ display: "grid", gap: 10 }}>
        <Heading as="h2" size="4">
          Feature announcement
        </Heading>
        <Field label="Announcement" id="announcement-message" name="message" result={result} placeholder="New trading pairs available!" />
        <Field label="Trading pairs (optional, comma-separated)" id="announcement-pairs" name="pairs" result={result} placeholder="BONK/USDT, WIF/SOL" />
        <Button type="submit" disabled={busy}>
          Post announcement
        </Button>
      </form>
    </Card>
  );
}
