import { formatInstant } from '../../templates/formatting';
import { renderMail, type RenderedMail } from '../../templates/mail-layout';

export interface WebhookDisabledInput {
  ownerName: string;
  endpointId: string;
  /** The endpoint's address without its query (which may carry a token of the receiver's). */
  target: string;
  description: string;
  failures: number;
  lastError: string | null;
  disabledAt: string;
}

/** The URL as mailed: scheme, host and path; never its query, credentials or fragment. */
export function mailedTarget(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '(not a URL)';
  }
}

/** To the endpoint's owner: it was disabled after its deliveries kept failing. Never holds the secret. */
export function webhookDisabledMail(input: WebhookDisabledInput): RenderedMail {
  return renderMail({
    subject: `Webhook disabled: ${input.target}`,
    heading: 'A webhook endpoint was disabled',
    intro:
      `The webhook endpoint ${input.target} of ${input.ownerName} was disabled: ${input.failures} deliveries in a row could not be delivered within their retry window.` +
      '\n\nNo further events are sent to it. Once the endpoint answers again, enable it: the deliveries held back meanwhile are sent then, and failed ones can be redelivered.',
    facts: [
      ['Endpoint', input.target],
      ...(input.description ? ([['Description', input.description]] as const) : []),
      ['Endpoint id', input.endpointId],
      ['Last error', input.lastError ?? 'none recorded'],
      ['Disabled at', formatInstant(input.disabledAt)],
    ],
  });
}
