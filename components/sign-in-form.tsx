"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { signInSchema } from "@/lib/validations/auth";

export function SignInForm(props: { demo: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const parsed = signInSchema.safeParse({ email: form.get("email"), password: form.get("password") });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? "Check the form");
      return;
    }
    setPending(true);
    setError(null);
    const result = await signIn("credentials", { ...parsed.data, redirect: false });
    setPending(false);
    if (!result || result.error) {
      setError("Wrong email or password");
      return;
    }
    router.replace("/dashboard");
    router.refresh();
  }

  return (
    <form className="card form" onSubmit={onSubmit} noValidate>
      <h1>Sign in to Herald</h1>
      <label>
        Email
        <input name="email" type="email" autoComplete="username" required defaultValue={props.demo ? "bob@herald.test" : ""} />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button className="button" type="submit" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
      {props.demo && (
        <p className="hint">
          Demo users: alice@herald.test (admin), bob@herald.test, carol@herald.test — password <code>herald-demo</code>{" "}
          unless HERALD_DEMO_PASSWORD is set.
        </p>
      )}
    </form>
  );
}
