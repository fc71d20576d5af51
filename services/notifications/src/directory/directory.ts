import type { Role } from '@broker/contracts';
import { DomainError } from '@broker/event-sourcing';
import type { CollectionDefinition, DocumentReader, UnitOfWork } from '@broker/read-models';
import { mergeFields, type DirectoryEntry } from './field-merge';

/**
 * What the notifications service knows of people, organizations and resellers: learnt from integration events
 * into its own store (never read from another service), enough to address and word its e-mails.
 */
/** Indexed by organization and role: an overdue approval step of an organization is escalated to its admins. */
export const USER_DIRECTORY: CollectionDefinition = { name: 'directory_users', indexes: { organizationId: 'string', role: 'string' } };
export const ORGANIZATION_DIRECTORY: CollectionDefinition = { name: 'directory_organizations', indexes: {} };
export const RESELLER_DIRECTORY: CollectionDefinition = { name: 'directory_resellers', indexes: {} };
export const DIRECTORY_COLLECTIONS = [USER_DIRECTORY, ORGANIZATION_DIRECTORY, RESELLER_DIRECTORY] as const;

export interface UserFacts {
  userId: string;
  username: string;
  firstName: string;
  lastName: string;
  email: string;
  role: Role;
  resellerId: string | null;
  organizationId: string | null;
  deleted: boolean;
}

export interface OrganizationFacts {
  organizationId: string;
  resellerId: string;
  name: string;
  primaryDomain: string;
  notificationEmail: string;
}

export interface ResellerFacts {
  resellerId: string;
  name: string;
  currency: string;
  notificationEmail: string;
  supportEmail: string;
}

export type UserEntry = DirectoryEntry<UserFacts>;
export type OrganizationEntry = DirectoryEntry<OrganizationFacts>;
export type ResellerEntry = DirectoryEntry<ResellerFacts>;

/**
 * An e-mail needs a fact this service has not learnt yet (the other service's event is still on its way). The
 * message is retried by its consumer, which parks it if the fact never arrives.
 */
export class DirectoryEntryMissingError extends DomainError {
  constructor(what: string, id: string, field: string) {
    super('NOTIFICATION.DIRECTORY_ENTRY_MISSING', `The ${field} of ${what} ${id} is not known yet`);
  }
}

export async function learn<T extends object>(uow: UnitOfWork, collection: CollectionDefinition, id: string, fields: Partial<T>, at: string): Promise<void> {
  const current = await uow.get<DirectoryEntry<T>>(collection.name, id);
  await uow.upsert(collection.name, id, mergeFields<T>(current?.data ?? null, fields, at));
}

export type KnownUser = Pick<UserFacts, 'userId' | 'username' | 'firstName' | 'lastName' | 'email' | 'deleted'> & { name: string };

/** Lookups for the e-mail handlers, inside their unit of work. */
export class Directory {
  constructor(private readonly reader: DocumentReader) {}

  async user(userId: string): Promise<KnownUser | null> {
    const entry = (await this.reader.get<UserEntry>(USER_DIRECTORY.name, userId))?.data;
    if (!entry?.username || !entry.email) return null;
    const firstName = entry.firstName ?? '';
    const lastName = entry.lastName ?? '';
    return { userId, username: entry.username, firstName, lastName, email: entry.email, deleted: entry.deleted ?? false, name: `${firstName} ${lastName}`.trim() };
  }

  async requireUser(userId: string): Promise<KnownUser> {
    const user = await this.user(userId);
    if (!user) throw new DirectoryEntryMissingError('user', userId, 'username and e-mail');
    return user;
  }

  /** The organization's admins who can be mailed (not deleted), at most the first 500. */
  async organizationAdmins(organizationId: string): Promise<KnownUser[]> {
    const found = await this.reader.find<UserEntry>(USER_DIRECTORY.name, { where: { organizationId, role: 'org_admin' }, limit: 500 });
    const admins: KnownUser[] = [];
    for (const { id } of found.items) {
      const user = await this.user(id);
      if (user && !user.deleted) admins.push(user);
    }
    return admins;
  }

  async organization(organizationId: string): Promise<OrganizationEntry | null> {
    return (await this.reader.get<OrganizationEntry>(ORGANIZATION_DIRECTORY.name, organizationId))?.data ?? null;
  }

  async requireOrganization(organizationId: string): Promise<OrganizationEntry & { name: string; notificationEmail: string }> {
    const entry = await this.organization(organizationId);
    if (!entry?.name || !entry.notificationEmail) throw new DirectoryEntryMissingError('organization', organizationId, 'name and notification e-mail');
    return entry as OrganizationEntry & { name: string; notificationEmail: string };
  }

  async requireReseller(resellerId: string, field: 'notificationEmail' | 'supportEmail'): Promise<ResellerEntry & { name: string } & Record<typeof field, string>> {
    const entry = (await this.reader.get<ResellerEntry>(RESELLER_DIRECTORY.name, resellerId))?.data;
    if (!entry?.[field]) throw new DirectoryEntryMissingError('reseller', resellerId, field === 'supportEmail' ? 'support e-mail' : 'notification e-mail');
    return { ...entry, name: entry.name ?? '' } as ResellerEntry & { name: string } & Record<typeof field, string>;
  }
}
