import { Alert, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';

/** A secret as the API answered it this once: after registering the endpoint, or after rotating its secret. */
export interface RevealedSecret {
  endpointName: string;
  secret: string;
  rotated: boolean;
}

/**
 * The signing secret, shown once: a notice that it will not be shown again, the secret, a copy button and a dismiss
 * button. The page keeps it only until dismissed (or left).
 */
export function SecretPanel({ revealed, onDismiss }: { revealed: RevealedSecret; onDismiss: () => void }) {
  const title = revealed.rotated ? `The new signing secret of ${revealed.endpointName}` : `The signing secret of ${revealed.endpointName}`;
  return (
    <Alert color="yellow" variant="outline" title={title} component="section" aria-label="Signing secret">
      <Stack gap="sm">
        <Text size="sm" fw={600}>
          Copy it now: you will not see it again. {revealed.rotated ? 'The old secret no longer signs deliveries.' : ''}
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
    </Alert>
  );
}
