import { Badge, Card, Code, Flex, Heading, Table, Text } from "@radix-ui/themes";
import Link from "next/link";
import { LinkedText } from "@/components/admin/linked-text";
import { DataTable } from "@/components/data-table";
import { signedInAdmin } from "@/app/(app)/signed-in";
import { channelAdapters } from "@/lib/notify/channels";
import { listOffline } from "@/lib/notify/dev-outbox";

export const metadata = { title: "Outbox · Herald" };

const why = { unseen: "escalated (unseen)", alert: "security alert, user away", direct: "account email", offline: "user away" } as const;

const statusColor = { captured: "blue", sent: "green", delivered: "green", pending: "amber", sending: "amber", failed: "red", dead: "red", cancelled: "gray" } as const;

export default async function OutboxPage() {
  // The admin layout draws the frame; the page still checks the role (layouts are not re-run on navigation).
  await signedInAdmin();
  const [captured, recent] = await Promise.all([listOffline({ status: "captured", limit: 100 }), listOffline({ limit: 50 })]);
  const modes = Object.values(channelAdapters());
  return (
    <>
      <h1>Outbox</h1>
      <Flex gap="2" wrap="wrap" mb="2">
        {modes.map((a) => (
          <Badge key={a.channel} color={a.mode === "live" ? "green" : "blue"} variant="soft">
            {a.channel}: {a.mode === "live" ? "live provider" : "captured here"}
          </Badge>
        ))}
      </Flex>
      <Text as="p" size="2" color="gray">
        Channels without provider credentials send nothing: their messages are captured and listed below, exactly as they
        would have gone out.
      </Text>

      <Card size="3" my="4">
        <Heading as="h2" size="4" mb="3">
          Captured messages
        </Heading>
        {captured.length === 0 ? (
          <Text color="gray" size="2">
            Nothing captured yet. Trigger an event for a user who is away and it shows up here after the grace window.
          </Text>
        ) : (
          <Flex direction="column" gap="3" data-testid="captured-messages">
            {captured.map((m) => (
              <Card key={m.id} variant="surface" data-testid="captured-message" data-channel={m.channel} data-destination={m.destination ?? undefined}>
                <Flex gap="2" align="center" wrap="wrap">
                  <Badge color={m.channel === "sms" ? "orange" : m.channel === "push" ? "violet" : "cyan"}>{m.channel.toUpperCase()}</Badge>
                  <Text weight="bold">to {m.destination}</Text>
                  <Text color="gray" size="1">
                    {m.user} · {m.type} · {why[m.trigger as keyof typeof why] ?? m.trigger} ·{" "}
                    <time dateTime={m.at}>{m.at.replace("T", " ").slice(0, 19)} UTC</time> ·{" "}
                    <Link href={`/admin/notifications/${m.notificationId}`}>ledger #{m.notificationId}</Link>
                  </Text>
                </Flex>
                {m.content?.title && (
                  <Text as="p" weight="medium" mt="2">
                    {m.content.title}
                  </Text>
                )}
                <Text as="p" mt="1" style={{ whiteSpace: "pre-wrap" }}>
                  <LinkedText text={m.content?.body ?? ""} />
                </Text>
              </Card>
            ))}
          </Flex>
        )}
      </Card>

      <Card size="3" my="4">
        <Heading as="h2" size="4" mb="3">
          Recent offline deliveries
        </Heading>
        <DataTable
          testId="recent-deliveries"
          rows={recent}
          columns={["Notification", "User", "Channel", "Status", "Attempts", "Last error"]}
          row={(d) => (
            <Table.Row key={d.id}>
              <Table.Cell>
                <Link href={`/admin/notifications/${d.notificationId}`}>#{d.notificationId}</Link> <Code size="1">{d.type}</Code>
              </Table.Cell>
              <Table.Cell>{d.user}</Table.Cell>
              <Table.Cell>{d.channel}</Table.Cell>
              <Table.Cell>
                <Badge color={statusColor[d.status as keyof typeof statusColor] ?? "gray"}>{d.status}</Badge>
              </Table.Cell>
              <Table.Cell>{d.attempts}</Table.Cell>
              <Table.Cell>
                <Text size="1">{d.lastError}</Text>
              </Table.Cell>
            </Table.Row>
          )}
        />
      </Card>
    </>
  );
}
