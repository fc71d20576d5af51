/**
 * Splits rows into chunks of at most `maxRows` rows and about `maxBytes` bytes of JSON each (a single row larger
 * than `maxBytes` travels alone), so every request to identity stays well below the NATS payload limit.
 */
export function chunkRows<T>(rows: readonly T[], limits: { maxRows: number; maxBytes: number }): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = Buffer.byteLength(JSON.stringify(row), 'utf8') + 1;
    if (current.length > 0 && (current.length >= limits.maxRows || bytes + size > limits.maxBytes)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(row);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
