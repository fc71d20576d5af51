import type { BudgetThresholdReachedV1 } from '@broker/contracts';
import { budgetThresholdReachedMail } from './budget-threshold-reached.template';

const budget: BudgetThresholdReachedV1 = {
  organizationId: 'o-1',
  resellerId: 'r-1',
  costCentre: null,
  period: 'monthly',
  periodKey: '2026-03',
  threshold: 80,
  budget: '1000.00',
  committedSpend: '812.50',
  currency: 'EUR',
  reachedAt: '2026-03-16T09:05:00.000Z',
};
const budgetsUrl = 'https://portal.example/organizations/o-1/budgets';
/** Text between tags: what a reader of the HTML part sees. */
const visibleText = (markup: string) => markup.replace(/<[^>]*>/g, ' ');

describe('budget threshold reached mail', () => {
  it("names the organization and period in the subject, and gives budget, spend, currency, period and the budgets' link", () => {
    const mail = budgetThresholdReachedMail({ organizationName: 'Contoso', budget, budgetsUrl });
    expect(mail.subject).toBe('Budget 80 % reached: Contoso 2026-03');
    expect(mail.text).toContain('Committed spend of Contoso has reached 80 % of the monthly budget for 2026-03: 812.50 EUR of 1000.00 EUR.');
    expect(mail.text).toContain('Period: Monthly, 2026-03');
    expect(mail.text).toContain('Budget: 1000.00 EUR');
    expect(mail.text).toContain('Committed spend: 812.50 EUR');
    expect(mail.text).toContain('Threshold: 80 %');
    expect(mail.text).toContain('Reached at: 2026-03-16 09:05 UTC');
    expect(mail.text).toContain(`See the budgets: ${budgetsUrl}`);
    expect(mail.text).not.toContain('Cost centre');
    expect(mail.html).toContain(`href="${budgetsUrl}"`);
    for (const part of ['Contoso', '1000.00 EUR', '812.50 EUR', 'Monthly, 2026-03']) expect(visibleText(mail.html)).toContain(part);
  });

  it("names a cost centre's budget by the cost centre, and a reached budget as used up", () => {
    const mail = budgetThresholdReachedMail({
      organizationName: 'Contoso',
      budget: { ...budget, costCentre: 'Marketing', period: 'quarterly', periodKey: '2026-Q1', threshold: 100, committedSpend: '1020.00' },
      budgetsUrl,
    });
    expect(mail.subject).toBe('Budget 100 % reached: Marketing 2026-Q1');
    expect(mail.text).toContain('A budget is used up');
    expect(mail.text).toContain('Committed spend of the cost centre Marketing of Contoso has reached the whole quarterly budget for 2026-Q1: 1020.00 EUR of 1000.00 EUR.');
    expect(mail.text).toContain('Cost centre: Marketing');
    expect(mail.text).toContain('Organization: Contoso');
  });

  it('says nothing of what happens to orders over the budget (the event does not tell)', () => {
    const mail = budgetThresholdReachedMail({ organizationName: 'Contoso', budget: { ...budget, threshold: 100, period: 'yearly', periodKey: '2026' }, budgetsUrl });
    expect(mail.subject).toBe('Budget 100 % reached: Contoso 2026');
    expect(mail.text).not.toMatch(/order|refus|block|approv/i);
  });

  it('keeps a cost centre with markup or line breaks as text: escaped in the HTML, on one line in the subject', () => {
    const mail = budgetThresholdReachedMail({ organizationName: 'Contoso', budget: { ...budget, costCentre: '<b>R&D</b>\nBcc: x@evil.example' }, budgetsUrl });
    expect(mail.subject).toBe('Budget 80 % reached: <b>R&D</b> Bcc: x@evil.example 2026-03');
    expect(mail.html).not.toContain('<b>R&D</b>');
    expect(mail.html).toContain('&lt;b&gt;R&amp;D&lt;/b&gt;');
  });
});
