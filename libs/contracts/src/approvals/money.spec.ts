import { formatCents, parseMoneyAmount } from './money';

describe('money amounts', () => {
  it.each([
    ['1000', '1000.00', 100000n],
    ['1000.5', '1000.50', 100050n],
    ['1000.55', '1000.55', 100055n],
    ['0', '0.00', 0n],
    ['007.10', '7.10', 710n],
    ['9999999999999.99', '9999999999999.99', 999999999999999n],
  ])('accepts the string %s as %s', (input, amount, cents) => {
    expect(parseMoneyAmount(input)).toEqual({ ok: true, amount, cents });
  });

  it.each([
    [1000, '1000.00'],
    [1000.5, '1000.50'],
    [0.1, '0.10'],
    [19.99, '19.99'],
    [0, '0.00'],
    [-0, '0.00'],
  ])('accepts the number %p as %s, exactly', (input, amount) => {
    expect(parseMoneyAmount(input)).toMatchObject({ ok: true, amount });
  });

  it.each([
    ['-1', 'negative'],
    ['-0.01', 'negative'],
    [-5, 'negative'],
    [-1e30, 'negative'],
    ['-5.123', 'negative'],
    ['1000.555', 'format'],
    [0.1 + 0.2, 'format'],
    ['1,000.00', 'format'],
    ['1e3', 'format'],
    [' 100', 'format'],
    ['.5', 'format'],
    ['', 'format'],
    [true, 'format'],
    [null, 'format'],
    [{}, 'format'],
    [Number.NaN, 'format'],
    ['10000000000000', 'too_large'],
    [1e21, 'too_large'],
  ])('refuses %p (%s)', (input, reason) => {
    expect(parseMoneyAmount(input)).toEqual({ ok: false, reason });
  });

  it('formats cents with two places', () => {
    expect(formatCents(0n)).toBe('0.00');
    expect(formatCents(5n)).toBe('0.05');
    expect(formatCents(126000n)).toBe('1260.00');
    expect(formatCents(-150n)).toBe('-1.50');
  });
});
