"use client";
// The user's signed-in sessions: which browser, from where, last seen; "Sign out" one of them or
// all of them. Ending a session closes its streams at once; its browser is sent to sign-in on its
// next request.
import { Badge, Button, Card, Flex, Heading, Table, Text } from "@radix-ui/themes";
import { signOut } from "next-auth/react";
import { endAllSessionsAction, endSessionAction } from "@/app/(app)/settings/actions";
import { useRefreshingAction } from "@/components/action-feedback";
import { DataTable } from "@/components/data-table";
import type { SessionView } from "@/lib/auth/sessions";
import { useRealtime } from "@/lib/client/realtime";

const ago = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

function lastSeen(iso: string): string {
  const minutes = Math.round((new Date(iso).getTime() - Date.now()) / 60_000);
  if (minutes > -1) return "just now";
  if (minutes > -60) return ago.format(minutes, "minute");
  if (minutes > -48 * 60) return ago.format(Math.round(minutes / 60), "hour");
  return ago.format(Math.round(minutes / (24 * 60)), "day");
}

export function SessionsList({ sessions, currentId }: { sessions: SessionView[]; currentId: string }) {
  const { pending, run } = useRefreshingAction();
  const { endSession } = useRealtime();
  const leave = () => {
    endSession();
    void signOut({ callbackUrl: "/signin" });
  };
  return (
    <Card size="3" my="4">
      <Heading as="h2" size="4" mb="3">
        Where you are signed in
      </Heading>
      <DataTable
        testId="sessions"
        rows={sessions}
        columns={["Device", "Address", "Last seen", null]}
        row={(s) => (
          <Table.Row key={s.id} data-testid="session" data-session-id={s.id} data-current={s.id === currentId || undefined}>
            <Table.RowHeaderCell>
              {s.device}{" "}
              {s.id === currentId && (
                <Badge color="green" variant="soft">
                  this browser
                </Badge>
              )}
            </Table.RowHeaderCell>
            <Table.Cell>{s.address ?? "unknown"}</Table.Cell>
            <Table.Cell>
              <time dateTime={s.lastSeenAt} title={s.lastSeenAt}>
                {lastSeen(s.lastSeenAt)}
              </time>
            </Table.Cell>
            <Table.Cell>
              <Button
                size="1"
                variant="soft"
                color="red"
                disabled={pending}
                aria-label={`Sign out ${s.device}${s.id === currentId ? " (this browser)" : ""}`}
                onClick={() => (s.id === currentId ? leave() : run(() => endSessionAction({ id: s.id }), "Signed out"))}
              >
                Sign out
              </Button>
            </Table.Cell>
          </Table.Row>
        )}
      />
      <Flex gap="3" mt="3" align="center" wrap="wrap">
        <Button color="red" variant="soft" disabled={pending} onClick={() => run(() => endAllSessionsAction(), "Signed out everywhere", leave)}>
          Sign out everywhere
        </Button>
        <Text size="1" color="gray">
          Ends every session above, this one included. Change your password too if one of them is not yours.
        </Text>
      </Flex>
    </Card>
  );
}
