import { AppShell } from "@/components/app-shell";
import { ActivityFeed } from "@/components/social/activity-feed";
import { ChatRooms } from "@/components/social/chat-rooms";
import { FriendsPanel } from "@/components/social/friends-panel";
import { requireUserPage } from "@/lib/auth/viewer";
import { listActivityFeed } from "@/lib/domain/social/list-activity-feed";
import { listChatRooms } from "@/lib/domain/social/list-chat-rooms";
import { listFriends } from "@/lib/domain/social/list-friends";
import { latestEventId } from "@/lib/realtime/replay";

export const metadata = { title: "Social · Herald" };

export default async function SocialPage() {
  const user = await requireUserPage();
  // The cursor is read first: anything stored after it arrives on the stream, so nothing is missed.
  const initialCursor = await latestEventId();
  const [friends, feed, rooms] = await Promise.all([listFriends(user.id), listActivityFeed(user.id), listChatRooms(user.id)]);
  return (
    <AppShell userName={user.name ?? user.email ?? "you"} isAdmin={user.role === "ADMIN"} initialCursor={initialCursor}>
      <h1>Social</h1>
      <ChatRooms rooms={rooms} me={user.id} />
      <div className="grid">
        <FriendsPanel view={friends} />
        <ActivityFeed initial={feed} />
      </div>
    </AppShell>
  );
}
