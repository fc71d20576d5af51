import { useEffect, useState } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { Center, Loader } from '@mantine/core';
import { session } from './session-store';
import { useSessionUser } from './use-session';

/**
 * Pages behind it need a session. After a reload the refresh token (if any) starts a new one first; without a
 * session the browser goes to /login, which comes back to the wanted URL after sign-in.
 */
export function RequireSession() {
  const user = useSessionUser();
  const location = useLocation();
  const [restoring, setRestoring] = useState(() => !user && session.hasRefreshToken);

  useEffect(() => {
    if (!restoring) return;
    void session.refresh().finally(() => setRestoring(false));
  }, [restoring]);

  if (restoring)
    return (
      <Center h="100vh">
        <Loader aria-label="Signing in" />
      </Center>
    );
  if (!user) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}
