import type { Role } from '@broker/contracts';
import type { DocumentReader } from '@broker/read-models';
import { Directory, USER_DIRECTORY, type KnownUser, type UserEntry } from '../directory/directory';
import type { Mailbox } from '../mail/mailbox';

/** Who a budget notice goes to: the organization's billing admins, else its admins; `none` when it has neither. */
export type BudgetNoticeAudience = 'billing_admins' | 'admins' | 'none';

export interface BudgetNoticeRecipients {
  audience: BudgetNoticeAudience;
  recipients: Mailbox[];
}

/** Users of the organization with the role, not deleted and with an e-mail on record (at most the first 500). */
export async function organizationMembers(reader: DocumentReader, organizationId: string, role: Role): Promise<KnownUser[]> {
  const directory = new Directory(reader);
  const found = await reader.find<UserEntry>(USER_DIRECTORY.name, { where: { organizationId, role }, limit: 500 });
  const members: KnownUser[] = [];
  for (const { id } of found.items) {
    const user = await directory.user(id);
    if (user && !user.deleted) members.push(user);
  }
  return members;
}

/** Deleted users dropped, each address once (case and surrounding space ignored), in the order given. */
function mailboxes(users: readonly KnownUser[]): Mailbox[] {
  const seen = new Set<string>();
  const out: Mailbox[] = [];
  for (const user of users) {
    const key = user.email.trim().toLowerCase();
    if (user.deleted || !key || seen.has(key)) continue;
    seen.add(key);
    out.push({ name: user.name, address: user.email });
  }
  return out;
}

/**
 * The billing admins when the organization has any who can be mailed; otherwise its admins, so the notice is not
 * lost. Admins are read only when needed (`admins` is called at most once).
 */
export async function chooseBudgetNoticeRecipients(billingAdmins: readonly KnownUser[], admins: () => Promise<readonly KnownUser[]>): Promise<BudgetNoticeRecipients> {
  const billing = mailboxes(billingAdmins);
  if (billing.length > 0) return { audience: 'billing_admins', recipients: billing };
  const fallback = mailboxes(await admins());
  return fallback.length > 0 ? { audience: 'admins', recipients: fallback } : { audience: 'none', recipients: [] };
}
