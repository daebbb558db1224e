import { TradingDesk } from "@/components/trading/trading-desk";
import { PageEvents } from "@/lib/client/page-events";
import { getTradingOverview } from "@/lib/domain/trading/get-trading-overview";
import { signedIn } from "../signed-in";

export const metadata = { title: "Trading · Herald" };

export default async function TradingPage() {
  const { user, cursor } = await signedIn();
  const overview = await getTradingOverview(user.id);
  return (
    <PageEvents since={cursor}>
      <TradingDesk overview={overview} />
    </PageEvents>
  );
}
