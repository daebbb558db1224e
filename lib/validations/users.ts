// The provisioning API's inputs (PUT /api/v1/users/:externalId and its devices), built from the
// same field schemas as sign-up and settings.
import { z } from "zod";
import { HeraldError } from "@/lib/errors";
import { emailSchema } from "./auth";
import { registerDeviceSchema, phoneSchema, preferencesSchema, timeZoneSchema } from "./settings";

/** No "@": in the trigger API's `to`, a name with "@" is an email address. */
export const externalIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, "must be 1-128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit");

export const provisionUserSchema = z.strictObject({
  email: emailSchema,
  /** Defaults to the part of the email before "@" for a new user; unchanged when omitted. */
  name: z.string().trim().min(1, "must not be empty").max(100).optional(),
  /** E.164; null (or "") removes it; unchanged when omitted. */
  phone: phoneSchema.optional().meta({ description: 'E.164, e.g. +15551234567; null (or "") removes it' }),
  timeZone: timeZoneSchema.optional().meta({ description: "An IANA time zone, e.g. Europe/Paris (quiet hours are in it)" }),
  /** Channel choices per category, as on the settings page; others stay as they are. */
  preferences: preferencesSchema.shape.preferences.optional(),
});
export type ProvisionUserInput = z.output<typeof provisionUserSchema>;

export const addDeviceSchema = z.strictObject({
  token: registerDeviceSchema.shape.token,
  label: registerDeviceSchema.shape.label.default("Push device"),
});

export const removeDeviceByTokenSchema = z.strictObject({ token: registerDeviceSchema.shape.token });

/** The `:externalId` of a provisioning URL, or a 400 naming it. */
export function externalIdOf(params: Record<string, string | string[] | undefined>): string {
  const parsed = externalIdSchema.safeParse(params.externalId);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? "invalid";
    throw new HeraldError("invalid_request", `Invalid externalId: ${message}`, { issues: [{ path: "externalId", message }] });
  }
  return parsed.data;
}
