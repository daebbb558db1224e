import { AppShell } from "@/components/app-shell";
import { EventFeed } from "@/components/event-feed";
import { requireUserPage } from "@/lib/auth/viewer";
import { latestEventId } from "@/lib/realtime/replay";

export const metadata = { title: "Dashboard · Herald" };

export default async function DashboardPage() {
  const user = await requireUserPage();
  return (
    <AppShell userName={user.name ?? user.email ?? "you"} isAdmin={user.role === "ADMIN"} initialCursor={await latestEventId()}>
      <h1>Hello, {user.name}</h1>
      <section className="card">
        <h2>Live events</h2>
        <EventFeed />
      </section>
    </AppShell>
  );
}
