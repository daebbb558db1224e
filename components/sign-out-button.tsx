"use client";
import { signOut } from "next-auth/react";
import { useRealtime } from "@/lib/client/realtime";

export function SignOutButton() {
  const { disconnect } = useRealtime();
  return (
    <button
      type="button"
      className="button secondary"
      onClick={async () => {
        disconnect();
        await signOut({ callbackUrl: "/signin" });
      }}
    >
      Sign out
    </button>
  );
}
