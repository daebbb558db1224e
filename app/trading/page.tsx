import { AppShell } from "@/components/app-shell";
import { TradingDesk } from "@/components/trading/trading-desk";
import { requireUserPage } from "@/lib/auth/viewer";
import { getTradingOverview } from "@/lib/domain/trading/get-trading-overview";
import { latestEventId } from "@/lib/realtime/replay";

export const metadata = { title: "Trading · Herald" };

export default async function TradingPage() {
  const user = await requireUserPage();
  const [overview, cursor] = await Promise.all([getTradingOverview(user.id), latestEventId()]);
  return (
    <AppShell userName={user.name ?? user.email ?? "you"} isAdmin={user.role === "ADMIN"} initialCursor={cursor}>
      <TradingDesk overview={overview} />
    </AppShell>
  );
}
