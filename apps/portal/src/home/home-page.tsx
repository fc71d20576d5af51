import { Text, Title } from '@mantine/core';
import { useSessionUser } from '../auth/use-session';

/** The start screen of a user no other screen fits (a role without an organization or reseller of its own). */
export default function HomePage() {
  const user = useSessionUser();
  return (
    <>
      <Title order={2}>Welcome</Title>
      <Text my="md">You are signed in as {user?.username}. Choose a screen from the menu.</Text>
    </>
  );
}
