import { Table, Text } from "@radix-ui/themes";
import type { ReactNode } from "react";

/**
 * The app's lists of records (online users, alerts, positions, sessions, deliveries…): a small
 * table with its header, or, when `empty` is given and there are no rows, that line instead.
 */
export function DataTable<T>(props: {
  testId: string;
  rows: readonly T[];
  /** Header cells; none for a table that needs no header. */
  columns?: ReactNode[];
  /** Each row: a `<Table.Row key=…>` of cells. */
  row: (item: T, index: number) => ReactNode;
  empty?: string;
}) {
  if (props.empty !== undefined && props.rows.length === 0) {
    return (
      <Text as="p" color="gray" size="2">
        {props.empty}
      </Text>
    );
  }
  return (
    <Table.Root size="1" data-testid={props.testId}>
      {props.columns && (
        <Table.Header>
          <Table.Row>
            {props.columns.map((column, i) => (
              <Table.ColumnHeaderCell key={i}>{column}</Table.ColumnHeaderCell>
            ))}
          </Table.Row>
        </Table.Header>
      )}
      <Table.Body>{props.rows.map(props.row)}</Table.Body>
    </Table.Root>
  );
}
