/** OpenAPI descriptions of money fields. */

/** Every amount an answer carries. */
export const MONEY_ANSWER =
  'A decimal string in the currency (the reseller\'s) with exactly its number of decimals: two for most ("1260.00" in EUR), none for JPY ("1260"), three for KWD ("1.250").';

/** Every amount a body carries. */
export const MONEY_INPUT =
  'Non-negative: a decimal string or a JSON number in your currency, with at most its number of decimals (two for most, none for JPY, three for KWD; zeros beyond them are accepted). More decimals answer 400 naming the field and the rule.';

/** A description followed by what every amount is. */
export const moneyAnswer = (description?: string): string => (description ? `${description}. ${MONEY_ANSWER}` : MONEY_ANSWER);
export const moneyInput = (description?: string): string => (description ? `${description}. ${MONEY_INPUT}` : MONEY_INPUT);
