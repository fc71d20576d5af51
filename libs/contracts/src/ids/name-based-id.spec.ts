import { nameBasedId } from './name-based-id';

describe('nameBasedId', () => {
  it('matches the RFC 9562 version 5 test vector', () => {
    // The DNS namespace and "www.example.com" give this id in RFC 9562, appendix A.4.
    expect(nameBasedId('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('is stable for a name and different across names', () => {
    expect(nameBasedId('a')).toBe(nameBasedId('a'));
    expect(nameBasedId('a')).not.toBe(nameBasedId('b'));
  });
});
