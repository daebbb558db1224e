"use client";
import { Badge, Button, Card, Flex, Heading, Text } from "@radix-ui/themes";
import Link from "next/link";
import { useRealtime } from "@/lib/client/realtime";
import type { InboxItem } from "@/lib/domain/notifications/types";
import { navLinks } from "./nav-links";
import { useRefreshOnEvents } from "./use-refresh-on-events";
import { useUnreadCount } from "./unread-count";

const connectionText = {
  connecting: "Opening your live connection…",
  connected: "Live: events reach this page the moment they happen.",
  reconnecting: "Connection dropped; reconnecting. Nothing is lost: missed events are replayed.",
  offline: "Offline. While you are away, important notifications go out by SMS, push or email.",
};

/** The dashboard's top row: connection, unread count, recent notifications and the app's areas. */
export function DashboardOverview(props: { recent: InboxItem[]; unread: number; isAdmin: boolean }) {
  const { state, reconnect } = useRealtime();
  const unread = useUnreadCount();
  useRefreshOnEvents();
  const areas = navLinks.filter((l) => l.href !== "/dashboard" && (!l.admin || props.isAdmin));
  return (
    <div className="grid">
      <Card size="2">
        <Heading size="3" mb="1">
          Connection
        </Heading>
        <Text as="p" color="gray" size="2" data-testid="dashboard-connection">
          {connectionText[state]}
        </Text>
        {state === "offline" && (
          <Button mt="2" size="1" variant="soft" onClick={reconnect}>
            Reconnect
          </Button>
        )}
      </Card>
      <Card size="2">
        <Flex justify="between" align="center" mb="1">
          <Heading size="3">Notifications</Heading>
          <Badge color={unread ? "red" : "gray"} data-testid="dashboard-unread">
            {unread ?? props.unread} unread
          </Badge>
        </Flex>
        {props.recent.length === 0 ? (
          <Text as="p" color="gray" size="2">
            Nothing yet.
          </Text>
        ) : (
          <ul className="plain-list" data-testid="dashboard-recent">
            {props.recent.map((n) => (
              <li key={n.id}>
                <Text size="2" weight={n.readAt ? "regular" : "bold"}>
                  {n.message}
                </Text>
              </li>
            ))}
          </ul>
        )}
        <Text as="p" size="2" mt="2">
          <Link href="/notifications">All notifications →</Link>
        </Text>
      </Card>
      <Card size="2">
        <Heading size="3" mb="1">
          Areas
        </Heading>
        <ul className="plain-list">
          {areas.map((l) => (
            <li key={l.href}>
              <Link href={l.href}>{l.label}</Link>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
