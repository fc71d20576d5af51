import { InvalidInputError } from '@broker/event-sourcing';
import { moneyInput } from './product-input';

const refusal = (field: string, value: string | number, currency: string) => {
  try {
    moneyInput(field, value, currency);
  } catch (error) {
    if (error instanceof InvalidInputError) return error.errors;
    throw error;
  }
  throw new Error(`${String(value)} was accepted in ${currency}`);
};

describe('money input in the reseller currency', () => {
  it('keeps exactly the currency decimals', () => {
    expect([moneyInput('price', '1260', 'JPY'), moneyInput('price', '1260.00', 'JPY'), moneyInput('price', 1260, 'JPY')]).toEqual(['1260', '1260', '1260']);
    expect([moneyInput('price', '10.5', 'EUR'), moneyInput('price', 12.5, 'SEK')]).toEqual(['10.50', '12.50']);
    expect([moneyInput('price', '1.25', 'KWD'), moneyInput('price', '1.250', 'KWD'), moneyInput('cost', 0.005, 'KWD')]).toEqual(['1.250', '1.250', '0.005']);
  });

  it('refuses more decimals than the currency has, naming the field and the rule', () => {
    expect(refusal('price', '1260.5', 'JPY')).toEqual([{ field: 'price', message: 'price must be an amount such as "1000" (JPY has no decimals: a whole number, as a string or a number)' }]);
    expect(refusal('products.0.price', '1.2345', 'KWD')).toEqual([
      { field: 'products.0.price', message: 'products.0.price must be an amount such as "1000.000" (KWD has three decimals: a decimal string with at most three decimals, or a number)' },
    ]);
    expect(refusal('cost', '1.234', 'SEK')).toEqual([{ field: 'cost', message: 'cost must be an amount such as "1000.00" (a decimal string with at most two decimals, or a number)' }]);
  });
});
