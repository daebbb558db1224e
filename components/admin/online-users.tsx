"use client";
import { Badge, Button, Flex, Heading, Table, Text } from "@radix-ui/themes";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { DataTable } from "@/components/data-table";

type OnlineUser = { id: string; name: string; email: string; role: string; streams: number };

/** Who has a stream open right now (this instance's registry); refreshable. */
export function OnlineUsers({ users }: { users: OnlineUser[] }) {
  const router = useRouter();
  const [refreshing, startRefresh] = useTransition();
  return (
    <section className="card" aria-labelledby="online-heading">
      <Flex justify="between" align="center" mb="2" gap="2" wrap="wrap">
        <Heading as="h2" size="4" id="online-heading">
          Online now ({users.length})
        </Heading>
        <Button size="1" variant="soft" onClick={() => startRefresh(() => router.refresh())} disabled={refreshing}>
          Refresh
        </Button>
      </Flex>
      <Text as="p" size="1" color="gray" mb="2">
        Users with an open stream on this server instance (or whose last one closed moments ago: one of their tabs is
        taking it over, or a page is reloading).
      </Text>
      <DataTable
        testId="online-users"
        rows={users}
        empty="Nobody is online."
        columns={["User", "Email", "Open streams"]}
        row={(u) => (
          <Table.Row key={u.id}>
            <Table.RowHeaderCell>
              {u.name} {u.role === "ADMIN" && <Badge color="amber">admin</Badge>}
            </Table.RowHeaderCell>
            <Table.Cell>{u.email}</Table.Cell>
            <Table.Cell className="num">{u.streams}</Table.Cell>
          </Table.Row>
        )}
      />
    </section>
  );
}
