"use client";
import { Card, Heading, Text } from "@radix-ui/themes";
import { useState } from "react";
import { useRealtimeEvent } from "@/lib/client/realtime";
import type { Envelope } from "@/lib/events/envelope";

const verbs: Record<string, string> = { nft_upgrade: "NFT", nft_mint: "NFT", badge: "Badge", trade: "Trade", friendship: "Friends" };

/** What friends did (upgrades, badges, trades), newest first, live. */
export function ActivityFeed(props: { initial: Envelope[] }) {
  const [items, setItems] = useState(props.initial);
  useRealtimeEvent("friend_activity", (event) =>
    setItems((list) => (list.some((i) => i.id === event.id) ? list : [event, ...list].slice(0, 50))),
  );
  return (
    <Card size="2" asChild>
      <section aria-labelledby="activity-heading">
        <Heading size="4" id="activity-heading" mb="2">
          Friends&apos; activity
        </Heading>
        {items.length === 0 ? (
          <Text as="p" color="gray">
            When your friends upgrade an NFT, earn a badge or trade, it shows here.
          </Text>
        ) : (
          <ul className="feed" data-testid="activity-feed">
            {items.map((e) => (
              <li key={e.id} className="feed-item">
                <span className="tag">{verbs[String(e.data.activity)] ?? "Activity"}</span>
                <span className="feed-message">{e.message}</span>
                <time dateTime={e.timestamp}>{new Date(e.timestamp).toLocaleString()}</time>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Card>
  );
}
