import type { SupportRequestSubscriptionV1 } from '@broker/contracts';
import { formatInstant, personLabel } from './formatting';
import { renderMail, type RenderedMail } from './mail-layout';

export interface SupportRequestInput {
  supportRequestId: string;
  organizationName: string;
  organizationId: string;
  primaryDomain: string | null;
  requester: { name: string; username: string; email: string };
  subject: string;
  message: string;
  subscription: SupportRequestSubscriptionV1 | null;
  createdAt: string;
  /** The organization in the portal. */
  organizationUrl: string;
}

function subscriptionLabel(s: SupportRequestSubscriptionV1): string {
  return `${s.productName}, quantity ${s.quantity}${s.status === 'cancelled' ? ' (cancelled)' : ''}\nSubscription ${s.subscriptionId}`;
}

/** To the reseller's support address, Reply-To the requester (set by the caller): an organization asks for help. */
export function supportRequestMail(input: SupportRequestInput): RenderedMail {
  const organization = input.primaryDomain ? `${input.organizationName} (${input.primaryDomain})` : input.organizationName;
  return renderMail({
    subject: `Support request from ${input.organizationName}: ${input.subject}`,
    heading: 'New support request',
    intro: `${personLabel(input.requester)} of ${input.organizationName} asks for support. Reply to this e-mail to answer them directly.`,
    facts: [
      ['Organization', organization],
      ['Requested by', `${personLabel(input.requester)}, ${input.requester.email}`],
      ['Subscription', input.subscription ? subscriptionLabel(input.subscription) : 'None given'],
      ['Subject', input.subject],
      ['Sent at', formatInstant(input.createdAt)],
      ['Request', input.supportRequestId],
    ],
    quote: { label: 'Message', text: input.message },
    action: { label: 'Open the organization', url: input.organizationUrl },
  });
}
