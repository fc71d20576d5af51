import createClient from 'openapi-fetch';
import type { paths } from './schema.gen';

/** Calls that need no token (login, refresh): no retry, no session handling. */
export const publicApi = createClient<paths>({ baseUrl: '' });
