import { ActivityFeed } from "@/components/social/activity-feed";
import { ChatRooms } from "@/components/social/chat-rooms";
import { FriendsPanel } from "@/components/social/friends-panel";
import { PageEvents } from "@/lib/client/page-events";
import { listActivityFeed } from "@/lib/domain/social/list-activity-feed";
import { listChatRooms } from "@/lib/domain/social/list-chat-rooms";
import { listFriends } from "@/lib/domain/social/list-friends";
import { signedIn } from "../signed-in";

export const metadata = { title: "Social · Herald" };

export default async function SocialPage() {
  const { user, cursor } = await signedIn();
  const [friends, feed, rooms] = await Promise.all([listFriends(user.id), listActivityFeed(user.id), listChatRooms(user.id)]);
  return (
    <PageEvents since={cursor}>
      <h1>Social</h1>
      <ChatRooms rooms={rooms} me={user.id} />
      <div className="grid">
        <FriendsPanel view={friends} />
        <ActivityFeed initial={feed} />
      </div>
    </PageEvents>
  );
}
