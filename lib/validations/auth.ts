// Inputs of signing in, signing up and the account links, shared by the forms and the server.
import { z } from "zod";
import { phoneSchema, timeZoneSchema } from "./settings";

export const emailSchema = z.email("Enter a valid email address").max(254);

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password").max(200),
});
export type SignInInput = z.infer<typeof signInSchema>;

export const newPasswordSchema = z.string().min(8, "Use at least 8 characters").max(200, "Use at most 200 characters");

export const signUpSchema = z.object({
  name: z.string().trim().min(1, "Enter your name").max(100, "Use at most 100 characters"),
  email: emailSchema,
  password: newPasswordSchema,
  /** Optional, as in settings: where high-priority alerts go by SMS. */
  phone: phoneSchema.optional().transform((v) => v ?? null),
  /** Optional: the form fills in the browser's zone; UTC without one. */
  timeZone: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), timeZoneSchema.optional()).transform((v) => v ?? "UTC"),
});

export const emailRequestSchema = z.object({ email: emailSchema });

/** A token from an account link: 32 random bytes, base64url. */
export const accountTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "This link is incomplete: open it from the email again");

export const resetPasswordSchema = z.object({ token: accountTokenSchema, password: newPasswordSchema });
