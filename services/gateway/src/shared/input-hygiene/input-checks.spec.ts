import { inputProblems, MAX_INPUT_DEPTH } from './input-checks';

const nested = (levels: number): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i++) value = i % 2 === 0 ? [value] : { a: value };
  return value;
};

describe('input problems', () => {
  it('finds nothing in ordinary input', () => {
    expect(inputProblems({ name: 'Contoso', admin: { firstName: 'Anna \uD83D\uDE80' }, products: [{ productId: 'p', price: 1 }], flag: null })).toEqual([]);
    expect(inputProblems(nested(MAX_INPUT_DEPTH))).toEqual([]);
  });

  it('names every field holding a NUL or a lone surrogate, nested ones by their dotted path', () => {
    expect(inputProblems({ displayName: 'An\u0000na', admin: { lastName: 'Berg\uD800' }, products: [{ name: 'ok' }, { name: '\uDC00' }] })).toEqual([
      { field: 'displayName', message: 'displayName must not contain NUL characters (U+0000)' },
      { field: 'admin.lastName', message: 'admin.lastName must not contain a lone surrogate (U+D800): send valid UTF-8' },
      { field: 'products.1.name', message: 'products.1.name must not contain a lone surrogate (U+DC00): send valid UTF-8' },
    ]);
  });

  it('names a text body as body, and a header by the root it is given', () => {
    expect(inputProblems('a,b\u0000')).toEqual([{ field: 'body', message: 'body must not contain NUL characters (U+0000)' }]);
    expect(inputProblems('key\u0000', 'Idempotency-Key')[0]!.field).toBe('Idempotency-Key');
  });

  it('refuses prototype keys wherever they are', () => {
    const body = JSON.parse('{"name":"x","__proto__":{"role":"platform_admin"},"admin":{"constructor":{"prototype":{}}},"list":[{"prototype":1}]}') as unknown;
    expect(inputProblems(body)).toEqual([
      { field: '__proto__', message: 'property __proto__ is not allowed' },
      { field: 'admin.constructor', message: 'property constructor is not allowed' },
      { field: 'list.0.prototype', message: 'property prototype is not allowed' },
    ]);
  });

  it('refuses keys the stores cannot hold', () => {
    expect(inputProblems({ 'a\u0000': 1 })).toEqual([{ field: 'a\\u0000', message: 'property names must not contain NUL characters (U+0000)' }]);
  });

  it('refuses nesting deeper than the limit without recursing, however deep', () => {
    expect(inputProblems(nested(MAX_INPUT_DEPTH + 1))).toEqual([{ field: expect.any(String), message: `input must not be nested more than ${MAX_INPUT_DEPTH} levels deep` }]);
    const deep = JSON.parse(`${'['.repeat(200_000)}${']'.repeat(200_000)}`) as unknown;
    expect(inputProblems(deep)).toHaveLength(1);
  });

  it('reports a bounded number of problems', () => {
    expect(inputProblems(Array.from({ length: 1000 }, () => '\u0000'))).toHaveLength(20);
  });
});
