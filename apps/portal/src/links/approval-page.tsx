import { Code, Text, Title } from '@mantine/core';
import { useParams } from 'react-router';

/** Where the approval e-mail's link lands (`/approvals/{transactionId}`); the approvals inbox comes later. */
export default function ApprovalPage() {
  const { transactionId } = useParams();
  return (
    <>
      <Title order={2}>Approval request</Title>
      <Text my="md">
        Transaction <Code>{transactionId}</Code> is waiting for a decision. Approving and rejecting from this page comes with the approvals inbox.
      </Text>
    </>
  );
}
