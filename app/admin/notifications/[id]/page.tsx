import { Badge, Card, Code, Heading, Table, Text } from "@radix-ui/themes";
import { notFound } from "next/navigation";
import { AppShell } from "@/components/app-shell";
import { requireAdminPage } from "@/lib/auth/viewer";
import { getLedger } from "@/lib/notify";
import { latestEventId } from "@/lib/realtime/replay";

export const metadata = { title: "Ledger · Herald" };

export default async function LedgerPage(props: { params: Promise<{ id: string }> }) {
  const user = await requireAdminPage();
  const { id } = await props.params;
  if (!/^\d{1,19}$/.test(id)) notFound();
  const [ledger, cursor] = await Promise.all([getLedger(BigInt(id)), latestEventId()]);
  if (!ledger) notFound();
  return (
    <AppShell userName={user.name ?? user.email ?? "you"} isAdmin initialCursor={cursor}>
      <h1>Notification #{ledger.id}</h1>
      <Text as="p">
        <Code>{ledger.type}</Code> · {ledger.priority} priority · {ledger.category} — {ledger.message}
      </Text>
      <Card size="3" my="4">
        <Heading as="h2" size="4" mb="3">
          Timeline
        </Heading>
        <Table.Root size="1" data-testid="delivery-timeline">
          <Table.Header>
            <Table.Row>
              <Table.ColumnHeaderCell>When (UTC)</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>User</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Step</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Channel</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Outcome</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Details</Table.ColumnHeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {ledger.timeline.map((t, i) => (
              <Table.Row key={i}>
                <Table.Cell>{t.at.slice(11, 23)}</Table.Cell>
                <Table.Cell>{t.userId}</Table.Cell>
                <Table.Cell>
                  {t.kind}
                  {t.attempt ? ` #${t.attempt}` : ""}
                </Table.Cell>
                <Table.Cell>{t.channel}</Table.Cell>
                <Table.Cell>
                  <Badge>{t.outcome}</Badge>
                  {t.httpStatus ? ` HTTP ${t.httpStatus}` : ""}
                </Table.Cell>
                <Table.Cell>
                  <Text size="1">
                    {[t.destination && `to ${t.destination}`, t.providerMessageId && `id ${t.providerMessageId}`, t.detail]
                      .filter(Boolean)
                      .join(" · ")}
                  </Text>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table.Root>
      </Card>
    </AppShell>
  );
}
