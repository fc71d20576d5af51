import { amountProblem, budgetName, budgetTitle, costCentreOf, costCentreProblem, emptyFields, toFields, toRequestBody, type Budget } from './budget-form';

const budget = (costCentre: string | null): Budget => ({
  costCentre,
  period: 'quarterly',
  amount: '5000.00',
  overBudget: 'refused',
  currentPeriod: { key: '2026-Q4', from: '2026-10-01', to: '2026-12-31' },
  committedSpend: '4210.50',
  percentUsed: 84,
  noticesSent: [80],
  setBy: '11111111-1111-4111-8111-111111111111',
  setAt: '2026-12-01T09:00:00.000Z',
});

describe('the budget form and the API body', () => {
  it("starts as the organization's own monthly budget that asks for approval, with no amount", () => {
    expect(emptyFields()).toEqual({ scope: 'organization', costCentre: '', period: 'monthly', amount: '', overBudget: 'needs_approval' });
  });

  it('reads a budget into the form and sends back the same period, amount and choice', () => {
    const fields = toFields(budget('Sales & Marketing'));
    expect(fields).toEqual({ scope: 'cost_centre', costCentre: 'Sales & Marketing', period: 'quarterly', amount: '5000.00', overBudget: 'refused' });
    expect(toRequestBody(fields)).toEqual({ period: 'quarterly', amount: '5000.00', overBudget: 'refused' });
    expect(toFields(budget(null)).scope).toBe('organization');
  });

  it('sends the amount as typed without surrounding blanks, for the server to judge its decimals', () => {
    expect(toRequestBody({ ...emptyFields(), amount: ' 10.001 ' }).amount).toBe('10.001');
  });

  it("names the cost centre's label without surrounding blanks, and no cost centre for the organization's own budget", () => {
    expect(costCentreOf({ scope: 'cost_centre', costCentre: '  Sales ' })).toBe('Sales');
    expect(costCentreOf({ scope: 'organization', costCentre: 'Sales' })).toBeNull();
  });
});

describe("the form's own checks", () => {
  it('wants an amount written as digits with an optional decimal point', () => {
    expect(amountProblem('')).toBe('Enter the amount');
    expect(amountProblem('5,000.00')).toBe('Enter an amount such as 5000.00');
    expect(amountProblem('-1')).toBe('Enter an amount such as 5000.00');
    expect([amountProblem('5000'), amountProblem(' 5000.5 '), amountProblem('0')]).toEqual([null, null, null]);
  });

  it('wants a cost centre label of 1 to 100 characters that a URL path can carry', () => {
    expect(costCentreProblem('  ')).toBe('Enter the cost centre');
    expect(costCentreProblem('x'.repeat(101))).toBe('At most 100 characters');
    expect(costCentreProblem('..')).toMatch(/other than/);
    expect([costCentreProblem('x'.repeat(100)), costCentreProblem('Sales / EMEA')]).toEqual([null, null]);
  });
});

describe('the names of a budget', () => {
  it("says the organization's own or the cost centre's", () => {
    expect([budgetTitle(null), budgetTitle('Sales')]).toEqual(['The organization', 'Cost centre Sales']);
    expect([budgetName(null), budgetName('Sales')]).toEqual(["the organization's budget", 'the budget of cost centre Sales']);
  });
});
