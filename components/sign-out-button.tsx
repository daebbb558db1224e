"use client";
import { signOut } from "next-auth/react";
import { useRealtime } from "@/lib/client/realtime";

export function SignOutButton() {
  const { endSession } = useRealtime();
  return (
    <button
      type="button"
      className="button secondary"
      onClick={async () => {
        endSession();
        await signOut({ callbackUrl: "/signin" });
      }}
    >
      Sign out
    </button>
  );
}
