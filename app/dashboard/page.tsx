import { Card, Heading } from "@radix-ui/themes";
import { AppShell } from "@/components/app-shell";
import { DashboardOverview } from "@/components/dashboard-overview";
import { EventFeed } from "@/components/event-feed";
import { requireUserPage } from "@/lib/auth/viewer";
import { countUnread } from "@/lib/domain/notifications/count-unread";
import { listInbox } from "@/lib/domain/notifications/list-inbox";
import { latestEventId } from "@/lib/realtime/replay";

export const metadata = { title: "Dashboard · Herald" };

export default async function DashboardPage(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUserPage();
  // The cursor is read before the data: whatever is stored after it arrives on the stream.
  const initialCursor = await latestEventId();
  const [recent, unread, query] = await Promise.all([listInbox(user.id, { limit: 5 }), countUnread(user.id), props.searchParams]);
  return (
    <AppShell userName={user.name ?? user.email ?? "you"} isAdmin={user.role === "ADMIN"} initialCursor={initialCursor}>
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
    </AppShell>
  );
}
