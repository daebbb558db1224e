import Link from "next/link";
import { NotificationList } from "@/components/notification-list";
import { PageEvents } from "@/lib/client/page-events";
import { listInbox } from "@/lib/domain/notifications/list-inbox";
import { inboxCursorSchema } from "@/lib/validations/notifications";
import { signedIn } from "../signed-in";

export const metadata = { title: "Notifications · Herald" };

export default async function NotificationsPage(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { user, cursor } = await signedIn();
  const query = inboxCursorSchema.safeParse(await props.searchParams);
  const before = query.success && query.data.before ? BigInt(query.data.before) : null;
  const page = await listInbox(user.id, { before });
  return (
    <PageEvents since={cursor}>
      <h1>Notifications</h1>
      {!query.success && <p className="error" role="alert">That page link is not valid; showing the newest notifications.</p>}
      <NotificationList items={page.items} live={before === null} />
      <nav className="pager" aria-label="Notification pages">
        {before !== null && <Link href="/notifications">← Newest</Link>}
        {page.nextBefore && <Link href={`/notifications?before=${page.nextBefore}`}>Older →</Link>}
      </nav>
    </PageEvents>
  );
}
