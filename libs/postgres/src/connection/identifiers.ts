/** Schema and table names are built into SQL text, so only plain lowercase identifiers are allowed. */
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

export function quoteIdentifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`Not a safe SQL identifier: ${JSON.stringify(name)}`);
  return `"${name}"`;
}
