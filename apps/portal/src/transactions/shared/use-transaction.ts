import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/api-client';
import { unwrap } from '../../api/problem';
import { findTransaction } from './find-transaction';

export const transactionKey = (orgId: string | undefined, transactionId: string) => ['transaction', orgId, transactionId] as const;
export const historyKey = (orgId: string | undefined, transactionId: string) => ['transaction-history', orgId, transactionId] as const;

/** A transaction and its history; the history is asked for only once the transaction is known to be there. */
export function useTransaction(orgId: string | undefined, transactionId: string) {
  const transaction = useQuery({
    queryKey: transactionKey(orgId, transactionId),
    enabled: !!orgId,
    queryFn: () => findTransaction(orgId!, transactionId),
  });
  const history = useQuery({
    queryKey: historyKey(orgId, transactionId),
    enabled: !!orgId && !!transaction.data,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/organizations/{orgId}/transactions/{transactionId}/history', { params: { path: { orgId: orgId!, transactionId } } })),
  });
  return { transaction, history };
}
