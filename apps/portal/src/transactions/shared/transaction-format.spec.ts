import { formatInstant, formatMoney, quantityChange } from './transaction-format';

describe('transaction facts as the e-mails write them', () => {
  it('shows an order by its quantity and a change or cancellation from the quantity before', () => {
    expect(quantityChange({ type: 'order', quantity: 5, previousQuantity: 0 })).toBe('5');
    expect(quantityChange({ type: 'change', quantity: 8, previousQuantity: 5 })).toBe('5 → 8');
    expect(quantityChange({ type: 'cancel', quantity: 0, previousQuantity: 5 })).toBe('5 → 0');
  });

  it('writes instants in UTC to the minute and money with its currency', () => {
    expect(formatInstant('2026-03-16T09:05:42.123Z')).toBe('2026-03-16 09:05 UTC');
    expect(formatInstant('not a date')).toBe('not a date');
    expect(formatMoney('1260.00', 'EUR')).toBe('1260.00 EUR');
    expect(formatMoney('1260.00', null)).toBe('1260.00');
  });
});
