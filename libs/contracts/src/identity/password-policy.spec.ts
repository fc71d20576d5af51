import { checkPassword, nameParts, passwordRules } from './password-policy';

const anna = { username: 'anna.berg@contoso.com', firstName: 'Anna', lastName: 'Berg-Lund' };
const rules = (password: string, options = {}) => checkPassword(password, anna, options).map((v) => v.rule);

describe('password policy (seed 1.3)', () => {
  it('accepts a password that meets every rule', () => {
    expect(rules('Tr0ub4dor&3x')).toEqual([]);
  });

  it.each([
    ['min_length', 'Ab1!xyz'],
    ['uppercase', 'tr0ub4dor&3x'],
    ['lowercase', 'TR0UB4DOR&3X'],
    ['digit', 'Troubador&xx'],
    ['symbol', 'Tr0ub4dor3xx'],
  ])('reports %s', (rule, password) => {
    expect(rules(password)).toEqual([rule]);
  });

  it('counts an underscore as a word character, not a symbol', () => {
    expect(rules('Tr0ub4dor_3x')).toEqual(['symbol']);
  });

  it('refuses parts of the account name, case-insensitively', () => {
    expect(rules('Xq!9CONTOSOz')).toEqual(['contains_account_name']);
    expect(rules('Xq!9zANNAz')).toContain('contains_account_name');
  });

  it('refuses parts of the full name of three letters or more', () => {
    expect(rules('Xq!9zLUNDz')).toEqual(['contains_name']);
    expect(rules('Xq!9zBeRgz')).toEqual(expect.arrayContaining(['contains_name']));
  });

  it('reports every broken rule at once', () => {
    expect(rules('anna')).toEqual(['min_length', 'uppercase', 'digit', 'symbol', 'contains_account_name', 'contains_name']);
  });

  it('accepts a 64-character passphrase and never truncates a long one', () => {
    const passphrase = 'Correct-Horse-Battery-Staple-9 on a quiet Tuesday in Reykjavik?!';
    expect([...passphrase].length).toBe(64);
    expect(rules(passphrase)).toEqual([]);
    expect(rules(`${'Aa1!'.repeat(40)}`)).toEqual([]);
    expect(rules(`${'Aa1!'.repeat(300)}`)).toEqual(['max_length']);
  });

  it('refuses a common password when a list is given', () => {
    expect(rules('P@ssw0rd123', { isCommon: (p: string) => p === 'P@ssw0rd123' })).toEqual(['common']);
  });

  it('under the NIST policy wants 15 characters and no composition', () => {
    expect(rules('just lowercase words here', { policy: 'nist' })).toEqual([]);
    expect(rules('Short1!', { policy: 'nist' })).toEqual(['min_length']);
  });

  it('splits names into parts of three or more characters', () => {
    expect(nameParts('Jo Ann-Marie')).toEqual(['ann', 'marie']);
  });

  it('lists the rules each policy checks, so a form can show them before any is broken', () => {
    expect(passwordRules('seed').map((r) => r.rule)).toEqual(['min_length', 'max_length', 'uppercase', 'lowercase', 'digit', 'symbol', 'contains_account_name', 'contains_name', 'common']);
    expect(passwordRules('nist').map((r) => r.rule)).toEqual(['min_length', 'max_length', 'contains_account_name', 'contains_name', 'common']);
    const listed = new Map(passwordRules().map((r) => [r.rule, r.message]));
    for (const violation of checkPassword('anna', anna)) expect(violation.message).toBe(listed.get(violation.rule));
  });
});
