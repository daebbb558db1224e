import { redirect } from "next/navigation";
import { SignInForm } from "@/components/sign-in-form";
import { getViewer } from "@/lib/auth/viewer";
import { env } from "@/lib/env";

export const metadata = { title: "Sign in · Herald" };

type Search = { error?: string; verified?: string; reset?: string };

/** What the page says above the form after a verification link, a password reset or a refused sign-in. */
function noticeOf(search: Search): { tone: "good" | "bad"; text: string } | null {
  if (search.verified === "1") return { tone: "good", text: "Your email address is confirmed: sign in." };
  if (search.verified === "0") return { tone: "bad", text: "That confirmation link has expired or was already used. Sign in to have a new one sent." };
  if (search.reset === "1") return { tone: "good", text: "Your password is changed: sign in with the new one." };
  return null;
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Search> }) {
  if (await getViewer()) redirect("/dashboard");
  const search = await searchParams;
  return (
    <main className="center">
      <SignInForm demo={env().HERALD_DEMO} notice={noticeOf(search)} error={search.error ?? null} />
    </main>
  );
}
