"use client";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import type { ReactNode } from "react";
import { Toaster } from "sonner";
import { RealtimeProvider } from "@/lib/client/realtime";
import { ConnectionIndicator } from "./connection-indicator";
import { MaintenanceBanner } from "./maintenance-banner";
import { navLinks } from "./nav-links";
import { NotificationBell } from "./notification-bell";
import { RealtimeToasts } from "./realtime-toasts";
import { SeenReporter } from "./seen-reporter";
import { SignOutButton } from "./sign-out-button";
import { UnreadCountProvider } from "./unread-count";

/** The signed-in frame (rendered once by the signed-in layout): one realtime connection for every page inside it. */
export function AppShell(props: {
  children: ReactNode;
  userId: string;
  userName: string;
  isAdmin?: boolean;
  initialCursor: string | null;
}) {
  const router = useRouter();
  const pathname = usePathname();
  return (
    <RealtimeProvider
      userId={props.userId}
      initialCursor={props.initialCursor}
      onResync={() => router.refresh()}
      onSessionEnded={() => router.replace("/signin")}
    >
      <UnreadCountProvider>
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
          <NotificationBell />
          <span className="who">{props.userName}</span>
          <SignOutButton />
        </header>
        <MaintenanceBanner />
        <main className="content">{props.children}</main>
        <RealtimeToasts />
        <SeenReporter />
        {/* Bottom corner: toasts never cover the header or a page's top actions. */}
        <Toaster position="bottom-right" theme="dark" richColors closeButton />
      </UnreadCountProvider>
    </RealtimeProvider>
  );
}
