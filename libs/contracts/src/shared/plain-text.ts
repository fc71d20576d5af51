import { registerDecorator, type ValidationOptions } from 'class-validator';

/**
 * Characters no store of ours can hold: NUL (PostgreSQL text and jsonb refuse it) and UTF-16 surrogates that are not
 * part of a pair (jsonb refuses their escapes; UTF-8 cannot encode them).
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Embeddings, overrides and isolates that reorder how text shows (the "Trojan Source" characters). */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

/** C0 and C1 controls, DEL, and the Unicode line and paragraph separators. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;
/** The same, less tab, line feed and carriage return: what a multi-line text may hold. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_BUT_LINE_BREAKS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

const codePoint = (character: string): string => `U+${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/** Why the text cannot be stored (a NUL or a lone surrogate), or undefined when it can. */
export function unstorableTextProblem(text: string): string | undefined {
  const found = UNSTORABLE.exec(text);
  if (!found) return undefined;
  return found[0] === '\u0000' ? 'must not contain NUL characters (U+0000)' : `must not contain a lone surrogate (${codePoint(found[0])}): send valid UTF-8`;
}

export interface PlainTextOptions {
  /** The text may hold line breaks and tabs (a message body, an address); names may not. */
  multiline?: boolean;
}

/**
 * Why the text is no plain text to show to people, or undefined when it is: what cannot be stored, bidirectional
 * controls anywhere, and control characters (in a multi-line text, all but tab, line feed and carriage return).
 */
export function plainTextProblem(text: string, options: PlainTextOptions = {}): string | undefined {
  const unstorable = unstorableTextProblem(text);
  if (unstorable) return unstorable;
  const bidi = BIDI_CONTROL.exec(text);
  if (bidi) return `must not contain bidirectional control characters (${codePoint(bidi[0])})`;
  const control = (options.multiline ? CONTROL_BUT_LINE_BREAKS : CONTROL).exec(text);
  if (control) return `must not contain control characters (${codePoint(control[0])})`;
  return undefined;
}

/**
 * class-validator rule for names and other text shown to people (display names, organization and product names,
 * subjects): see plainTextProblem. Values that are not strings pass; pair it with IsString.
 */
export function IsPlainText(options: PlainTextOptions = {}, validationOptions?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isPlainText',
      target: target.constructor,
      propertyName: String(propertyName),
      ...(validationOptions ? { options: validationOptions } : {}),
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || plainTextProblem(value, options) === undefined,
        defaultMessage: (args) => `${args?.property ?? 'text'} ${plainTextProblem(String(args?.value ?? ''), options) ?? 'must be plain text'}`,
      },
    });
  };
}
