import { SystemView } from "@/components/admin/system-view";
import { signedInAdmin } from "@/app/(app)/signed-in";
import { systemStatsHistory } from "@/lib/domain/system/live-stats";

export const metadata = { title: "System · Herald" };

export default async function SystemPage() {
  // The admin layout draws the frame; the page still checks the role (layouts are not re-run on navigation).
  await signedInAdmin();
  return <SystemView initial={systemStatsHistory()} />;
}
