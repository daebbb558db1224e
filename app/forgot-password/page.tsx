import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";

export const metadata = { title: "Forgot password · Herald" };

export default function ForgotPasswordPage() {
  return (
    <main className="center">
      <ForgotPasswordForm />
    </main>
  );
}
