import { isCommonPassword } from './common-passwords';

describe('common passwords', () => {
  it('knows the most common passwords, whatever their case', () => {
    expect(isCommonPassword('123456')).toBe(true);
    expect(isCommonPassword('password')).toBe(true);
    expect(isCommonPassword('PassWord')).toBe(true);
  });

  it('does not flag an uncommon password', () => {
    expect(isCommonPassword('Xq9!wertzu-Reykjavik')).toBe(false);
  });
});
