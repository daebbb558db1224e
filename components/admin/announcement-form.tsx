"use client";
import { Button, Card, Heading, TextField } from "@radix-ui/themes";
import { announceFeatureAction } from "@/app/admin/actions";
import { FieldError, useActionForm } from "@/components/action-feedback";
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
