import { api } from '../../api/api-client';
import { ApiError, unwrap } from '../../api/problem';
import { ConfirmDialog } from '../../shared/confirm-dialog';
import type { ApprovalChains } from './chains-form';

/** Clear, after a confirmation, under the version read (If-Match): requests go straight to the reseller's step again. */
export function ClearChainsDialog({
  orgId,
  etag,
  onClose,
  onStale,
  onCleared,
}: {
  orgId: string;
  etag: string | null;
  onClose: () => void;
  onStale: () => void;
  onCleared: (chains: ApprovalChains, etag: string | null) => void;
}) {
  const clear = async () => {
    const result = await api.DELETE('/api/v1/organizations/{orgId}/approval-chains', { params: { path: { orgId }, header: etag ? { 'If-Match': etag } : {} } });
    onCleared(unwrap(result), result.response.headers.get('ETag'));
  };
  // Changed meanwhile: the screen offers to reload instead of showing the failure here.
  const stale = (error: unknown) => {
    if (!(error instanceof ApiError && error.status === 412)) return false;
    onStale();
    return true;
  };

  return (
    <ConfirmDialog title="Clear the approval chains" confirmLabel="Clear" centered onClose={onClose} onConfirm={clear} handled={stale}>
      Remove every rule? From the next request on, requests go straight to your provider's approval.
    </ConfirmDialog>
  );
}
