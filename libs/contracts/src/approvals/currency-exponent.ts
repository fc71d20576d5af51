/**
 * How many decimals an amount in a currency has (its minor unit): JPY 0, EUR 2, KWD 3.
 *
 * The source is the ICU library built into Node (`Intl.NumberFormat`), which carries the Unicode CLDR currency
 * data: kept up to date by the Unicode Consortium with every ISO 4217 amendment, shipped and updated with Node
 * itself (no table of our own to go stale, no dependency), and the same data every browser formats money with, so
 * the web portal and the API agree on how an amount looks. CLDR follows the minor units in use: for a few currencies
 * it says 0 where ISO 4217 lists 2 (HUF, COP, IDR, ...). A code it does not know (well-formed, three letters) gets 2,
 * which is also what amounts of a currency not known yet are read with.
 */
const exponents = new Map<string, number>();

/** Amounts whose currency is not known are read and written with two decimals, as they always were. */
export const DEFAULT_CURRENCY_EXPONENT = 2;

export function currencyExponent(currency: string | null | undefined): number {
  if (!currency) return DEFAULT_CURRENCY_EXPONENT;
  let exponent = exponents.get(currency);
  if (exponent === undefined) {
    // Throws a RangeError for a code that is not three letters: a bug, since resellers' currencies are checked.
    exponent = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? DEFAULT_CURRENCY_EXPONENT;
    exponents.set(currency, exponent);
  }
  return exponent;
}
