import { Alert, Button, Checkbox, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useFieldArray, useForm, type Control, type FieldErrors, type UseFormRegister } from 'react-hook-form';
import { api } from '../../api/api-client';
import { ApiError, messageOf, unwrap } from '../../api/problem';
import type { components } from '../../api/schema.gen';
import { ROLE_NAMES } from '../../users/shared/role-names';
import { isApprover, userLabel, type OrganizationUser } from '../shared/organization-users';
import { CHAIN_LIMITS, emptyRule, emptyStep, placeServerErrors, toFields, toRequestBody, type ApprovalChains, type ChainsFields, type ConditionType } from './chains-form';
import { ClearChainsDialog } from './clear-chains-dialog';

type StoreItem = components['schemas']['StoreItemResponse'];

const CONDITIONS: { value: ConditionType; label: string }[] = [
  { value: 'always', label: 'Every request' },
  { value: 'annual_value_above', label: 'Annual value above an amount' },
  { value: 'products', label: 'A request for one of these products' },
];

const MINUTES = { pattern: { value: /^\d+$/, message: 'Enter a whole number of minutes' } };
const STALE = 'Someone changed the approval chains meanwhile, so this change was not saved. Reload them to see their change, then make yours again.';

interface Failure {
  message: string;
  /** 412: the chains changed since they were read. */
  stale: boolean;
}

/** The editor of an organization's admins: rules, their steps and approvers, escalation; Save and Clear. */
export function ChainsEditor({ orgId, chains, etag, store, users }: { orgId: string; chains: ApprovalChains; etag: string | null; store: StoreItem[]; users: OrganizationUser[] }) {
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<Failure | null>(null);
  const [clearing, setClearing] = useState(false);
  const {
    register,
    control,
    watch,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<ChainsFields>({ defaultValues: toFields(chains) });
  const rules = useFieldArray({ control, name: 'rules' });
  const escalationEnabled = watch('escalationEnabled');
  const currency = store[0]?.currency;

  // The active admins and billing admins, and anyone the chains name who no longer is one (to be taken out).
  const named = new Set(chains.rules.flatMap((rule) => rule.steps.flatMap((step) => step.approverIds)));
  const approvers = users.filter((user) => isApprover(user) || named.has(user.id));
  const nameOf = (id: string) => {
    const user = users.find((u) => u.id === id);
    return user ? userLabel(user) : undefined;
  };

  const saved = (answer: ApprovalChains, newEtag: string | null, message: string) => {
    queryClient.setQueryData(['approval-chains', orgId], { chains: answer, etag: newEtag });
    notifications.show({ color: 'green', title: 'Saved', message });
  };

  const save = handleSubmit(async (fields) => {
    setFailure(null);
    const result = await api.PUT('/api/v1/organizations/{orgId}/approval-chains', {
      params: { path: { orgId }, header: etag ? { 'If-Match': etag } : {} },
      body: toRequestBody(fields),
    });
    try {
      const answer = unwrap(result);
      saved(answer, result.response.headers.get('ETag'), `The approval chains are saved: ${answer.rules.length} rule(s), in force for the next request.`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        setFailure({ message: STALE, stale: true });
        return;
      }
      const { byField, unplaced } = placeServerErrors(error instanceof ApiError ? (error.problem?.errors ?? []) : [], nameOf);
      for (const [field, message] of byField) setError(field, { message });
      const intro = byField.size > 0 ? ['Some fields need a change: see the messages next to them.'] : [];
      setFailure({ message: byField.size > 0 || unplaced.length > 0 ? [...intro, ...unplaced].join(' ') : messageOf(error), stale: false });
    }
  });

  const reload = () => {
    setFailure(null);
    void queryClient.invalidateQueries({ queryKey: ['approval-chains', orgId] });
  };

  return (
    <form onSubmit={(event) => void save(event)} noValidate aria-label="Approval chains">
      <Stack gap="md">
        {failure && (
          <Alert color={failure.stale ? 'yellow' : 'red'} role="alert" title={failure.stale ? 'Changed meanwhile' : undefined}>
            <Text size="sm">{failure.message}</Text>
            {failure.stale && (
              <Button mt="sm" size="xs" variant="light" onClick={reload}>
                Reload the approval chains
              </Button>
            )}
          </Alert>
        )}
        {approvers.length === 0 && (
          <Alert color="blue" role="status">
            The organization has no active admins or billing admins to approve yet: add them under Users.
          </Alert>
        )}
        {rules.fields.length === 0 && (
          <Paper withBorder p="md">
            <Text>No approval chains: every request goes straight to your provider's approval. Add a rule to have requests approved inside the organization first.</Text>
          </Paper>
        )}
        {rules.fields.map((field, index) => (
          <RuleEditor
            key={field.id}
            index={index}
            count={rules.fields.length}
            control={control}
            register={register}
            errors={errors}
            type={watch(`rules.${index}.type`)}
            approvers={approvers}
            store={store}
            currency={currency}
            onMove={(to) => rules.move(index, to)}
            onRemove={() => rules.remove(index)}
          />
        ))}
        <Group>
          <Button variant="light" disabled={rules.fields.length >= CHAIN_LIMITS.rules} onClick={() => rules.append(emptyRule())}>
            Add a rule
          </Button>
        </Group>

        <Paper withBorder p="md" component="section" aria-labelledby="escalation-title">
          <Stack gap="sm">
            <Title order={3} size="h4" id="escalation-title">
              Reminders and escalation
            </Title>
            <Checkbox
              label="Chase pending steps"
              description="Remind a step's approvers, then tell the organization's admins, and optionally reject the request, when a step waits too long"
              {...register('escalationEnabled')}
            />
            {escalationEnabled && (
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <TextInput
                  label="Remind after (minutes)"
                  description="The approvers are reminded once"
                  inputMode="numeric"
                  required
                  error={errors.reminderAfterMinutes?.message}
                  {...register('reminderAfterMinutes', { required: 'Enter the minutes', ...MINUTES })}
                />
                <TextInput
                  label="Escalate after (minutes)"
                  description="The organization's admins are told once"
                  inputMode="numeric"
                  required
                  error={errors.escalateAfterMinutes?.message}
                  {...register('escalateAfterMinutes', { required: 'Enter the minutes', ...MINUTES })}
                />
                <TextInput
                  label="Reject after (minutes)"
                  description="Empty: never rejected automatically"
                  inputMode="numeric"
                  error={errors.autoRejectAfterMinutes?.message}
                  {...register('autoRejectAfterMinutes', MINUTES)}
                />
              </SimpleGrid>
            )}
          </Stack>
        </Paper>

        {rules.fields.length === 0 && chains.rules.length > 0 && <Text size="sm">Add a rule to save, or clear the approval chains to have none.</Text>}
        <Group justify="space-between">
          <Button type="button" variant="default" color="red.9" disabled={chains.rules.length === 0 || isSubmitting} onClick={() => setClearing(true)}>
            Clear the approval chains
          </Button>
          <Group gap="xs">
            <Button type="button" variant="default" disabled={!isDirty || isSubmitting} onClick={() => reset()}>
              Undo changes
            </Button>
            <Button type="submit" loading={isSubmitting} disabled={rules.fields.length === 0}>
              Save
            </Button>
          </Group>
        </Group>
      </Stack>
      {clearing && (
        <ClearChainsDialog
          orgId={orgId}
          etag={etag}
          onClose={() => setClearing(false)}
          onStale={() => {
            setClearing(false);
            setFailure({ message: STALE, stale: true });
          }}
          onCleared={(answer, newEtag) => {
            setClearing(false);
            saved(answer, newEtag, 'The approval chains are cleared: requests go straight to your provider’s approval.');
          }}
        />
      )}
    </form>
  );
}

function RuleEditor({
  index,
  count,
  control,
  register,
  errors,
  type,
  approvers,
  store,
  currency,
  onMove,
  onRemove,
}: {
  index: number;
  count: number;
  control: Control<ChainsFields>;
  register: UseFormRegister<ChainsFields>;
  errors: FieldErrors<ChainsFields>;
  type: ConditionType;
  approvers: OrganizationUser[];
  store: StoreItem[];
  currency: string | undefined;
  onMove: (to: number) => void;
  onRemove: () => void;
}) {
  const steps = useFieldArray({ control, name: `rules.${index}.steps` });
  const rule = `rule ${index + 1}`;
  const ruleErrors = errors.rules?.[index];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`rule-${index}-title`}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h4" id={`rule-${index}-title`}>
            Rule {index + 1}
          </Title>
          <Group gap="xs">
            <Button size="compact-sm" variant="default" disabled={index === 0} onClick={() => onMove(index - 1)} aria-label={`Move ${rule} up`}>
              Up
            </Button>
            <Button size="compact-sm" variant="default" disabled={index === count - 1} onClick={() => onMove(index + 1)} aria-label={`Move ${rule} down`}>
              Down
            </Button>
            <Button size="compact-sm" variant="default" color="red.9" onClick={onRemove} aria-label={`Remove ${rule}`}>
              Remove
            </Button>
          </Group>
        </Group>
        <NativeSelect label={`Condition of ${rule}`} data={CONDITIONS} error={ruleErrors?.type?.message} {...register(`rules.${index}.type`)} />
        {type === 'annual_value_above' && (
          <TextInput
            label={`Annual value above${currency ? ` (${currency})` : ''}`}
            description="A request whose annual value is strictly above this amount"
            inputMode="decimal"
            required
            error={ruleErrors?.amount?.message}
            {...register(`rules.${index}.amount`, {
              validate: (value, fields) => fields.rules[index]?.type !== 'annual_value_above' || /^\d+(\.\d+)?$/.test(value.trim()) || 'Enter an amount such as 1000.00',
            })}
          />
        )}
        {type === 'products' && (
          <Controller
            control={control}
            name={`rules.${index}.productIds`}
            rules={{ validate: (value, fields) => fields.rules[index]?.type !== 'products' || value.length > 0 || 'Choose at least one product' }}
            render={({ field, fieldState }) => (
              <Checkbox.Group label={`Products of ${rule}`} required value={field.value} onChange={field.onChange} error={fieldState.error?.message}>
                <Stack gap={4} mt={4}>
                  {store.length === 0 && <Text size="sm">The e-store offers no products yet.</Text>}
                  {store.map((item) => (
                    <Checkbox key={item.productId} value={item.productId} label={item.name} onBlur={field.onBlur} />
                  ))}
                </Stack>
              </Checkbox.Group>
            )}
          />
        )}
        {steps.fields.map((step, s) => (
          <Paper key={step.id} withBorder p="sm" bg="gray.0">
            <Controller
              control={control}
              name={`rules.${index}.steps.${s}.approverIds`}
              rules={{
                validate: (value) =>
                  (value.length > 0 && value.length <= CHAIN_LIMITS.approversPerStep) || `Choose 1 to ${CHAIN_LIMITS.approversPerStep} approvers: any one of them decides the step`,
              }}
              render={({ field, fieldState }) => (
                <Checkbox.Group
                  label={`Step ${s + 1} of ${rule}: approvers`}
                  description="Any one of them decides the step"
                  required
                  value={field.value}
                  onChange={field.onChange}
                  error={fieldState.error?.message}
                >
                  <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={4} mt={4}>
                    {approvers.map((user) => (
                      <Checkbox
                        key={user.id}
                        value={user.id}
                        label={userLabel(user)}
                        description={isApprover(user) ? ROLE_NAMES[user.role] : 'No longer an active admin or billing admin'}
                        onBlur={field.onBlur}
                      />
                    ))}
                    {field.value
                      .filter((id) => !approvers.some((user) => user.id === id))
                      .map((id) => (
                        <Checkbox key={id} value={id} label={`A former user (${id.slice(0, 8)})`} description="No longer a user of the organization" onBlur={field.onBlur} />
                      ))}
                  </SimpleGrid>
                </Checkbox.Group>
              )}
            />
            <Group gap="xs" mt="xs">
              <Button size="compact-xs" variant="default" disabled={s === 0} onClick={() => steps.move(s, s - 1)} aria-label={`Move step ${s + 1} of ${rule} up`}>
                Up
              </Button>
              <Button size="compact-xs" variant="default" disabled={s === steps.fields.length - 1} onClick={() => steps.move(s, s + 1)} aria-label={`Move step ${s + 1} of ${rule} down`}>
                Down
              </Button>
              <Button size="compact-xs" variant="default" color="red.9" disabled={steps.fields.length === 1} onClick={() => steps.remove(s)} aria-label={`Remove step ${s + 1} of ${rule}`}>
                Remove step
              </Button>
            </Group>
          </Paper>
        ))}
        <Group justify="space-between">
          <Button size="xs" variant="light" disabled={steps.fields.length >= CHAIN_LIMITS.stepsPerRule} onClick={() => steps.append(emptyStep())} aria-label={`Add a step to ${rule}`}>
            Add a step
          </Button>
          <Text size="xs" c="dimmed">
            Then your provider's approval, when its approval policy asks for it
          </Text>
        </Group>
      </Stack>
    </Paper>
  );
}
