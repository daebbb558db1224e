"use client";
import { useEffect, useState } from "react";
import { announceMaintenanceAction } from "@/app/(app)/admin/actions";
import { Field, useActionForm } from "@/components/action-feedback";
import { maintenanceSchema } from "@/lib/validations/admin";
import { BroadcastForm } from "./broadcast-form";

/** `datetime-local` wants local time without a zone. */
function localInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function MaintenanceForm() {
  const [startsAt, setStartsAt] = useState("");
  // Set after mount: the server knows neither the admin's clock nor their time zone, so the server
  // render and hydration leave the field empty and this fills it in once.
  // eslint-disable-next-line react-hooks/set-state-in-effect -- a browser-only default, set once after hydration
  useEffect(() => setStartsAt(localInputValue(new Date(Date.now() + 10 * 60_000))), []);
  const { result, busy, onSubmit } = useActionForm({
    schema: maintenanceSchema,
    read: (data) => {
      const local = new Date(String(data.get("startsAt")));
      return {
        message: data.get("message"),
        startsAt: Number.isNaN(local.getTime()) ? "" : local.toISOString(),
        durationMinutes: data.get("durationMinutes"),
      };
    },
    action: announceMaintenanceAction,
    success: "Maintenance notice sent to everyone",
  });

  return (
    <BroadcastForm title="Broadcast maintenance" label="Broadcast maintenance" submit="Broadcast maintenance notice" color="amber" busy={busy} onSubmit={onSubmit}>
      <Field label="Notice" id="maintenance-message" name="message" result={result} defaultValue="Scheduled maintenance: trading pauses briefly" />
      <Field
        label="Starts at (your local time)"
        id="maintenance-start"
        name="startsAt"
        result={result}
        type="datetime-local"
        value={startsAt}
        onChange={(e) => setStartsAt(e.target.value)}
      />
      <Field label="Duration (minutes)" id="maintenance-duration" name="durationMinutes" result={result} type="number" min={1} max={1440} defaultValue="30" />
    </BroadcastForm>
  );
}
