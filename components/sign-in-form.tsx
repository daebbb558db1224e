"use client";
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { resendVerificationAction } from "@/app/signin/actions";
import { parseSignInError, signInErrorMessage, type SignInProblem } from "@/lib/auth/sign-in-errors";
import { signInSchema } from "@/lib/validations/auth";

export function SignInForm(props: { demo: boolean; notice: { tone: "good" | "bad"; text: string } | null; error: string | null }) {
  const router = useRouter();
  // A sign-in posted without JavaScript comes back as ?error=<code>.
  const [problem, setProblem] = useState<SignInProblem | null>(parseSignInError(props.error));
  const [invalid, setInvalid] = useState<string | null>(null);
  const [email, setEmail] = useState(props.demo ? "bob@herald.test" : "");
  const [pending, setPending] = useState(false);
  const [resent, setResent] = useState<string | null>(null);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const parsed = signInSchema.safeParse({ email: form.get("email"), password: form.get("password") });
    setResent(null);
    if (!parsed.success) {
      setProblem(null);
      setInvalid(parsed.error.issues[0]?.message ?? "Check the form");
      return;
    }
    setPending(true);
    setInvalid(null);
    setProblem(null);
    const result = await signIn("credentials", { ...parsed.data, redirect: false });
    setPending(false);
    if (!result || result.error) {
      setProblem(parseSignInError(result?.error ?? "unavailable"));
      return;
    }
    router.replace("/dashboard");
    router.refresh();
  }

  async function resend() {
    const result = await resendVerificationAction({ email }).catch(() => null);
    setResent(result?.ok ? `If ${email} is waiting to be confirmed, a new link is on its way.` : (result?.error.message ?? "Could not reach the server; try again"));
  }

  const message = invalid ?? (problem && signInErrorMessage(problem));
  return (
    <form className="card form" onSubmit={onSubmit} noValidate>
      <h1>Sign in to Herald</h1>
      {props.notice && (
        <p className={props.notice.tone === "good" ? "notice" : "error"} role="status">
          {props.notice.text}
        </p>
      )}
      <label>
        Email
        <input name="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      {message && (
        <p className="error" role="alert">
          {message}
        </p>
      )}
      {problem?.kind === "email_unverified" && (
        <p className="hint">
          <button type="button" className="button secondary" onClick={resend}>
            Send a new link
          </button>{" "}
          {resent}
        </p>
      )}
      <button className="button" type="submit" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
      <p className="hint">
        <Link href="/signup">Create an account</Link> · <Link href="/forgot-password">Forgot your password?</Link>
      </p>
      {props.demo && (
        <p className="hint">
          Demo users: alice@herald.test (admin), bob@herald.test, carol@herald.test — password <code>herald-demo</code>{" "}
          unless HERALD_DEMO_PASSWORD is set.
        </p>
      )}
    </form>
  );
}
