import type { components } from '../../api/schema.gen';

export type OrganizationRole = components['schemas']['UserResponse']['role'];

/** The roles in the guide's words (section 1.3). */
export const ROLE_NAMES: Record<OrganizationRole, string> = {
  org_admin: 'Organizational admin',
  org_billing_admin: 'Organizational billing admin',
  org_viewer: 'Organizational view only admin',
  org_user: 'Organizational user',
};

export const ROLE_OPTIONS = (Object.keys(ROLE_NAMES) as OrganizationRole[]).map((value) => ({ value, label: ROLE_NAMES[value] }));
