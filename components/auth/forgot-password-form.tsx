"use client";
import { Button, Flex, Heading, Text } from "@radix-ui/themes";
import Link from "next/link";
import { useState } from "react";
import { requestPasswordResetAction } from "@/app/forgot-password/actions";
import { Field, useActionForm } from "@/components/action-feedback";
import { emailRequestSchema } from "@/lib/validations/auth";
import { FormProblem } from "./form-problem";

export function ForgotPasswordForm() {
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [email, setEmail] = useState("");
  const { result, busy, onSubmit } = useActionForm({
    schema: emailRequestSchema,
    read: (form) => ({ email: String(form.get("email") ?? "") }),
    action: requestPasswordResetAction,
    onDone: () => setSentTo(email),
  });
  if (sentTo) {
    return (
      <div className="card form" data-testid="reset-sent">
        <h1>Check your inbox</h1>
        <p>
          If <strong>{sentTo}</strong> has a Herald account, a link to choose a new password is on its way. It works once and
          expires in 1 hour.
        </p>
        <p className="hint">
          <Link href="/signin">Back to sign in</Link>
        </p>
      </div>
    );
  }
  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-label="Forgot password">
      <Heading as="h1" size="6">
        Forgot your password?
      </Heading>
      <Text size="2" color="gray">
        We will email you a link to choose a new one.
      </Text>
      <Field label="Email" name="email" id="forgot-email" result={result} type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
      <FormProblem result={result} />
      <Flex gap="3" align="center" justify="between">
        <Button type="submit" disabled={busy}>
          Send the link
        </Button>
        <Link href="/signin">Back to sign in</Link>
      </Flex>
    </form>
  );
}
