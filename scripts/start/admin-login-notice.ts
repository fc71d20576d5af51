/**
 * What `npm start` prints about the platform admin's login. The password is shown once, on the start that generated
 * it; afterwards the lines say where it is kept, so it does not land in every terminal log and scrollback.
 */
export interface AdminLoginFacts {
  username: string;
  password: string;
  /** PLATFORM_ADMIN_PASSWORD came from the environment: whoever set it knows it. */
  passwordFromEnvironment: boolean;
  /** This start generated the local settings (and so the password). */
  generatedNow: boolean;
  /** The local settings file, as it should be shown (relative to the repository). */
  settingsFile: string;
}

export const ADMIN_PASSWORD_KEY = 'PLATFORM_ADMIN_PASSWORD';

export function adminLoginLines(facts: AdminLoginFacts): string[] {
  const { username, settingsFile } = facts;
  if (facts.passwordFromEnvironment) return [`${username} / the password in ${ADMIN_PASSWORD_KEY}`];
  if (facts.generatedNow) {
    return [
      `${username} / ${facts.password}`,
      `(generated now and shown this once; kept in ${settingsFile} under "${ADMIN_PASSWORD_KEY}")`,
    ];
  }
  return [`${username} / the password in ${settingsFile} under "${ADMIN_PASSWORD_KEY}"`];
}
