/** Markup this module produced itself, so it is not escaped again when it becomes part of more markup. */
export class SafeHtml {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content and for double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

function part(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(part).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/**
 * The only way templates write HTML: every interpolated value is escaped unless it is SafeHtml (made by this tag),
 * so a value can never become markup, whatever it contains (`<script>`, quotes in an attribute).
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += part(value) + strings[i + 1]!;
  });
  return new SafeHtml(out);
}

/** Text with line breaks as HTML: each line escaped, joined with <br>. */
export function multiline(text: string): SafeHtml {
  return new SafeHtml(text.split('\n').map(escapeHtml).join('<br>\n'));
}
