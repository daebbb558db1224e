import Link from "next/link";
import { AppShell } from "@/components/app-shell";
import { NotificationList } from "@/components/notification-list";
import { requireUserPage } from "@/lib/auth/viewer";
import { listInbox } from "@/lib/domain/notifications/list-inbox";
import { latestEventId } from "@/lib/realtime/replay";
import { inboxCursorSchema } from "@/lib/validations/notifications";

export const metadata = { title: "Notifications · Herald" };

export default async function NotificationsPage(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUserPage();
  const query = inboxCursorSchema.safeParse(await props.searchParams);
  const before = query.success && query.data.before ? BigInt(query.data.before) : null;
  const initialCursor = await latestEventId();
  const page = await listInbox(user.id, { before });
  return (
    <AppShell userName={user.name ?? user.email ?? "you"} isAdmin={user.role === "ADMIN"} initialCursor={initialCursor}>
      <h1>Notifications</h1>
      {!query.success && <p className="error" role="alert">That page link is not valid; showing the newest notifications.</p>}
      <NotificationList items={page.items} live={before === null} />
      <nav className="pager" aria-label="Notification pages">
        {before !== null && <Link href="/notifications">← Newest</Link>}
        {page.nextBefore && <Link href={`/notifications?before=${page.nextBefore}`}>Older →</Link>}
      </nav>
    </AppShell>
  );
}
