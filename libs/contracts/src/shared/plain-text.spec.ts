import { validateSync } from 'class-validator';
import { IsPlainText, plainTextProblem, unstorableTextProblem } from './plain-text';

describe('text the stores cannot hold', () => {
  it('is a NUL or a surrogate without its pair', () => {
    expect(unstorableTextProblem('Contoso\u0000Ltd')).toBe('must not contain NUL characters (U+0000)');
    expect(unstorableTextProblem('Contoso\uD800')).toBe('must not contain a lone surrogate (U+D800): send valid UTF-8');
    expect(unstorableTextProblem('\uDC00Contoso')).toBe('must not contain a lone surrogate (U+DC00): send valid UTF-8');
    expect(unstorableTextProblem('\uDBFF\uDBFF\uDC00')).toContain('U+DBFF');
  });

  it('is not any other text, whatever its script or emoji', () => {
    for (const text of ['', 'Contoso Ltd', 'Ærø Fødevarer', 'شركة', '株式会社', 'Team \uD83D\uDE80', 'a\tb\nc']) {
      expect(unstorableTextProblem(text)).toBeUndefined();
    }
  });
});

describe('plain text for names', () => {
  it('refuses bidirectional overrides, embeddings and isolates', () => {
    for (const code of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]) {
      const character = String.fromCharCode(code);
      expect(plainTextProblem(`Invoice${character}fdp.exe`)).toBe(`must not contain bidirectional control characters (U+${code.toString(16).toUpperCase()})`);
      expect(plainTextProblem(`line\n${character}`, { multiline: true })).toContain('bidirectional');
    }
  });

  it('refuses C0 and C1 controls, DEL and line separators in a name', () => {
    for (const text of ['a\tb', 'a\nb', 'a\rb', 'a\u0007b', 'a\u007fb', 'a\u0085b', 'a\u009bb', 'a\u2028b']) {
      expect(plainTextProblem(text)).toMatch(/^must not contain control characters \(U\+[0-9A-F]{4}\)$/);
    }
  });

  it('lets a multi-line text keep its tabs and line breaks, and nothing else', () => {
    expect(plainTextProblem('Hello,\r\n\tthe backup fails.\n', { multiline: true })).toBeUndefined();
    expect(plainTextProblem('Hello\u001b[31m', { multiline: true })).toBe('must not contain control characters (U+001B)');
    expect(plainTextProblem('a\u0000b', { multiline: true })).toBe('must not contain NUL characters (U+0000)');
  });

  it('keeps the marks right-to-left scripts need and ordinary punctuation', () => {
    for (const text of ['Contoso Ltd.', 'O\u2019Brien & Söhne', '\u05e9\u05dc\u05d5\u05dd\u200f', 'Zoë-Anne']) {
      expect(plainTextProblem(text)).toBeUndefined();
    }
  });
});

describe('IsPlainText', () => {
  class Body {
    @IsPlainText()
    displayName!: unknown;

    @IsPlainText({ multiline: true })
    message!: unknown;
  }

  const errorsOf = (displayName: unknown, message: unknown) => {
    const body = Object.assign(new Body(), { displayName, message });
    return validateSync(body).map((e) => ({ field: e.property, messages: Object.values(e.constraints ?? {}) }));
  };

  it('names the field and the character', () => {
    expect(errorsOf('Anna\u202Egreb', 'fine\nthanks')).toEqual([
      { field: 'displayName', messages: ['displayName must not contain bidirectional control characters (U+202E)'] },
    ]);
    expect(errorsOf('Anna', 'beep\u0007')).toEqual([{ field: 'message', messages: ['message must not contain control characters (U+0007)'] }]);
  });

  it('leaves values that are not strings to the other rules', () => {
    expect(errorsOf(42, undefined)).toEqual([]);
  });
});
