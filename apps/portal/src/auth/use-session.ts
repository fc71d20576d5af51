import { useSyncExternalStore } from 'react';
import { session, type SessionUser } from './session-store';

/** The signed-in user, re-rendering when the session starts or ends. */
export function useSessionUser(): SessionUser | null {
  return useSyncExternalStore(
    (listener) => session.subscribe(listener),
    () => session.user,
  );
}
