import { Alert, Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../api/api-client';
import { unwrap } from '../api/problem';
import { DecisionDialog, type Decision } from '../approvals/decide-approval/decision-dialog';
import { locateApproval } from '../approvals/shared/locate-approval';
import { useSessionUser } from '../auth/use-session';
import { ErrorState, LoadingState } from '../shared/query-states';
import { useOrganizationPeople } from '../transactions/shared/people';
import { decisionSummary, TransactionDetails, TransactionHistory } from '../transactions/shared/transaction-details';
import { formatMoney, quantityChange, TRANSACTION_KINDS } from '../transactions/shared/transaction-format';
import { useTransaction } from '../transactions/shared/use-transaction';

/**
 * One approval request: where the approval e-mail's link (`/approvals/{transactionId}`) and the approvals inbox
 * lead. The transaction, its history and, while pending, Approve and Reject; once decided, by whom and when.
 * The inbox passes the organization (`?organization=`); the e-mail's link has the transaction id only.
 */
export default function ApprovalPage() {
  const { transactionId = '' } = useParams();
  const [params] = useSearchParams();
  const me = useSessionUser();
  const isReseller = me?.role === 'reseller_admin';
  // An organization's admins and billing admins decide the steps of its approval chains that name them.
  const isOrganizationApprover = me?.role === 'org_admin' || me?.role === 'org_billing_admin';
  const mayDecide = isReseller || isOrganizationApprover;
  const hint = params.get('organization') ?? (isOrganizationApprover ? (me?.organizationId ?? null) : null);
  const [decision, setDecision] = useState<Decision | null>(null);

  const location = useQuery({
    queryKey: ['approval-location', transactionId],
    enabled: isReseller && !hint,
    queryFn: async () => (await locateApproval(transactionId))?.organizationId ?? null,
  });
  const orgId = hint ?? location.data ?? undefined;
  const organization = useQuery({
    queryKey: ['organization', orgId],
    enabled: mayDecide && !!orgId,
    queryFn: async () => unwrap(await api.GET('/api/v1/organizations/{orgId}', { params: { path: { orgId: orgId! } } })),
  });
  const { transaction, history } = useTransaction(mayDecide ? orgId : undefined, transactionId);
  // A billing admin may not list the organization's users: the page shows ids for people then.
  const people = useOrganizationPeople(mayDecide && me?.role !== 'org_billing_admin' ? orgId : undefined);

  const body = () => {
    if (!mayDecide) return <Alert color="yellow">Only the reseller&apos;s administrators and the approvers of an organization decide approval requests.</Alert>;
    if (location.isError) return <ErrorState title="The request could not be looked up" error={location.error} onRetry={() => void location.refetch()} />;
    if (transaction.isError) return <ErrorState title="The request could not be loaded" error={transaction.error} onRetry={() => void transaction.refetch()} />;
    if ((!hint && location.isPending) || (orgId && transaction.isPending)) return <LoadingState label="Looking for the request" />;
    const t = transaction.data;
    if (!orgId || !t)
      return (
        <Alert color="blue" title="Request not found" role="status">
          <Text size="sm">
            No approval request {transactionId} was found among your organizations&apos; transactions. A request made a moment ago may take a few
            seconds to appear.
          </Text>
          <Button
            mt="sm"
            size="xs"
            variant="light"
            onClick={() => void (hint ? transaction.refetch() : location.refetch().then(() => transaction.refetch()))}
          >
            Look again
          </Button>
        </Alert>
      );
    const summary = decisionSummary(t, people.data, me);
    const organizationName = organization.data?.name;
    const waiting = summary ? null : waitingFor(history.data?.items ?? [], isReseller);
    return (
      <>
        {summary ? (
          <Alert color="blue" title="Decided" role="status">
            {summary}.
          </Alert>
        ) : waiting ? (
          <Alert color="blue" title="Not your step" role="status">
            {waiting}
          </Alert>
        ) : (
          <Group>
            <Button color="teal.9" onClick={() => setDecision('approve')}>
              Approve
            </Button>
            <Button color="red.9" variant="outline" onClick={() => setDecision('reject')}>
              Reject
            </Button>
          </Group>
        )}
        <TransactionDetails transaction={t} organizationName={organizationName} people={people.data} me={me} />
        <TransactionHistory history={history} currency={t.currency} people={people.data} me={me} />
        <Anchor component={Link} to={`/organizations/${orgId}/transactions`} size="sm">
          All transactions of {organizationName ?? 'the organization'}
        </Anchor>
        <DecisionDialog
          decision={decision}
          transactionId={transactionId}
          organizationId={orgId}
          description={`${TRANSACTION_KINDS[t.type]} of ${t.productName} (quantity ${quantityChange(t)}, ${formatMoney(t.annualValue, t.currency)} a year)${organizationName ? ` for ${organizationName}` : ''}.`}
          onClose={() => setDecision(null)}
        />
      </>
    );
  };

  return (
    <Stack gap="md" maw={960}>
      {mayDecide && (
        <Anchor component={Link} to="/approvals" size="sm">
          ← Approvals
        </Anchor>
      )}
      <Title order={2}>Approval request</Title>
      {body()}
    </Stack>
  );
}

type HistoryItem = { type: string; step?: { index: number; kind: 'organization' | 'reseller' } };

/**
 * Whose decision a pending request waits for, when not the reader's kind of approver: the step last reached in its
 * history (a request without an approval chain waits for the reseller). Null when the reader may decide it now; the
 * service checks the step's approvers and delegates itself.
 */
function waitingFor(items: readonly HistoryItem[], isReseller: boolean): string | null {
  const step = [...items].reverse().find((item) => item.type === 'step_reached')?.step;
  const kind = step?.kind ?? 'reseller';
  if (isReseller === (kind === 'reseller')) return null;
  return kind === 'reseller'
    ? "Your organization's approval steps are done: the request waits for your provider's decision."
    : `The request waits for step ${(step?.index ?? 0) + 1} of the organization's approval chain, decided by its approvers.`;
}
