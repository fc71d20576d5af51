import { Button, Code, CopyButton, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef } from 'react';

/** A secret as the API answered it this once: after registering the endpoint, or after rotating its secret. */
export interface RevealedSecret {
  endpointName: string;
  secret: string;
  rotated: boolean;
}

/**
 * The signing secret, shown once: a notice that it will not be shown again, the secret, a copy button and a dismiss
 * button. The page keeps it only until dismissed (or left); the focus moves to it when it appears.
 */
export function SecretPanel({ revealed, onDismiss }: { revealed: RevealedSecret; onDismiss: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [revealed]);
  const title = revealed.rotated ? `The new signing secret of ${revealed.endpointName}` : `The signing secret of ${revealed.endpointName}`;
  return (
    <Paper withBorder p="md" component="section" aria-label="Signing secret" style={{ borderColor: 'var(--mantine-color-yellow-6)', borderWidth: 2 }}>
      <Stack gap="sm">
        <Title order={3} size="h4" ref={heading} tabIndex={-1} style={{ overflowWrap: 'anywhere' }}>
          {title}
        </Title>
        <Text size="sm" fw={600}>
          Copy it now: you will not see it again.{revealed.rotated ? ' The old secret no longer signs deliveries.' : ''}
        </Text>
        <Text size="sm">Your receiver verifies each delivery's webhook-signature header with it (Standard Webhooks).</Text>
        <Code block aria-label="Secret" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
          {revealed.secret}
        </Code>
        <Group gap="xs">
          <CopyButton value={revealed.secret}>
            {({ copied, copy }) => (
              <Button variant="default" onClick={copy}>
                {copied ? 'Copied' : 'Copy the secret'}
              </Button>
            )}
          </CopyButton>
          <Button onClick={onDismiss}>I have copied it</Button>
        </Group>
      </Stack>
    </Paper>
  );
}
