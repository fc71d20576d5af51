import { renderMail, type RenderedMail } from './mail-layout';

export interface WelcomeInput {
  firstName: string;
  username: string;
  organizationName: string | null;
  loginUrl: string;
}

/** To a new user's contact address: their login name and where to sign in. Never a password: none is known here. */
export function welcomeMail(input: WelcomeInput): RenderedMail {
  const where = input.organizationName ? ` for ${input.organizationName}` : '';
  return renderMail({
    subject: 'Your new account in the cloud services portal',
    heading: 'Welcome',
    intro: `Hello ${input.firstName.trim() || input.username},\n\nan account was created for you in the cloud services portal${where}.`,
    facts: [['Login name', input.username]],
    action: { label: 'Sign in', url: input.loginUrl },
    closing:
      'For your security this e-mail does not contain a password. Sign in with the password your administrator gave you, or ask them to set a new one.',
  });
}
