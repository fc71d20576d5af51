/** Internal events of the reseller stream (`reseller-<id>`). They never leave the organizations service. */
export type ResellerEvent =
  | {
      type: 'ResellerCreated';
      data: {
        resellerId: string;
        name: string;
        currency: string;
        notificationEmail: string;
        supportEmail: string;
        createdBy: string;
        createdAt: string;
      };
    }
  | {
      type: 'ResellerPropertiesChanged';
      data: { resellerId: string; notificationEmail: string; supportEmail: string; changedBy: string; changedAt: string };
    };

export const resellerStreamId = (resellerId: string): string => `reseller-${resellerId}`;
