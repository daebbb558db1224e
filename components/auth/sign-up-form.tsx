"use client";
import { Button, Flex, Heading, Text } from "@radix-ui/themes";
import Link from "next/link";
import { useState, useSyncExternalStore } from "react";
import { signUpAction } from "@/app/signup/actions";
import { Field, useActionForm } from "@/components/action-feedback";
import { signUpSchema } from "@/lib/validations/auth";
import { FormProblem } from "./form-problem";

const text = (form: FormData, name: string) => String(form.get(name) ?? "");
const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
const unchanging = () => () => {};

export function SignUpForm() {
  const [sentTo, setSentTo] = useState<string | null>(null);
  // The browser knows its time zone; the server does not, and renders the field empty.
  const detectedZone = useSyncExternalStore(unchanging, browserTimeZone, () => "");
  const [typedZone, setZone] = useState<string | null>(null);
  const zone = typedZone ?? detectedZone;
  const { result, busy, onSubmit } = useActionForm({
    schema: signUpSchema,
    read: (form) => ({
      name: text(form, "name"),
      email: text(form, "email"),
      password: text(form, "password"),
      phone: text(form, "phone"),
      timeZone: text(form, "timeZone"),
    }),
    action: signUpAction,
    onDone: (data) => setSentTo(data.email),
  });

  if (sentTo) {
    return (
      <div className="card form" data-testid="signup-sent">
        <h1>Check your inbox</h1>
        <p>
          We sent a link to <strong>{sentTo}</strong>. Open it to confirm your address, then sign in. The link works once and
          expires in 24 hours.
        </p>
        <p className="hint">
          Nothing arrived? Look in spam, or <Link href="/signin">sign in</Link> to have it sent again.
        </p>
      </div>
    );
  }

  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-label="Sign up">
      <Heading as="h1" size="6">
        Create your Herald account
      </Heading>
      <Field label="Name" name="name" id="signup-name" result={result} autoComplete="name" required />
      <Field label="Email" name="email" id="signup-email" result={result} type="email" autoComplete="email" required />
      <Field label="Password" name="password" id="signup-password" result={result} type="password" autoComplete="new-password" required />
      <Text size="1" color="gray">
        At least 8 characters.
      </Text>
      <Field label="Phone for SMS alerts (optional)" name="phone" id="signup-phone" result={result} type="tel" autoComplete="tel" placeholder="+15551234567" />
      <Field label="Time zone" name="timeZone" id="signup-timezone" result={result} value={zone} onChange={(e) => setZone(e.target.value)} placeholder="Europe/Paris" />
      <FormProblem result={result} />
      <Flex gap="3" align="center" justify="between" wrap="wrap">
        <Button type="submit" disabled={busy}>
          {busy ? "Creating…" : "Create account"}
        </Button>
        <Text size="2">
          Have an account? <Link href="/signin">Sign in</Link>
        </Text>
      </Flex>
    </form>
  );
}
