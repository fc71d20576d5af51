import { validatingAmountsIn } from '@broker/contracts';
import { validationPipe, type FieldError, ValidationFailedException } from '@broker/platform';
import { OrganizationSettingsBody } from './organization-settings.body';

const valid = { notificationEmail: 'it@contoso.com', approvalRequired: false, dynamicApproval: { enabled: true, annualLimit: '1000.00' }, billingStartDate: '2026-03-16' };

/** Runs the gateway's own validation pipe over a body, as for a PUT request. */
async function errorsOf(body: unknown): Promise<FieldError[]> {
  try {
    await validationPipe().transform(body, { type: 'body', metatype: OrganizationSettingsBody });
    return [];
  } catch (error) {
    if (error instanceof ValidationFailedException) return error.errors;
    throw error;
  }
}
const fields = async (body: unknown) => [...new Set((await errorsOf(body)).map((e) => e.field))];

describe('organization settings body', () => {
  it('accepts valid settings, the limit as a string or a number, and no limit while disabled', async () => {
    expect(await errorsOf(valid)).toEqual([]);
    expect(await errorsOf({ ...valid, dynamicApproval: { enabled: true, annualLimit: 1000 } })).toEqual([]);
    expect(await errorsOf({ ...valid, dynamicApproval: { enabled: false } })).toEqual([]);
  });

  it('names dynamicApproval.annualLimit for a negative limit, a limit with more decimals than its currency has, and a missing one while enabled', async () => {
    expect(await fields({ ...valid, dynamicApproval: { enabled: true, annualLimit: '-1.00' } })).toEqual(['dynamicApproval.annualLimit']);
    expect(await fields({ ...valid, dynamicApproval: { enabled: false, annualLimit: -5 } })).toEqual(['dynamicApproval.annualLimit']);
    // The gateway validates in the reseller's currency; without one, up to three decimals pass (KWD has three).
    expect(await validatingAmountsIn('EUR', () => fields({ ...valid, dynamicApproval: { enabled: true, annualLimit: '1.005' } }))).toEqual(['dynamicApproval.annualLimit']);
    expect(await validatingAmountsIn('JPY', () => fields({ ...valid, dynamicApproval: { enabled: true, annualLimit: '1000.5' } }))).toEqual(['dynamicApproval.annualLimit']);
    expect(await fields({ ...valid, dynamicApproval: { enabled: true, annualLimit: '1.005' } })).toEqual([]);
    expect(await fields({ ...valid, dynamicApproval: { enabled: true, annualLimit: '1.0005' } })).toEqual(['dynamicApproval.annualLimit']);
    expect(await errorsOf({ ...valid, dynamicApproval: { enabled: true } })).toEqual([
      { field: 'dynamicApproval.annualLimit', message: 'annualLimit is required when dynamic approval is enabled' },
    ]);
    expect((await errorsOf({ ...valid, dynamicApproval: { enabled: true, annualLimit: '-1' } }))[0]!.message).toContain('must not be negative');
  });

  it('names notificationEmail, billingStartDate, and unknown or missing fields', async () => {
    expect(await fields({ ...valid, notificationEmail: 'not-an-email' })).toEqual(['notificationEmail']);
    expect(await fields({ ...valid, billingStartDate: '2026-02-30' })).toEqual(['billingStartDate']);
    expect(await fields({ ...valid, billingStartDate: '16.03.2026' })).toEqual(['billingStartDate']);
    expect(await fields({ ...valid, surprise: 1 })).toEqual(['surprise']);
    expect(await fields({ ...valid, dynamicApproval: { enabled: true, annualLimit: '1.00', extra: 1 } })).toEqual(['dynamicApproval.extra']);
    expect(await fields({ notificationEmail: 'it@contoso.com' })).toEqual(expect.arrayContaining(['approvalRequired', 'dynamicApproval', 'billingStartDate']));
    expect(await fields({ ...valid, approvalRequired: 'yes' })).toEqual(['approvalRequired']);
  });
});
