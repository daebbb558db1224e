import { Badge, Card, Code, Heading, Table, Text } from "@radix-ui/themes";
import { notFound } from "next/navigation";
import { signedInAdmin } from "@/app/(app)/signed-in";
import { DataTable } from "@/components/data-table";
import { getLedger } from "@/lib/notify/ledger";

export const metadata = { title: "Ledger · Herald" };

export default async function LedgerPage(props: { params: Promise<{ id: string }> }) {
  // The admin layout draws the frame; the page still checks the role (layouts are not re-run on navigation).
  await signedInAdmin();
  const { id } = await props.params;
  if (!/^\d{1,19}$/.test(id)) notFound();
  const ledger = await getLedger(BigInt(id));
  if (!ledger) notFound();
  return (
    <>
      <h1>Notification #{ledger.id}</h1>
      <Text as="p">
        <Code>{ledger.type}</Code> · {ledger.priority} priority · {ledger.category} — {ledger.message}
      </Text>
      <Card size="3" my="4">
        <Heading as="h2" size="4" mb="3">
          Timeline
        </Heading>
        <DataTable
          testId="delivery-timeline"
          rows={ledger.timeline}
          columns={["When (UTC)", "User", "Step", "Channel", "Outcome", "Details"]}
          row={(t, i) => (
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
                  {[t.destination && `to ${t.destination}`, t.providerMessageId && `id ${t.providerMessageId}`, t.detail].filter(Boolean).join(" · ")}
                </Text>
              </Table.Cell>
            </Table.Row>
          )}
        />
      </Card>
    </>
  );
}
