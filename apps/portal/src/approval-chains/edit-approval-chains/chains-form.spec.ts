import { emptyRule, formFieldOf, placeServerErrors, readableMessage, toFields, toRequestBody, type ApprovalChains } from './chains-form';

const ANNA = '11111111-1111-4111-8111-111111111111';
const BILL = '22222222-2222-4222-8222-222222222222';
const PRODUCT = '33333333-3333-4333-8333-333333333333';
const ORG = '44444444-4444-4444-8444-444444444444';

const chains: ApprovalChains = {
  organizationId: ORG,
  rules: [
    { condition: { type: 'annual_value_above', amount: '1000.00' }, steps: [{ approverIds: [ANNA] }, { approverIds: [BILL, ANNA] }] },
    { condition: { type: 'products', productIds: [PRODUCT] }, steps: [{ approverIds: [BILL] }] },
    { condition: { type: 'always' }, steps: [{ approverIds: [ANNA] }] },
  ],
  escalation: { reminderAfterMinutes: 60, escalateAfterMinutes: 240, autoRejectAfterMinutes: null },
};

describe('the approval chains form and the API body', () => {
  it('reads the chains into the form and sends them back unchanged', () => {
    const fields = toFields(chains);
    expect(fields.rules[0]).toEqual({ type: 'annual_value_above', amount: '1000.00', productIds: [], steps: [{ approverIds: [ANNA] }, { approverIds: [BILL, ANNA] }] });
    expect(fields).toMatchObject({ escalationEnabled: true, reminderAfterMinutes: '60', escalateAfterMinutes: '240', autoRejectAfterMinutes: '' });
    expect(toRequestBody(fields)).toEqual({ rules: chains.rules, escalation: chains.escalation });
  });

  it('sends only the chosen condition\'s input, minutes as numbers, and no escalation while it is off', () => {
    const rule = { ...emptyRule(), amount: ' 250.50 ', productIds: [PRODUCT], steps: [{ approverIds: [ANNA] }] };
    const on = { rules: [{ ...rule, type: 'annual_value_above' as const }], escalationEnabled: true, reminderAfterMinutes: ' 30', escalateAfterMinutes: '90', autoRejectAfterMinutes: '600' };
    expect(toRequestBody(on)).toEqual({
      rules: [{ condition: { type: 'annual_value_above', amount: '250.50' }, steps: [{ approverIds: [ANNA] }] }],
      escalation: { reminderAfterMinutes: 30, escalateAfterMinutes: 90, autoRejectAfterMinutes: 600 },
    });
    const off = { ...on, rules: [{ ...rule, type: 'always' as const }], escalationEnabled: false };
    expect(toRequestBody(off)).toEqual({ rules: [{ condition: { type: 'always' }, steps: [{ approverIds: [ANNA] }] }], escalation: null });
    expect(toRequestBody({ ...on, rules: [{ ...rule, type: 'products' }] }).rules[0]!.condition).toEqual({ type: 'products', productIds: [PRODUCT] });
  });

  it('reads chains that were never set as no rules and no escalation', () => {
    expect(toFields({ organizationId: ORG, rules: [], escalation: null })).toEqual({ rules: [], escalationEnabled: false, reminderAfterMinutes: '', escalateAfterMinutes: '', autoRejectAfterMinutes: '' });
  });
});

describe('server messages next to the fields', () => {
  it("places the gateway's dotted and the service's bracketed field names on the form's fields", () => {
    expect(formFieldOf('rules.0.condition.amount')).toBe('rules.0.amount');
    expect(formFieldOf('rules[2].condition.productIds[1]')).toBe('rules.2.productIds');
    expect(formFieldOf('rules[0].condition.type')).toBe('rules.0.type');
    expect(formFieldOf('rules[1]')).toBe('rules.1.type');
    expect(formFieldOf('rules[0].steps[1].approverIds[2]')).toBe('rules.0.steps.1.approverIds');
    expect(formFieldOf('rules.3.steps.0.approverIds')).toBe('rules.3.steps.0.approverIds');
    expect(formFieldOf('escalation.reminderAfterMinutes')).toBe('reminderAfterMinutes');
    expect(formFieldOf('autoRejectAfterMinutes')).toBe('autoRejectAfterMinutes');
    expect(formFieldOf('rules')).toBeNull();
    expect(formFieldOf('rules[0].steps')).toBeNull();
    expect(formFieldOf('extra')).toBeNull();
  });

  it('says a message without its field path, with the rule number and the person named', () => {
    const field = 'rules[0].steps[0].approverIds[1]';
    expect(readableMessage(field, `${field}: ${BILL} is not a user of this organization`, (id) => (id === BILL ? 'Bill Approver' : undefined))).toBe(
      'Bill Approver is not a user of this organization',
    );
    expect(readableMessage('rules[1]', 'rules[1] follows a rule that always applies and would never be used')).toBe('Rule 2 follows a rule that always applies and would never be used');
    expect(readableMessage('x', `${ANNA} twice`)).toBe(`${ANNA} twice`);
  });

  it('joins the messages of one field and keeps those of no field apart', () => {
    const { byField, unplaced } = placeServerErrors([
      { field: 'rules[0].steps[0].approverIds[0]', message: 'rules[0].steps[0].approverIds[0]: a' },
      { field: 'rules[0].steps[0].approverIds[2]', message: 'rules[0].steps[0].approverIds[2]: b' },
      { field: 'rules', message: 'rules must hold at least one rule' },
    ]);
    expect([...byField]).toEqual([['rules.0.steps.0.approverIds', 'A; B']]);
    expect(unplaced).toEqual(['Rules must hold at least one rule']);
  });
});
