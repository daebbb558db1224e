import Link from "next/link";
import type { ReactNode } from "react";
import { AppShell } from "@/components/app-shell";
import { adminLinks } from "@/components/admin/admin-links";
import { requireAdminPage } from "@/lib/auth/viewer";
import { latestEventId } from "@/lib/realtime/replay";

// The admin area's frame. Pages under /admin render only their content, and each still calls
// requireAdminPage() itself: a layout is not re-run on every navigation.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await requireAdminPage();
  return (
    <AppShell userName={user.name ?? user.email ?? "admin"} isAdmin initialCursor={await latestEventId()}>
      <nav className="nav" aria-label="Admin">
        {adminLinks.map((l) => (
          <Link key={l.href} href={l.href}>
            {l.label}
          </Link>
        ))}
      </nav>
      {children}
    </AppShell>
  );
}
