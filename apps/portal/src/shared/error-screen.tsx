import { Button, Container, Text, Title } from '@mantine/core';
import { useRouteError } from 'react-router';

/** A screen that failed to load (a new deployment replaced its chunk, say): offer a reload. */
export function ErrorScreen() {
  const error = useRouteError();
  return (
    <Container size="sm" py="xl">
      <Title order={1} size="h2">
        Something went wrong
      </Title>
      <Text my="md">{error instanceof Error ? error.message : 'This page could not be shown.'}</Text>
      <Button onClick={() => window.location.reload()}>Reload</Button>
    </Container>
  );
}
