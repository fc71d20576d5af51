import { moneyErrorMessage, parseMoneyAmount } from '@broker/contracts';
import { InvalidInputError } from '@broker/event-sourcing';

/**
 * A money input (string or number; the DTO let through up to three decimals) as a decimal string with exactly the
 * currency's decimals: checked here, where the currency is known.
 */
export function moneyInput(field: string, value: string | number, currency: string): string {
  const parsed = parseMoneyAmount(value, currency);
  if (!parsed.ok) throw new InvalidInputError([{ field, message: moneyErrorMessage(field, parsed.reason, currency) }]);
  return parsed.amount;
}

/** Trimmed text that must keep something visible. */
export function textInput(field: string, value: string): string {
  const trimmed = value.trim();
  if (!trimmed) throw new InvalidInputError([{ field, message: `${field} must not be empty` }]);
  return trimmed;
}
