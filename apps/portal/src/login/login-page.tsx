import { Alert, Button, Container, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../api/api-client';
import { ApiError, messageOf, unwrap } from '../api/problem';
import { landingPath, safeNextPath } from '../auth/landing-path';
import { session } from '../auth/session-store';

interface LoginFields {
  username: string;
  password: string;
}

export default function LoginPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [failure, setFailure] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<LoginFields>({ defaultValues: { username: '', password: '' } });

  const signIn = handleSubmit(async ({ username, password }) => {
    setFailure(null);
    try {
      await session.login(username.trim(), password);
      const me = unwrap(await api.GET('/api/v1/me'));
      void navigate(safeNextPath(params.get('next')) ?? landingPath(me), { replace: true });
    } catch (error) {
      const fields = error instanceof ApiError ? error.fieldErrors : {};
      for (const field of ['username', 'password'] as const) if (fields[field]) setError(field, { message: fields[field] });
      setFailure(messageOf(error));
    }
  });

  return (
    <Container size={420} py={64}>
      <Title order={1} ta="center" size="h2">
        Cloud service broker
      </Title>
      <Paper withBorder shadow="sm" p="lg" mt="lg" radius="md">
        <form onSubmit={(event) => void signIn(event)} noValidate aria-labelledby="login-title">
          <Stack>
            <Title order={2} size="h3" id="login-title">
              Log in
            </Title>
            {session.expired && !failure && (
              <Alert color="yellow" role="status">
                Your session has ended. Log in again to continue.
              </Alert>
            )}
            {failure && (
              <Alert color="red" role="alert" title="Login refused">
                {failure}
              </Alert>
            )}
            <TextInput
              label="Username"
              autoComplete="username"
              required
              error={errors.username?.message}
              {...register('username', { required: 'Enter your username' })}
            />
            <PasswordInput
              label="Password"
              autoComplete="current-password"
              required
              error={errors.password?.message}
              {...register('password', { required: 'Enter your password' })}
            />
            <Button type="submit" loading={isSubmitting} fullWidth>
              Log in
            </Button>
          </Stack>
        </form>
      </Paper>
    </Container>
  );
}
