import { mergeFields } from './field-merge';

interface Org {
  name: string;
  notificationEmail: string;
  primaryDomain: string;
}

describe('mergeFields', () => {
  it('applies newer facts field by field', () => {
    const created = mergeFields<Org>(null, { name: 'Contoso', notificationEmail: 'a@c.example', primaryDomain: 'c.example' }, '2026-01-01T00:00:00Z');
    const changed = mergeFields<Org>(created, { notificationEmail: 'b@c.example' }, '2026-02-01T00:00:00Z');
    expect(changed).toMatchObject({ name: 'Contoso', notificationEmail: 'b@c.example', primaryDomain: 'c.example' });
  });

  it('keeps newer facts when an older event arrives late, and still takes the fields only it carries', () => {
    const changed = mergeFields<Org>(null, { name: 'Contoso Ltd', notificationEmail: 'b@c.example' }, '2026-02-01T00:00:00Z');
    const lateCreation = mergeFields<Org>(changed, { name: 'Contoso', notificationEmail: 'a@c.example', primaryDomain: 'c.example' }, '2026-01-01T00:00:00Z');
    expect(lateCreation).toMatchObject({ name: 'Contoso Ltd', notificationEmail: 'b@c.example', primaryDomain: 'c.example' });
    expect(lateCreation.asOf).toEqual({ name: '2026-02-01T00:00:00Z', notificationEmail: '2026-02-01T00:00:00Z', primaryDomain: '2026-01-01T00:00:00Z' });
  });

  it('ignores fields left undefined', () => {
    expect(mergeFields<Org>(null, { name: undefined }, 't')).toEqual({ asOf: {} });
  });
});
