import { Card, Heading } from "@radix-ui/themes";
import { DashboardOverview } from "@/components/dashboard-overview";
import { EventFeed } from "@/components/event-feed";
import { PageEvents } from "@/lib/client/page-events";
import { countUnread } from "@/lib/domain/notifications/count-unread";
import { listInbox } from "@/lib/domain/notifications/list-inbox";
import { signedIn } from "../signed-in";

export const metadata = { title: "Dashboard · Herald" };

export default async function DashboardPage(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { user, cursor } = await signedIn();
  const [recent, unread, query] = await Promise.all([listInbox(user.id, { limit: 5 }), countUnread(user.id), props.searchParams]);
  return (
    <PageEvents since={cursor}>
      <h1>Hello, {user.name}</h1>
      {query.denied === "admin" && (
        <p className="error" role="alert">
          That page is for admins only.
        </p>
      )}
      <DashboardOverview recent={recent.items} unread={unread} isAdmin={user.role === "ADMIN"} />
      <Card size="2" my="4" asChild>
        <section aria-labelledby="live-heading">
          <Heading size="3" mb="2" id="live-heading">
            Live events on this page
          </Heading>
          <EventFeed />
        </section>
      </Card>
    </PageEvents>
  );
}
