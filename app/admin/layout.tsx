import type { ReactNode } from "react";
import { AdminNav } from "@/components/admin/admin-nav";
import { AppShell } from "@/components/app-shell";
import { requireAdminPage } from "@/lib/auth/viewer";
import { latestEventId } from "@/lib/realtime/replay";

// The admin area's frame (add a page's entry to `adminLinks`). Pages under /admin render only
// their content, and each still calls requireAdminPage() itself: a layout is not re-run on every
// navigation.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await requireAdminPage();
  return (
    <AppShell userName={user.name ?? user.email ?? "admin"} isAdmin initialCursor={await latestEventId()}>
      <AdminNav />
      {children}
    </AppShell>
  );
}
