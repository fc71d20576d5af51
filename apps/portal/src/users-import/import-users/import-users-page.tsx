import { Alert, Anchor, Button, FileInput, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, idempotencyKey } from '../../api/api-client';
import { ApiError, messageOf, unwrap } from '../../api/problem';
import { useSessionUser } from '../../auth/use-session';
import { csvDataUrl, importTemplate } from './import-template';
import { ImportJobProgress } from './import-job-progress';

/** The gateway takes files up to 20 MB. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

interface UploadFields {
  file: File | null;
}

/**
 * Import users: pick a CSV file (our template, offered for download, or the Microsoft 365 admin center "Export users"
 * file as it comes), start the import as a job, follow its progress and read each row's result. The job's id stays
 * in the address, so a reload or a later visit shows the same job.
 */
export default function ImportUsersPage() {
  const { orgId = '' } = useParams();
  const me = useSessionUser();
  const mayImport = me?.role === 'reseller_admin' || me?.role === 'org_admin';
  const [searchParams, setSearchParams] = useSearchParams();
  const jobId = searchParams.get('job');

  const organization = useQuery({
    queryKey: ['organization', orgId],
    queryFn: async () => unwrap(await api.GET('/api/v1/organizations/{orgId}', { params: { path: { orgId } } })),
  });

  return (
    <Stack gap="md" maw={960}>
      <Anchor component={Link} to={`/organizations/${orgId}/users`} size="sm">
        ← Users
      </Anchor>
      <Title order={2}>Import users{organization.data ? ` into ${organization.data.name}` : ''}</Title>
      {!mayImport ? (
        <Alert color="yellow" role="alert">
          Your role may not add users.
        </Alert>
      ) : (
        <>
          <UploadForm orgId={orgId} domain={organization.data?.primaryDomain ?? 'contoso.com'} onStarted={(id) => setSearchParams({ job: id })} />
          {jobId && <ImportJobProgress key={jobId} orgId={orgId} jobId={jobId} />}
        </>
      )}
    </Stack>
  );
}

function UploadForm({ orgId, domain, onStarted }: { orgId: string; domain: string; onStarted: (jobId: string) => void }) {
  const [failure, setFailure] = useState<string | null>(null);
  const {
    control,
    handleSubmit,
    setError,
    formState: { isSubmitting },
  } = useForm<UploadFields>({ defaultValues: { file: null } });

  const upload = handleSubmit(async ({ file }) => {
    if (!file) return;
    setFailure(null);
    try {
      const text = await file.text();
      const job = unwrap(
        await api.POST('/api/v1/organizations/{orgId}/user-import-jobs', {
          params: { path: { orgId }, header: { 'Idempotency-Key': idempotencyKey() } },
          body: text,
          bodySerializer: (body: string) => body,
          headers: { 'Content-Type': 'text/csv; charset=utf-8' },
        }),
      );
      onStarted(job.id);
    } catch (error) {
      // A file that cannot be read as a whole: the reasons belong to the file field.
      if (error instanceof ApiError && error.status === 400) {
        const reasons = Object.values(error.fieldErrors);
        setError('file', { message: reasons.length > 0 ? `${error.message}: ${reasons.join('; ')}` : error.message });
        return;
      }
      setFailure(messageOf(error));
    }
  });

  return (
    <Paper withBorder p="md" component="form" onSubmit={(event) => void upload(event)} noValidate aria-labelledby="upload-title">
      <Stack gap="sm">
        <Title order={3} size="h4" id="upload-title">
          CSV file
        </Title>
        <Text size="sm">
          Our template (columns username, firstName, lastName, email, role, password; role and password may stay empty), or the Microsoft 365 admin center
          &quot;Export users&quot; file as it comes. Users without a password cannot log in until an admin sets one. At most 10,000 users per file.
        </Text>
        <Group>
          <Button component="a" href={csvDataUrl(importTemplate(domain))} download="users-import-template.csv" variant="default" size="xs">
            Download the template
          </Button>
        </Group>
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        <Controller
          control={control}
          name="file"
          rules={{
            required: 'Choose a CSV file',
            validate: (file) => !file || file.size <= MAX_FILE_BYTES || 'The file is larger than 20 MB',
          }}
          render={({ field, fieldState }) => (
            <FileInput
              label="File to import"
              description="A .csv file of at most 20 MB"
              accept=".csv,text/csv"
              required
              clearable
              clearButtonProps={{ 'aria-label': 'Clear the chosen file' }}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              error={fieldState.error?.message}
            />
          )}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={isSubmitting}>
            Import users
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
