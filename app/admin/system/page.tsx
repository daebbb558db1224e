import { SystemView } from "@/components/admin/system-view";
import { requireAdminPage } from "@/lib/auth/viewer";
import { systemStatsHistory } from "@/lib/domain/system/live-stats";

export const metadata = { title: "System · Herald" };

export default async function SystemPage() {
  // The admin layout draws the frame; the page still checks the role (layouts are not re-run on navigation).
  await requireAdminPage();
  return <SystemView initial={systemStatsHistory()} />;
}
