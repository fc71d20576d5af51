/** Internal events of the support request stream (`support-request-<id>`). They never leave the organizations service. */
export type SupportRequestEvent = {
  type: 'SupportRequestCreated';
  data: {
    supportRequestId: string;
    resellerId: string;
    organizationId: string;
    organizationName: string;
    requestedBy: string;
    subject: string;
    message: string;
    subscription: { subscriptionId: string; productId: string; productName: string; quantity: number; status: 'active' | 'cancelled' } | null;
    createdAt: string;
  };
};

export const supportRequestStreamId = (supportRequestId: string): string => `support-request-${supportRequestId}`;
