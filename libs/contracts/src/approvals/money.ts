import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';

/**
 * Money on the wire: answers carry a decimal string with two places (`"1000.00"`); input may be such a string
 * with at most two decimals, or a non-negative JSON number. Amounts are kept exact (integer cents), never as
 * binary floating point.
 */
export type MoneyParseResult =
  | { ok: true; cents: bigint; amount: string }
  | { ok: false; reason: 'negative' | 'format' | 'too_large' };

/** At most 13 digits before the decimal point: cents stay far below 2^53. */
const MAX_INTEGER_DIGITS = 13;
const DECIMAL = /^(-?)(\d+)(?:\.(\d{1,2}))?$/;

export function parseMoneyAmount(value: unknown): MoneyParseResult {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { ok: false, reason: 'format' };
    // The shortest text that reads back as this number: 1000.5 -> "1000.5", 0.1 + 0.2 -> "0.30000000000000004".
    text = String(value);
    if (/e/i.test(text)) return { ok: false, reason: value < 0 ? 'negative' : Math.abs(value) >= 1 ? 'too_large' : 'format' };
  } else if (typeof value === 'string') {
    text = value;
  } else {
    return { ok: false, reason: 'format' };
  }
  const match = DECIMAL.exec(text);
  if (!match) return { ok: false, reason: /^-\d/.test(text) ? 'negative' : 'format' };
  const [, sign, whole, fraction = ''] = match;
  const cents = BigInt(whole!) * 100n + BigInt(fraction.padEnd(2, '0'));
  if (sign === '-' && cents !== 0n) return { ok: false, reason: 'negative' };
  if (whole!.replace(/^0+(?=\d)/, '').length > MAX_INTEGER_DIGITS) return { ok: false, reason: 'too_large' };
  return { ok: true, cents, amount: formatCents(cents) };
}

/** `123456n` -> `"1234.56"`. */
export function formatCents(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const text = `${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

export function moneyErrorMessage(field: string, reason: 'negative' | 'format' | 'too_large'): string {
  switch (reason) {
    case 'negative':
      return `${field} must not be negative`;
    case 'too_large':
      return `${field} must be less than 10000000000000`;
    case 'format':
      return `${field} must be an amount such as "1000.00" (a decimal string with at most two decimals, or a number)`;
  }
}

/**
 * class-validator rule for a money input field (see parseMoneyAmount). Presence is left to `@IsDefined()` /
 * `@IsOptional()`, so a missing value gets one message, not two.
 */
export function IsMoneyAmount(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isMoneyAmount',
      target: target.constructor,
      propertyName: String(propertyName),
      ...(options ? { options } : {}),
      validator: {
        validate: (value: unknown) => value === undefined || parseMoneyAmount(value).ok,
        defaultMessage: (args?: ValidationArguments) => {
          const result = parseMoneyAmount(args?.value);
          return moneyErrorMessage(args?.property ?? 'amount', result.ok ? 'format' : result.reason);
        },
      },
    });
  };
}
