import { Badge, Paper, SimpleGrid, Stack, Text, Timeline, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { components } from '../../api/schema.gen';
import type { SessionUser } from '../../auth/session-store';
import { ErrorState, LoadingState } from '../../shared/query-states';
import type { Transaction } from './find-transaction';
import { personLabel, personName, type Person } from './person-label';
import { formatInstant, formatMoney, HISTORY_LABELS, policyText, quantityChange, STATUS_COLORS, STATUS_LABELS, TRANSACTION_KINDS } from './transaction-format';

type History = components['schemas']['TransactionHistoryResponse'];

export function StatusBadge({ status }: { status: Transaction['status'] }) {
  return (
    <Badge color={STATUS_COLORS[status]} variant="filled" autoContrast miw={90}>
      {STATUS_LABELS[status]}
    </Badge>
  );
}

/** `Approved by Rita Reseller (rita@…) at 2026-03-16 09:05 UTC`; null while pending. */
export function decisionSummary(transaction: Transaction, people: Map<string, Person> | undefined, me: SessionUser | null): string | null {
  if (transaction.status === 'pending_approval' || !transaction.decidedBy) return null;
  const at = transaction.decidedAt ? ` at ${formatInstant(transaction.decidedAt)}` : '';
  return `${STATUS_LABELS[transaction.status]} by ${personLabel(transaction.decidedBy, people, me)}${at}`;
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}

/** A transaction's facts, its decision (decider, time, comment or reason) and, below, its history. */
export function TransactionDetails({
  transaction,
  organizationName,
  people,
  me,
}: {
  transaction: Transaction;
  organizationName?: string | undefined;
  people: Map<string, Person> | undefined;
  me: SessionUser | null;
}) {
  const t = transaction;
  return (
    <Paper withBorder p="md">
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
        <Fact label="Status">
          <StatusBadge status={t.status} />
        </Fact>
        {organizationName && <Fact label="Organization">{organizationName}</Fact>}
        <Fact label="Request">{TRANSACTION_KINDS[t.type]}</Fact>
        <Fact label="Product">{t.productName}</Fact>
        <Fact label="Quantity">{quantityChange(t)}</Fact>
        <Fact label="Annual value">{formatMoney(t.annualValue, t.currency)}</Fact>
        <Fact label="Requested by">{personName(t.requestedBy, people, me)}</Fact>
        <Fact label="Requested at">{formatInstant(t.requestedAt)}</Fact>
        {t.decidedBy && <Fact label={t.status === 'withdrawn' ? 'Withdrawn by' : 'Decided by'}>{personName(t.decidedBy, people, me)}</Fact>}
        {t.decidedAt && <Fact label={t.status === 'withdrawn' ? 'Withdrawn at' : 'Decided at'}>{formatInstant(t.decidedAt)}</Fact>}
        {t.status === 'approved' && t.decidedBy !== 'policy' && <Fact label="Comment">{t.comment?.trim() ? t.comment : '(none)'}</Fact>}
        {t.reason && <Fact label="Reason">{t.reason}</Fact>}
        <Fact label="Transaction">{t.id}</Fact>
      </SimpleGrid>
    </Paper>
  );
}

/** Every request, decision and withdrawal of the transaction, oldest first. */
export function TransactionHistory({
  history,
  currency,
  people,
  me,
}: {
  history: { data?: History | undefined; isError: boolean; error: unknown; refetch: () => unknown };
  currency: string;
  people: Map<string, Person> | undefined;
  me: SessionUser | null;
}) {
  if (history.isError) return <ErrorState title="The history could not be loaded" error={history.error} onRetry={() => void history.refetch()} />;
  if (!history.data) return <LoadingState label="Loading the history" />;
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        History
      </Title>
      <Timeline active={history.data.items.length - 1} bulletSize={16} lineWidth={2}>
        {history.data.items.map((entry) => (
          <Timeline.Item key={`${entry.type}-${entry.at}`} title={`${HISTORY_LABELS[entry.type]} by ${personLabel(entry.actorId, people, me)}`}>
            <Text size="sm" c="dimmed">
              {formatInstant(entry.at)}
            </Text>
            {entry.type === 'requested' && (
              <Text size="sm">
                Annual value {formatMoney(entry.annualValue, currency)} · {policyText(entry, currency)}
              </Text>
            )}
            {entry.comment && <Text size="sm">Comment: {entry.comment}</Text>}
            {entry.reason && <Text size="sm">Reason: {entry.reason}</Text>}
          </Timeline.Item>
        ))}
      </Timeline>
    </Stack>
  );
}
