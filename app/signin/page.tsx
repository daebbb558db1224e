import { redirect } from "next/navigation";
import { SignInForm } from "@/components/sign-in-form";
import { currentUser } from "@/lib/auth/viewer";
import { env } from "@/lib/env";

export const metadata = { title: "Sign in · Herald" };

export default async function SignInPage() {
  if (await currentUser()) redirect("/dashboard");
  return (
    <main className="center">
      <SignInForm demo={env().HERALD_DEMO} />
    </main>
  );
}
