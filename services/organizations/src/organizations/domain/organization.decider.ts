import type { Decider } from '@broker/event-sourcing';
import type { InternetDomainProof, OrganizationEvent } from './organization.events';
import { InternetDomainNotFoundError, OrganizationAlreadyExistsError, OrganizationNotFoundError, PrimaryDomainRemovalError } from './organization.errors';

interface CommandBase {
  actorId: string;
  at: Date;
}

/** Domains arrive lower-cased and validated (normalizeInternetDomainName); the decider compares them as given. */
export type OrganizationCommand =
  | (CommandBase & {
      type: 'CreateOrganization';
      data: { organizationId: string; resellerId: string; name: string; primaryDomain: string; notificationEmail: string };
    })
  | (CommandBase & { type: 'ChangeOrganization'; data: { organizationId: string; name?: string; notificationEmail?: string } })
  | (CommandBase & { type: 'AddDomain'; data: { organizationId: string; domain: string; proof?: InternetDomainProof } })
  /** A new token for a domain not yet the organization's (replacing an earlier request's token). */
  | (CommandBase & { type: 'RequestDomainVerification'; data: { organizationId: string; domain: string; token: string } })
  | (CommandBase & { type: 'CancelDomainVerification'; data: { organizationId: string; domain: string } })
  | (CommandBase & { type: 'RemoveDomain'; data: { organizationId: string; domain: string } })
  | (CommandBase & { type: 'SetOrganizationSettings'; data: { organizationId: string; notificationEmail: string; billingStartDate: string } });

export type OrganizationState =
  | { status: 'none' }
  | {
      status: 'active';
      id: string;
      resellerId: string;
      name: string;
      primaryDomain: string;
      /** The primary domain first, then the others in the order they were added: the organization's for sure. */
      domains: string[];
      /** Domains asked for and not yet proven, in the order asked. */
      pendingDomains: PendingInternetDomain[];
      notificationEmail: string;
      billingStartDate: string;
      createdAt: string;
    };

export interface PendingInternetDomain {
  domain: string;
  token: string;
  requestedAt: string;
}

export type ActiveOrganization = Extract<OrganizationState, { status: 'active' }>;

/** The UTC calendar date of an instant: a new organization's billing starts on the day it is created. */
const utcDate = (at: Date): string => at.toISOString().slice(0, 10);

export const organizationDecider: Decider<OrganizationCommand, OrganizationEvent, OrganizationState> = {
  initialState: () => ({ status: 'none' }),

  decide(command, state) {
    const at = command.at.toISOString();
    if (command.type === 'CreateOrganization') {
      if (state.status !== 'none') throw new OrganizationAlreadyExistsError(command.data.organizationId);
      const { organizationId, resellerId, name, primaryDomain, notificationEmail } = command.data;
      return [
        {
          type: 'OrganizationCreated',
          data: { organizationId, resellerId, name, primaryDomain, notificationEmail, billingStartDate: utcDate(command.at), createdBy: command.actorId, createdAt: at },
        },
      ];
    }
    if (state.status === 'none') throw new OrganizationNotFoundError(command.data.organizationId);
    const { id: organizationId, resellerId } = state;
    switch (command.type) {
      case 'ChangeOrganization': {
        const name = command.data.name ?? state.name;
        const notificationEmail = command.data.notificationEmail ?? state.notificationEmail;
        if (name === state.name && notificationEmail === state.notificationEmail) return [];
        return [{ type: 'OrganizationChanged', data: { organizationId, resellerId, name, notificationEmail, changedBy: command.actorId, changedAt: at } }];
      }
      case 'AddDomain': {
        if (state.domains.includes(command.data.domain)) return [];
        const proof = command.data.proof ?? 'reseller';
        return [{ type: 'OrganizationDomainAdded', data: { organizationId, resellerId, domain: command.data.domain, addedBy: command.actorId, addedAt: at, proof } }];
      }
      case 'RequestDomainVerification': {
        const { domain, token } = command.data;
        if (state.domains.includes(domain)) return [];
        return [{ type: 'OrganizationDomainVerificationRequested', data: { organizationId, resellerId, domain, token, requestedBy: command.actorId, requestedAt: at } }];
      }
      case 'CancelDomainVerification': {
        const { domain } = command.data;
        if (!state.pendingDomains.some((p) => p.domain === domain)) throw new InternetDomainNotFoundError(domain);
        return [{ type: 'OrganizationDomainVerificationCancelled', data: { organizationId, resellerId, domain, cancelledBy: command.actorId, cancelledAt: at } }];
      }
      case 'RemoveDomain': {
        const { domain } = command.data;
        if (domain === state.primaryDomain) throw new PrimaryDomainRemovalError(domain);
        if (!state.domains.includes(domain)) throw new InternetDomainNotFoundError(domain);
        return [{ type: 'OrganizationDomainRemoved', data: { organizationId, resellerId, domain, removedBy: command.actorId, removedAt: at } }];
      }
      case 'SetOrganizationSettings': {
        const { notificationEmail, billingStartDate } = command.data;
        if (notificationEmail === state.notificationEmail && billingStartDate === state.billingStartDate) return [];
        return [
          { type: 'OrganizationSettingsChanged', data: { organizationId, resellerId, notificationEmail, billingStartDate, changedBy: command.actorId, changedAt: at } },
        ];
      }
    }
  },

  evolve(state, event) {
    if (event.type === 'OrganizationCreated') {
      const { organizationId, resellerId, name, primaryDomain, notificationEmail, billingStartDate, createdAt } = event.data;
      return { status: 'active', id: organizationId, resellerId, name, primaryDomain, domains: [primaryDomain], pendingDomains: [], notificationEmail, billingStartDate, createdAt };
    }
    if (state.status === 'none') return state;
    switch (event.type) {
      case 'OrganizationChanged':
        return { ...state, name: event.data.name, notificationEmail: event.data.notificationEmail };
      case 'OrganizationDomainAdded': {
        const pendingDomains = withoutPending(state.pendingDomains, event.data.domain);
        return state.domains.includes(event.data.domain) ? { ...state, pendingDomains } : { ...state, domains: [...state.domains, event.data.domain], pendingDomains };
      }
      case 'OrganizationDomainVerificationRequested': {
        const { domain, token, requestedAt } = event.data;
        return { ...state, pendingDomains: [...withoutPending(state.pendingDomains, domain), { domain, token, requestedAt }] };
      }
      case 'OrganizationDomainVerificationCancelled':
        return { ...state, pendingDomains: withoutPending(state.pendingDomains, event.data.domain) };
      case 'OrganizationDomainRemoved':
        return { ...state, domains: state.domains.filter((d) => d !== event.data.domain) };
      case 'OrganizationSettingsChanged':
        return { ...state, notificationEmail: event.data.notificationEmail, billingStartDate: event.data.billingStartDate };
    }
  },
};

const withoutPending = (pending: PendingInternetDomain[], domain: string): PendingInternetDomain[] => pending.filter((p) => p.domain !== domain);
