import { moneyErrorMessage, parseMoneyAmount } from '@broker/contracts';
import { InvalidInputError } from '../shared/invalid-input.error';

/** A money input (string or number, validated by the DTO) as a two-place decimal string. */
export function moneyInput(field: string, value: string | number): string {
  const parsed = parseMoneyAmount(value);
  if (!parsed.ok) throw new InvalidInputError([{ field, message: moneyErrorMessage(field, parsed.reason) }]);
  return parsed.amount;
}

/** Trimmed text that must keep something visible. */
export function textInput(field: string, value: string): string {
  const trimmed = value.trim();
  if (!trimmed) throw new InvalidInputError([{ field, message: `${field} must not be empty` }]);
  return trimmed;
}
