"use client";
import { announceFeatureAction } from "@/app/(app)/admin/actions";
import { Field, useActionForm } from "@/components/action-feedback";
import { announcementSchema } from "@/lib/validations/admin";
import { BroadcastForm } from "./broadcast-form";

export function AnnouncementForm() {
  const { result, busy, onSubmit } = useActionForm({
    schema: announcementSchema,
    read: (data) => ({ message: String(data.get("message") ?? ""), pairs: String(data.get("pairs") ?? "") }),
    action: announceFeatureAction,
    success: "Announcement posted",
  });

  return (
    <BroadcastForm title="Feature announcement" label="Post an announcement" submit="Post announcement" busy={busy} onSubmit={onSubmit}>
      <Field label="Announcement" id="announcement-message" name="message" result={result} placeholder="New trading pairs available!" />
      <Field label="Trading pairs (optional, comma-separated)" id="announcement-pairs" name="pairs" result={result} placeholder="BONK/USDT, WIF/SOL" />
    </BroadcastForm>
  );
}
