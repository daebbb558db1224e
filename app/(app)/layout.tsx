import type { ReactNode } from "react";
import { AppShell } from "@/components/app-shell";
import { signedIn } from "./signed-in";

// The one signed-in frame: the header, the toasts and the realtime connection live here, so they
// survive navigation between the pages under it (each page renders only its content).
export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const { user, cursor } = await signedIn();
  return (
    <AppShell userId={user.id} userName={user.name ?? user.email ?? "you"} isAdmin={user.role === "ADMIN"} initialCursor={cursor}>
      {children}
    </AppShell>
  );
}
