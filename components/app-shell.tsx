"use client";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import type { ReactNode } from "react";
import { Toaster } from "sonner";
import { RealtimeProvider } from "@/lib/client/realtime";
import { ConnectionIndicator } from "./connection-indicator";
import { MaintenanceBanner } from "./maintenance-banner";
import { navLinks } from "./nav-links";
import { RealtimeToasts } from "./realtime-toasts";
import { SignOutButton } from "./sign-out-button";

/** The signed-in frame: one realtime connection for everything inside it. */
export function AppShell(props: {
  children: ReactNode;
  userName: string;
  isAdmin?: boolean;
  initialCursor: string | null;
}) {
  const router = useRouter();
  const pathname = usePathname();
  return (
    <RealtimeProvider
      initialCursor={props.initialCursor}
      onResync={() => router.refresh()}
      onUnauthorized={() => router.replace("/signin")}
    >
      <header className="topbar">
        <span className="brand">Herald</span>
        <ConnectionIndicator />
        <nav className="nav" aria-label="Main">
          {navLinks
            .filter((l) => !l.admin || props.isAdmin)
            .map((l) => (
              <Link key={l.href} href={l.href} aria-current={pathname === l.href ? "page" : undefined}>
                {l.label}
              </Link>
            ))}
        </nav>
        <span className="spacer" />
        <span className="who">{props.userName}</span>
        <SignOutButton />
      </header>
      <MaintenanceBanner />
      <main className="content">{props.children}</main>
      <RealtimeToasts />
      <Toaster position="top-right" theme="dark" richColors closeButton offset={{ top: 72, right: 16 }} />
    </RealtimeProvider>
  );
}
