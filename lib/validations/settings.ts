// The settings page's inputs, shared by its forms and its server actions.
import { z } from "zod";
import { categories, offlineChannels } from "@/lib/events/definition";
import { isTimeZone } from "@/lib/time-zone";

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "use HH:MM (24-hour)");
const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : typeof v === "string" ? v.trim() : v);

/** A phone number for SMS, E.164; blank means none (null). Shared by settings, sign-up and provisioning. */
export const phoneSchema = z.preprocess(blankToNull, z.string().regex(/^\+[1-9]\d{6,14}$/, "use international format, e.g. +15551234567").nullable());
/** An IANA time zone, e.g. Europe/Paris. */
export const timeZoneSchema = z.string().trim().refine(isTimeZone, "unknown time zone (e.g. Europe/Paris)");

export const contactSchema = z
  .object({
    phone: phoneSchema,
    email: z.preprocess(blankToNull, z.email("enter a valid email address").max(254).nullable()),
    timeZone: timeZoneSchema,
    quietStart: z.preprocess(blankToNull, hhmm.nullable()),
    quietEnd: z.preprocess(blankToNull, hhmm.nullable()),
  })
  .refine((v) => (v.quietStart === null) === (v.quietEnd === null), {
    path: ["quietEnd"],
    message: "set both ends of quiet hours, or neither",
  });

export const preferencesSchema = z.object({
  /** Every category × offline channel; false turns that channel off for that category. */
  preferences: z.array(z.object({ category: z.enum(categories), channel: z.enum(offlineChannels), enabled: z.boolean() })).max(categories.length * offlineChannels.length),
});

export const registerDeviceSchema = z.object({
  token: z.string().trim().min(8, "a registration token is longer than that").max(4096).regex(/^[\x21-\x7e]+$/, "no spaces"),
  label: z.string().trim().min(1, "name this device").max(60),
});

export const removeDeviceSchema = z.object({ id: z.uuid() });

/** "Sign out" of one of your sessions on the settings page. */
export const endSessionSchema = z.object({ id: z.uuid("Unknown session") });
