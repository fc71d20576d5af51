import { Alert, Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { api, idempotencyKey } from '../../api/api-client';
import { ApiError, messageOf, unwrap } from '../../api/problem';
import type { Transaction } from '../../transactions/shared/find-transaction';
import { historyKey, transactionKey } from '../../transactions/shared/use-transaction';

export type Decision = 'approve' | 'reject';

interface DecisionFields {
  text: string;
}

const MAX_TEXT = 2000;

/**
 * Approve with an optional comment, or Reject with a required reason. A request someone decided meanwhile answers
 * 409: the dialog says so plainly and the page reloads the transaction to show that decision.
 */
export function DecisionDialog({
  decision,
  transactionId,
  organizationId,
  description,
  onClose,
}: {
  decision: Decision | null;
  transactionId: string;
  organizationId: string;
  description: string;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<{ message: string; decided: boolean } | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<DecisionFields>({ defaultValues: { text: '' } });
  const approving = decision === 'approve';
  const field = approving ? 'comment' : 'reason';

  const close = () => {
    reset();
    setFailure(null);
    onClose();
  };

  // The transaction comes from a list (a read model that may lag the decision); its history is read from the record.
  const refresh = (transactionToo: boolean) => {
    if (transactionToo) void queryClient.invalidateQueries({ queryKey: transactionKey(organizationId, transactionId) });
    void queryClient.invalidateQueries({ queryKey: historyKey(organizationId, transactionId) });
    void queryClient.invalidateQueries({ queryKey: ['approvals'] });
    void queryClient.invalidateQueries({ queryKey: ['transactions', organizationId] });
  };

  const submit = handleSubmit(async ({ text }) => {
    setFailure(null);
    const header = { 'Idempotency-Key': idempotencyKey() };
    const path = { transactionId };
    try {
      const decided: Transaction = approving
        ? unwrap(await api.POST('/api/v1/approvals/{transactionId}/approve', { params: { path, header }, body: text.trim() ? { comment: text.trim() } : {} }))
        : unwrap(await api.POST('/api/v1/approvals/{transactionId}/reject', { params: { path, header }, body: { reason: text.trim() } }));
      queryClient.setQueryData(transactionKey(organizationId, transactionId), decided);
      refresh(false);
      notifications.show({ color: 'green', title: approving ? 'Approved' : 'Rejected', message: `The request is ${approving ? 'approved' : 'rejected'}.` });
      close();
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        setFailure({ message: `This request was already decided, so your decision was not recorded. ${messageOf(error)}`, decided: true });
        refresh(true);
        return;
      }
      const message = error instanceof ApiError ? error.fieldErrors[field] : undefined;
      if (message) setError('text', { message });
      setFailure({ message: message ? 'See the message next to the field.' : messageOf(error), decided: false });
    }
  });

  return (
    <Modal opened={decision !== null} onClose={close} title={approving ? 'Approve the request' : 'Reject the request'} centered closeButtonProps={{ 'aria-label': 'Close' }}>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="md">
          <div>{description}</div>
          {failure && (
            <Alert color={failure.decided ? 'blue' : 'red'} role="alert" title={failure.decided ? 'Already decided' : undefined}>
              {failure.message}
            </Alert>
          )}
          <Textarea
            label={approving ? 'Comment' : 'Reason'}
            description={approving ? 'Optional: the requester and the organization see it' : 'The requester and the organization see it'}
            required={!approving}
            autosize
            minRows={3}
            maxLength={MAX_TEXT}
            error={errors.text?.message}
            data-autofocus
            {...register('text', {
              validate: (value) => approving || value.trim().length > 0 || 'Enter the reason for the rejection',
            })}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {failure?.decided ? 'Close' : 'Cancel'}
            </Button>
            {!failure?.decided && (
              <Button type="submit" color={approving ? 'teal.9' : 'red.9'} loading={isSubmitting}>
                {approving ? 'Approve' : 'Reject'}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
