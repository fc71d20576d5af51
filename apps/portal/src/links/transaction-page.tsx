import { Code, Text, Title } from '@mantine/core';
import { useParams } from 'react-router';

/** Where the decision e-mail's link lands (`/organizations/{orgId}/transactions/{transactionId}`). */
export default function TransactionPage() {
  const { orgId, transactionId } = useParams();
  return (
    <>
      <Title order={2}>Transaction</Title>
      <Text my="md">
        Transaction <Code>{transactionId}</Code> of organization <Code>{orgId}</Code>. Its status and history come with the transactions screen.
      </Text>
    </>
  );
}
