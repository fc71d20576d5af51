import { storeVersion } from './store-version';

describe('store version', () => {
  it('is 0-0 for a store never curated', () => {
    expect(storeVersion(undefined, [])).toBe('0-0');
  });

  it('counts the curations and the events of the products in the store', () => {
    expect(storeVersion(0n, [0n, 2n])).toBe('1-4');
    expect(storeVersion(3n, [0n, undefined])).toBe('4-1');
  });

  it('changes with a new curation and with a change of any product in it', () => {
    const before = storeVersion(1n, [0n, 0n]);
    expect(storeVersion(2n, [0n, 0n])).not.toBe(before);
    expect(storeVersion(1n, [1n, 0n])).not.toBe(before);
    expect(storeVersion(1n, [0n, 1n])).not.toBe(before);
  });
});
