"use client";
import { Button, Heading, Text } from "@radix-ui/themes";
import { useRouter } from "next/navigation";
import { resetPasswordAction } from "@/app/reset-password/actions";
import { Field, useActionForm } from "@/components/action-feedback";
import { resetPasswordSchema } from "@/lib/validations/auth";
import { FormProblem } from "./form-problem";

export function ResetPasswordForm({ token }: { token: string }) {
  const router = useRouter();
  const { result, busy, onSubmit } = useActionForm({
    schema: resetPasswordSchema,
    read: (form) => ({ token, password: String(form.get("password") ?? "") }),
    action: resetPasswordAction,
    onDone: () => router.replace("/signin?reset=1"),
  });
  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-label="Choose a new password">
      <Heading as="h1" size="6">
        Choose a new password
      </Heading>
      <Field label="New password" name="password" id="reset-password" result={result} type="password" autoComplete="new-password" required />
      <Text size="1" color="gray">
        At least 8 characters. Every other session of your account will be signed out.
      </Text>
      <FormProblem result={result} />
      <Button type="submit" disabled={busy}>
        Set new password
      </Button>
    </form>
  );
}
