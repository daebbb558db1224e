import { redirect } from "next/navigation";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { getViewer } from "@/lib/auth/viewer";

export const metadata = { title: "Sign up · Herald" };

export default async function SignUpPage() {
  if (await getViewer()) redirect("/dashboard");
  return (
    <main className="center">
      <SignUpForm />
    </main>
  );
}
