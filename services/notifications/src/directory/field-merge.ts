/**
 * A directory entry learnt from events of another service. Each field remembers the time of the event that set it,
 * so an older event delivered late (a retried message overtaken by a newer one) never overwrites newer facts, and
 * the facts of different events (creation, later changes) combine whatever order they arrive in.
 */
export type DirectoryEntry<T extends object> = Partial<T> & { asOf: Partial<Record<string, string>> };

export function mergeFields<T extends object>(current: DirectoryEntry<T> | null, fields: Partial<T>, at: string): DirectoryEntry<T> {
  const next: DirectoryEntry<T> = { ...(current ?? {}), asOf: { ...(current?.asOf ?? {}) } } as DirectoryEntry<T>;
  for (const [field, value] of Object.entries(fields) as [keyof T & string, unknown][]) {
    if (value === undefined) continue;
    const seen = next.asOf[field];
    if (seen !== undefined && seen > at) continue;
    (next as Record<string, unknown>)[field] = value;
    next.asOf[field] = at;
  }
  return next;
}
