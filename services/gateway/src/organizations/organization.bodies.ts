import { AddOrganizationDomainRequest, ChangeOrganizationRequest, CreateOrganizationRequest } from '@broker/contracts';
import { bodyFromContract } from '../openapi/body-from-contract';

export class CreateOrganizationBody extends bodyFromContract(CreateOrganizationRequest, {
  name: { example: 'Contoso Ltd' },
  primaryDomain: { example: 'contoso.com', description: 'Stored lower-cased; unique across the platform (409 when another organization has it)' },
  notificationEmail: { example: 'it@contoso.com' },
}) {}

export class ChangeOrganizationBody extends bodyFromContract(ChangeOrganizationRequest, {
  name: { example: 'Contoso Group' },
  notificationEmail: { example: 'it@contoso.com' },
}) {}

export class AddDomainBody extends bodyFromContract(AddOrganizationDomainRequest, {
  domain: {
    example: 'contoso.de',
    description:
      'Stored lower-cased. Added by a reseller admin: verified at once, unique across the platform (409 when another organization has it). Added by an organization admin: pending until proven by DNS or approved by the reseller',
  },
}) {}
