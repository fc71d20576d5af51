import { Anchor, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

export default function NotFoundPage() {
  return (
    <>
      <Title order={2}>Page not found</Title>
      <Text my="md">There is no page at this address.</Text>
      <Anchor component={Link} to="/">
        Go to the start page
      </Anchor>
    </>
  );
}
