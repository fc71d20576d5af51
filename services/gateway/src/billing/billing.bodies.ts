import { SetBillingDetailsRequest } from '@broker/contracts';
import { bodyFromContract } from '../openapi/body-from-contract';

/** PUT /organizations/{orgId}/billing/details: the whole resource ("set to"). */
export class BillingDetailsBody extends bodyFromContract(SetBillingDetailsRequest, {
  billingContactName: { example: 'Bea Billing' },
  billingEmail: { example: 'billing@contoso.com' },
  purchaseOrderReference: { type: String, nullable: true, example: 'PO-2026-0042', description: 'Purchase order or other reference printed on invoices' },
  invoiceAddress: { example: 'Contoso Ltd\nMain Street 1\n12345 Springfield', description: 'As printed on invoices; lines separated by newlines' },
}) {}
