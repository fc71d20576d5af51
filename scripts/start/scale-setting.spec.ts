import { parseScale, processNames } from './scale-setting';

describe('SCALE (processes per service under npm start)', () => {
  it('runs one process of each service by default', () => {
    expect(Object.values(parseScale(undefined)).every((n) => n === 1)).toBe(true);
    expect(processNames(parseScale('')).map((p) => p.name)).toEqual(['gateway', 'identity', 'organizations', 'catalog', 'approvals', 'billing', 'notifications']);
  });

  it('names each replica of a scaled service', () => {
    const scale = parseScale('approvals=2, catalog=3');
    expect(scale).toMatchObject({ approvals: 2, catalog: 3, billing: 1 });
    expect(processNames(scale).filter((p) => p.service === 'catalog').map((p) => p.name)).toEqual(['catalog-1', 'catalog-2', 'catalog-3']);
    expect(processNames(scale)).toHaveLength(10);
  });

  it('refuses what it cannot run, saying why', () => {
    expect(() => parseScale('approvals')).toThrow(/not <service>=<processes>/);
    expect(() => parseScale('approval=2')).toThrow(/unknown service "approval"/);
    expect(() => parseScale('gateway=2')).toThrow(/gateway runs one process/);
    expect(() => parseScale('catalog=0')).toThrow(/between 1 and 8/);
    expect(() => parseScale('catalog=9')).toThrow(/between 1 and 8/);
  });
});
