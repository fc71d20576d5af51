import { List, Paper, Stack, Text, Title } from '@mantine/core';
import type { components } from '../../api/schema.gen';
import type { SessionUser } from '../../auth/session-store';
import { userLabel, type OrganizationUser } from '../shared/organization-users';
import type { ApprovalChains } from './chains-form';

type StoreItem = components['schemas']['StoreItemResponse'];
type Rule = ApprovalChains['rules'][number];

/** A person named in the chains: by name where the list is readable, else by what the viewer knows. */
export function approverName(id: string, users: readonly OrganizationUser[] | undefined, me: SessionUser | null): string {
  if (me && id === me.id) return `You (${me.username})`;
  const user = users?.find((u) => u.id === id);
  return user ? userLabel(user) : `An approver of the organization (${id.slice(0, 8)})`;
}

export function conditionText(rule: Rule, store: readonly StoreItem[]): string {
  const { condition } = rule;
  switch (condition.type) {
    case 'always':
      return 'Every request';
    case 'annual_value_above':
      return `A request whose annual value is above ${condition.amount ?? ''}${store[0] ? ` ${store[0].currency}` : ''}`;
    case 'products':
      return `A request for ${(condition.productIds ?? []).map((id) => store.find((item) => item.productId === id)?.name ?? 'a product no longer in the e-store').join(' or ')}`;
  }
}

/** The chains as text, for the roles that read them. */
export function ChainsSummary({ chains, store, users, me }: { chains: ApprovalChains; store: readonly StoreItem[]; users: readonly OrganizationUser[] | undefined; me: SessionUser | null }) {
  const escalation = chains.escalation;
  return (
    <Stack gap="md" aria-label="Approval chains (read only)" role="region">
      <Text size="sm">You can read the approval chains; an organizational admin changes them.</Text>
      {chains.rules.length === 0 && (
        <Paper withBorder p="md">
          <Text>No approval chains: every request goes straight to your provider's approval.</Text>
        </Paper>
      )}
      {chains.rules.map((rule, r) => (
        <Paper key={r} withBorder p="md" component="section" aria-labelledby={`rule-${r}-title`}>
          <Title order={3} size="h4" id={`rule-${r}-title`}>
            Rule {r + 1}: {conditionText(rule, store)}
          </Title>
          <List type="ordered" mt="xs" spacing={4} aria-label={`Steps of rule ${r + 1}`}>
            {rule.steps.map((step, s) => (
              <List.Item key={s}>
                Step {s + 1}: {step.approverIds.map((id) => approverName(id, users, me)).join(' or ')}
              </List.Item>
            ))}
            <List.Item>Then your provider's approval, when its approval policy asks for it</List.Item>
          </List>
        </Paper>
      ))}
      {chains.rules.length > 0 && (
        <Paper withBorder p="md" component="section" aria-labelledby="escalation-title">
          <Title order={3} size="h4" id="escalation-title">
            Reminders and escalation
          </Title>
          <Text size="sm" mt="xs">
            {escalation
              ? `Approvers are reminded ${escalation.reminderAfterMinutes} minutes after a step is reached; the organization's admins are told after ${escalation.escalateAfterMinutes} minutes; ${
                  escalation.autoRejectAfterMinutes !== null ? `the request is rejected automatically after ${escalation.autoRejectAfterMinutes} minutes.` : 'a request is never rejected automatically.'
                }`
              : 'Pending steps are not chased.'}
          </Text>
        </Paper>
      )}
    </Stack>
  );
}
