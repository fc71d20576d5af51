import { validate } from 'class-validator';
import { amountIn, currencyExponent, formatAmount, formatCents, IsMoneyAmount, moneyErrorMessage, parseMoneyAmount, readMoneyAmount, validatingAmountsIn } from './money';

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

describe('money amounts in their currency', () => {
  it('takes the number of decimals from the currency', () => {
    expect(['JPY', 'KRW', 'EUR', 'USD', 'SEK', 'KWD', 'BHD', 'JOD', 'OMR', 'TND'].map((c) => `${c} ${currencyExponent(c)}`)).toEqual([
      'JPY 0', 'KRW 0', 'EUR 2', 'USD 2', 'SEK 2', 'KWD 3', 'BHD 3', 'JOD 3', 'OMR 3', 'TND 3',
    ]);
    expect([currencyExponent(null), currencyExponent(undefined), currencyExponent('XYZ')]).toEqual([2, 2, 2]);
  });

  it.each([
    ['JPY', '1260', '1260', 1260n],
    ['JPY', '1260.00', '1260', 1260n],
    ['JPY', '0', '0', 0n],
    ['JPY', 1260, '1260', 1260n],
    ['JPY', 1260.0, '1260', 1260n],
    ['JPY', '9999999999999', '9999999999999', 9999999999999n],
    ['EUR', '1260', '1260.00', 126000n],
    ['EUR', '1260.5', '1260.50', 126050n],
    ['EUR', '1260.500', '1260.50', 126050n],
    ['EUR', 19.99, '19.99', 1999n],
    ['EUR', '9999999999999.99', '9999999999999.99', 999999999999999n],
    ['KWD', '1.25', '1.250', 1250n],
    ['KWD', '1.250', '1.250', 1250n],
    ['KWD', '1.2500', '1.250', 1250n],
    ['KWD', '0.005', '0.005', 5n],
    ['KWD', 1.005, '1.005', 1005n],
    ['KWD', '9999999999999.999', '9999999999999.999', 9999999999999999n],
  ])('%s: reads %p as %s (%p in minor units)', (currency, input, amount, cents) => {
    expect(parseMoneyAmount(input, currency)).toEqual({ ok: true, amount, cents });
  });

  it.each([
    ['JPY', '1260.5', 'format'],
    ['JPY', '1260.01', 'format'],
    ['JPY', 1260.5, 'format'],
    ['JPY', '10000000000000', 'too_large'],
    ['JPY', '-1', 'negative'],
    ['EUR', '1260.555', 'format'],
    ['EUR', '1260.5001', 'format'],
    ['EUR', 0.1 + 0.2, 'format'],
    ['KWD', '1.2345', 'format'],
    ['KWD', 1.0005, 'format'],
    ['KWD', '10000000000000.000', 'too_large'],
    ['KWD', '-0.001', 'negative'],
  ])('%s: refuses %p (%s)', (currency, input, reason) => {
    expect(parseMoneyAmount(input, currency)).toEqual({ ok: false, reason });
  });

  it('formats minor units with exactly the currency decimals', () => {
    expect([formatAmount(1260n, 'JPY'), formatAmount(0n, 'JPY'), formatAmount(-5n, 'JPY')]).toEqual(['1260', '0', '-5']);
    expect([formatAmount(126000n, 'EUR'), formatAmount(5n, 'EUR'), formatAmount(126000n, null)]).toEqual(['1260.00', '0.05', '1260.00']);
    expect([formatAmount(1250n, 'KWD'), formatAmount(5n, 'KWD'), formatAmount(-1250n, 'KWD')]).toEqual(['1.250', '0.005', '-1.250']);
  });

  it('reads recorded amounts: two-decimal ones of a currency without decimals still read, rounded half-up once', () => {
    expect([readMoneyAmount('1260.00', 'JPY'), readMoneyAmount('10.49', 'JPY'), readMoneyAmount('10.50', 'JPY'), readMoneyAmount('1.25', 'KWD'), readMoneyAmount('10.50', 'EUR')]).toEqual([
      1260n, 10n, 11n, 1250n, 1050n,
    ]);
    expect([amountIn('1260.00', 'JPY'), amountIn('1.25', 'KWD'), amountIn('10.5', 'EUR'), amountIn('n/a', 'EUR')]).toEqual(['1260', '1.250', '10.50', 'n/a']);
    expect(() => readMoneyAmount('ten', 'EUR')).toThrow('Not a money amount: ten');
  });

  it('says what the currency allows; the two-decimal message reads as it always did', () => {
    expect(moneyErrorMessage('price', 'format', 'JPY')).toBe('price must be an amount such as "1000" (JPY has no decimals: a whole number, as a string or a number)');
    expect(moneyErrorMessage('price', 'format', 'KWD')).toBe('price must be an amount such as "1000.000" (KWD has three decimals: a decimal string with at most three decimals, or a number)');
    expect(moneyErrorMessage('price', 'format', 'EUR')).toBe(moneyErrorMessage('price', 'format'));
    expect(moneyErrorMessage('price', 'format', 'EUR')).toBe('price must be an amount such as "1000.00" (a decimal string with at most two decimals, or a number)');
    expect(moneyErrorMessage('cost', 'negative', 'JPY')).toBe('cost must not be negative');
  });
});

describe('IsMoneyAmount', () => {
  class Priced {
    @IsMoneyAmount()
    price?: unknown;
  }
  const messages = async (price: unknown) => (await validate(Object.assign(new Priced(), { price }))).flatMap((e) => Object.values(e.constraints ?? {}));

  it('takes up to three decimals where the currency is not known (the service that knows it checks again)', async () => {
    expect(await messages('1.250')).toEqual([]);
    expect(await messages('1260.5')).toEqual([]);
    expect(await messages('1.2345')).toEqual(['price must be an amount such as "1000.00" (a decimal string with at most three decimals, or a number)']);
  });

  it("checks exactly the currency's decimals inside validatingAmountsIn", async () => {
    expect(await validatingAmountsIn('JPY', () => messages('1260.5'))).toEqual(['price must be an amount such as "1000" (JPY has no decimals: a whole number, as a string or a number)']);
    expect(await validatingAmountsIn('JPY', () => messages('1260.00'))).toEqual([]);
    expect(await validatingAmountsIn('EUR', () => messages('1.234'))).toEqual(['price must be an amount such as "1000.00" (a decimal string with at most two decimals, or a number)']);
    expect(await validatingAmountsIn('KWD', () => messages(1.25))).toEqual([]);
    expect(await validatingAmountsIn('KWD', () => messages('-1'))).toEqual(['price must not be negative']);
    expect(await messages('1260.5')).toEqual([]);
  });
});
