import { Button, Group, NativeSelect, Paper, TextInput } from '@mantine/core';
import { useEffect } from 'react';
import { useForm } from 'react-hook-form';
import { ACTION_GROUPS, actorOptions, filtersProblem, NO_FILTERS, type ActivityFilters } from './activity-format';

const ACTIONS = [{ value: '', label: 'Any action' }, ...ACTION_GROUPS.map(({ group, actions }) => ({ group, items: actions.map(([value, label]) => ({ value, label })) }))];

/** The list's filters: an action, an actor, the first and last day (both included). Applied together, or cleared. */
export function ActivityFiltersForm({ filters, actors, onApply }: { filters: ActivityFilters; actors: ReadonlyMap<string, string>; onApply: (filters: ActivityFilters) => void }) {
  const {
    register,
    handleSubmit,
    reset,
    formState: { errors },
  } = useForm<ActivityFilters>({ defaultValues: filters });

  // The address changed (back, forward, a link): the form shows the filters in force.
  useEffect(() => reset(filters), [filters, reset]);

  const apply = handleSubmit((fields) => onApply(fields));
  return (
    <Paper withBorder p="md" component="form" onSubmit={(event) => void apply(event)} noValidate aria-label="Activity filters">
      <Group align="flex-end" wrap="wrap">
        <NativeSelect label="Action" data={ACTIONS} w={240} {...register('action')} />
        <NativeSelect label="Actor" data={actorOptions(actors)} w={240} {...register('actorId')} />
        <TextInput type="date" label="From day" w={160} {...register('fromDay')} />
        <TextInput
          type="date"
          label="To day (included)"
          w={160}
          error={errors.toDay?.message}
          {...register('toDay', { validate: (_value, fields) => filtersProblem(fields) ?? true })}
        />
        <Group gap="xs">
          <Button type="submit">Apply filters</Button>
          <Button
            type="button"
            variant="default"
            onClick={() => {
              reset(NO_FILTERS);
              onApply(NO_FILTERS);
            }}
          >
            Clear
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}
