import { ApiError, unwrap } from '../api/problem';
import { publicApi } from '../api/public-api';
import type { components } from '../api/schema.gen';

export type SessionUser = components['schemas']['SessionUserResponse'];
type Tokens = components['schemas']['TokensResponse'];

/**
 * The refresh token survives a reload of this tab (sessionStorage: per tab, gone with it); the access token lives in
 * memory only. Refresh tokens rotate: each is spent by one refresh, so refreshes are never run in parallel.
 */
const REFRESH_KEY = 'broker.refreshToken';

type Listener = () => void;

class SessionStore {
  accessToken: string | null = null;
  user: SessionUser | null = null;
  /** True once the session has ended without a logout (expired, revoked): the login page says so. */
  expired = false;
  private refreshing: Promise<boolean> | null = null;
  private readonly listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get hasRefreshToken(): boolean {
    return sessionStorage.getItem(REFRESH_KEY) !== null;
  }

  async login(username: string, password: string): Promise<SessionUser> {
    const tokens = unwrap(await publicApi.POST('/api/v1/auth/login', { body: { username, password } }));
    this.expired = false;
    this.accept(tokens);
    return tokens.user;
  }

  /** One refresh at a time; concurrent callers share its outcome. False when the session cannot go on. */
  refresh(): Promise<boolean> {
    this.refreshing ??= this.refreshOnce().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async refreshOnce(): Promise<boolean> {
    const refreshToken = sessionStorage.getItem(REFRESH_KEY);
    if (!refreshToken) return false;
    try {
      this.accept(unwrap(await publicApi.POST('/api/v1/auth/refresh', { body: { refreshToken } })));
      return true;
    } catch (error) {
      // A network failure keeps the refresh token for a later try; a refused token is spent.
      if (error instanceof ApiError && error.status > 0 && error.status < 500) sessionStorage.removeItem(REFRESH_KEY);
      return false;
    }
  }

  /** The session ended on the server's side: forget it and let the app go back to /login. */
  expire(): void {
    if (!this.user && !this.accessToken) return;
    this.expired = true;
    this.clear();
  }

  /** Logged out by the person: forget the session (the caller has told the server). */
  clear(): void {
    this.accessToken = null;
    this.user = null;
    sessionStorage.removeItem(REFRESH_KEY);
    this.notify();
  }

  private accept(tokens: Tokens): void {
    this.accessToken = tokens.accessToken;
    this.user = tokens.user;
    sessionStorage.setItem(REFRESH_KEY, tokens.refreshToken);
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}

export const session = new SessionStore();
