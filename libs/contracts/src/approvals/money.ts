import { AsyncLocalStorage } from 'node:async_hooks';
import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { currencyExponent, DEFAULT_CURRENCY_EXPONENT } from './currency-exponent';

export { currencyExponent } from './currency-exponent';

/**
 * Money on the wire: answers carry a decimal string with exactly the currency's number of decimals (`"1260"` in
 * JPY, `"1260.00"` in EUR, `"1.250"` in KWD; see currencyExponent). Input may be such a string with at most that
 * many decimals (zeros beyond them are accepted: `"1260.00"` is 1260 yen), or a non-negative JSON number. Amounts
 * are kept exact as integers in the currency's minor unit (named `cents` throughout: yen for JPY, fils for KWD),
 * never as binary floating point. Without a currency, amounts have two decimals, as they always had.
 */
export type MoneyProblem = 'negative' | 'format' | 'too_large';

export type MoneyParseResult = { ok: true; cents: bigint; amount: string } | { ok: false; reason: MoneyProblem };

/** At most 13 digits before the decimal point, whatever the currency. */
const MAX_INTEGER_DIGITS = 13;
const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** The most decimals an amount may have where its currency is not known: no currency in use has more than three. */
export const MAX_AMOUNT_DECIMALS = 3;

function parseWithExponent(value: unknown, exponent: number): MoneyParseResult {
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
  const significant = fraction.replace(/0+$/, '');
  if (sign === '-' && /[1-9]/.test(whole! + significant)) return { ok: false, reason: 'negative' };
  if (significant.length > exponent) return { ok: false, reason: 'format' };
  if (whole!.replace(/^0+(?=\d)/, '').length > MAX_INTEGER_DIGITS) return { ok: false, reason: 'too_large' };
  const cents = BigInt(whole!) * 10n ** BigInt(exponent) + BigInt(significant.padEnd(exponent, '0') || '0');
  return { ok: true, cents, amount: formatWithExponent(cents, exponent) };
}

/** An amount as input gives it, in `currency` (without one: two decimals). */
export function parseMoneyAmount(value: unknown, currency?: string | null): MoneyParseResult {
  return parseWithExponent(value, currencyExponent(currency));
}

function formatWithExponent(cents: bigint, exponent: number): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const unit = 10n ** BigInt(exponent);
  const text = exponent === 0 ? abs.toString() : `${abs / unit}.${(abs % unit).toString().padStart(exponent, '0')}`;
  return negative ? `-${text}` : text;
}

/** Minor units as text with the currency's decimals: JPY `1260n` -> `"1260"`, EUR `126000n` -> `"1260.00"`, KWD `1250n` -> `"1.250"`. */
export function formatAmount(cents: bigint, currency: string | null | undefined): string {
  return formatWithExponent(cents, currencyExponent(currency));
}

/** `123456n` -> `"1234.56"`: two decimals (EUR, USD and most others). */
export function formatCents(cents: bigint): string {
  return formatWithExponent(cents, DEFAULT_CURRENCY_EXPONENT);
}

/**
 * A recorded amount in minor units of its currency. Amounts recorded before they followed their currency have two
 * decimals: zeros beyond the currency's decimals are dropped, and any other digits beyond them (10.50 yen) are
 * rounded half-up, once, to the minor unit. Throws for text that is not an amount.
 */
export function readMoneyAmount(text: string, currency: string | null | undefined): bigint {
  const match = DECIMAL.exec(text);
  if (!match) throw new Error(`Not a money amount: ${text}`);
  const [, sign, whole, fraction = ''] = match;
  const exponent = currencyExponent(currency);
  const kept = BigInt(whole!) * 10n ** BigInt(exponent) + BigInt(fraction.slice(0, exponent).padEnd(exponent, '0') || '0');
  const beyond = fraction.slice(exponent);
  const roundsUp = beyond.length > 0 && Number(beyond[0]) >= 5;
  const cents = roundsUp ? kept + 1n : kept;
  return sign === '-' ? -cents : cents;
}

/** A recorded amount as answers show it, with exactly its currency's decimals; text that is not an amount stays as it is. */
export function amountIn(text: string, currency: string | null | undefined): string {
  return DECIMAL.test(text) ? formatAmount(readMoneyAmount(text, currency), currency) : text;
}

const DECIMALS_IN_WORDS = ['no', 'one', 'two', 'three', 'four'];

/** What a valid amount looks like: the two-decimal rule reads as it always did; others name their currency. */
function formatRule(exponent: number, currency: string | null): string {
  const example = exponent === 0 ? '1000' : `1000.${'0'.repeat(exponent)}`;
  const words = DECIMALS_IN_WORDS[exponent] ?? String(exponent);
  if (currency === null) return `an amount such as "1000.00" (a decimal string with at most ${words} decimals, or a number)`;
  if (exponent === 0) return `an amount such as "${example}" (${currency} has no decimals: a whole number, as a string or a number)`;
  return `an amount such as "${example}" (${currency} has ${words} decimals: a decimal string with at most ${words} decimals, or a number)`;
}

function messageFor(field: string, reason: MoneyProblem, exponent: number, currency: string | null): string {
  switch (reason) {
    case 'negative':
      return `${field} must not be negative`;
    case 'too_large':
      return `${field} must be less than 10000000000000`;
    case 'format':
      return `${field} must be ${formatRule(exponent, exponent === DEFAULT_CURRENCY_EXPONENT ? null : currency)}`;
  }
}

/** The message for an amount refused by parseMoneyAmount with the same currency. */
export function moneyErrorMessage(field: string, reason: MoneyProblem, currency?: string | null): string {
  return messageFor(field, reason, currencyExponent(currency), currency ?? null);
}

const currencyInScope = new AsyncLocalStorage<string>();

/**
 * Runs `work` with the money fields that IsMoneyAmount checks in it held to `currency`: the gateway knows the
 * reseller's currency before it validates a body, so one answer lists every broken field, as for other rules.
 */
export function validatingAmountsIn<T>(currency: string, work: () => T): T {
  return currencyInScope.run(currency, work);
}

/**
 * class-validator rule for a money input field (see parseMoneyAmount). Where the currency is not known (the DTOs of
 * RPC requests; the service that knows it checks again) an amount may have up to three decimals; inside
 * validatingAmountsIn, exactly the currency's. Presence is left to `@IsDefined()` / `@IsOptional()`, so a missing
 * value gets one message, not two.
 */
export function IsMoneyAmount(options?: ValidationOptions): PropertyDecorator {
  const check = (value: unknown): { result: MoneyParseResult; currency: string | null; exponent: number } => {
    const currency = currencyInScope.getStore() ?? null;
    const exponent = currency === null ? MAX_AMOUNT_DECIMALS : currencyExponent(currency);
    return { result: parseWithExponent(value, exponent), currency, exponent };
  };
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isMoneyAmount',
      target: target.constructor,
      propertyName: String(propertyName),
      ...(options ? { options } : {}),
      validator: {
        validate: (value: unknown) => value === undefined || check(value).result.ok,
        defaultMessage: (args?: ValidationArguments) => {
          const { result, currency, exponent } = check(args?.value);
          return messageFor(args?.property ?? 'amount', result.ok ? 'format' : result.reason, exponent, currency);
        },
      },
    });
  };
}
