/**
 * Vendor extensions that @Public() and @Roles() put on an operation, for documentErrorAnswers to document 401 and
 * 403 from; it removes them from the published document.
 */
export const PUBLIC_EXTENSION = 'x-broker-public';
export const ROLES_EXTENSION = 'x-broker-roles';
