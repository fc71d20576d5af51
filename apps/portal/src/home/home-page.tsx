import { Text, Title } from '@mantine/core';
import { useSessionUser } from '../auth/use-session';

/** The start screen of the roles whose own screens come later (platform admin, billing admin, organization user). */
export default function HomePage() {
  const user = useSessionUser();
  return (
    <>
      <Title order={2}>Welcome</Title>
      <Text my="md">You are signed in as {user?.username}. The screens for your role are on their way; the HTTP API offers everything meanwhile.</Text>
    </>
  );
}
