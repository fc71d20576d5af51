import { Table, Text } from '@mantine/core';
import { actionLabel, actorLabel, localTime, targetLabel, type ActivityEntry } from './activity-format';

/** The entries, newest first: when (the reader's locale; the ISO instant on hover), who, what, to what, in a sentence. */
export function ActivityTable({ entries, caption }: { entries: readonly ActivityEntry[]; caption: string }) {
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped withTableBorder captionSide="top" verticalSpacing="xs">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Time</Table.Th>
            <Table.Th scope="col">Actor</Table.Th>
            <Table.Th scope="col">Action</Table.Th>
            <Table.Th scope="col">Target</Table.Th>
            <Table.Th scope="col">Summary</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => (
            <Table.Tr key={entry.id}>
              <Table.Th scope="row" fw={400} style={{ whiteSpace: 'nowrap' }}>
                <time dateTime={entry.at} title={entry.at}>
                  {localTime(entry.at)}
                </time>
              </Table.Th>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{actorLabel(entry)}</Table.Td>
              <Table.Td>
                <span title={entry.action}>{actionLabel(entry.action)}</span>
              </Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{targetLabel(entry.target)}</Table.Td>
              <Table.Td>
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {entry.summary}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
