import Link from "next/link";
import { connection } from "next/server";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { isAccountTokenValid } from "@/lib/auth/account-tokens";
import { accountTokenSchema } from "@/lib/validations/auth";

export const metadata = { title: "Reset password · Herald" };

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  await connection();
  const token = accountTokenSchema.safeParse((await searchParams).token);
  // Checked, not used: only setting the new password uses the link up.
  if (!token.success || !(await isAccountTokenValid(token.data, "reset_password"))) {
    return (
      <main className="center">
        <div className="card form" role="alert">
          <h1>This link no longer works</h1>
          <p>Reset links work once and expire after an hour.</p>
          <p>
            <Link href="/forgot-password">Ask for a new one</Link>
          </p>
        </div>
      </main>
    );
  }
  return (
    <main className="center">
      <ResetPasswordForm token={token.data} />
    </main>
  );
}
