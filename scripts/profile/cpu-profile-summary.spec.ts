import { placeOf, summarizeProfile } from './cpu-profile-summary';

describe('CPU profile summary', () => {
  it('names where code lives: packages, our libs and services, Node internals', () => {
    expect(placeOf('file:///app/node_modules/pg/lib/client.js', 'query')).toBe('pg');
    expect(placeOf('/app/node_modules/@nestjs/core/router/x.js', 'f')).toBe('@nestjs/core');
    expect(placeOf('/app/dist/libs/messaging/src/rpc/rpc-client.js', 'call')).toBe('libs/messaging');
    expect(placeOf('/app/dist/services/gateway/src/main.js', 'bootstrap')).toBe('services/gateway');
    expect(placeOf('node:internal/streams/readable', 'read')).toBe('node:internal');
    expect(placeOf('', '(garbage collector)')).toBe('(garbage collector)');
  });

  it('adds self time per function and place, leaving idle out of the busy time', () => {
    const frame = (functionName: string, url = '') => ({ functionName, url, lineNumber: 9 });
    const summary = summarizeProfile('p', {
      nodes: [
        { id: 1, callFrame: frame('(root)'), children: [2, 3, 4] },
        { id: 2, callFrame: frame('(idle)') },
        { id: 3, callFrame: frame('query', '/a/node_modules/pg/lib/client.js') },
        { id: 4, callFrame: frame('call', '/a/dist/libs/messaging/src/rpc.js') },
      ],
      samples: [2, 3, 3, 4, 2],
      timeDeltas: [1000, 2000, 3000, 500, 4000],
      startTime: 0,
      endTime: 10500,
    });
    expect(summary.totalMs).toBeCloseTo(10.5);
    expect(summary.busyMs).toBeCloseTo(5.5);
    expect(summary.byPlace).toEqual([{ place: 'pg', ms: 5 }, { place: 'libs/messaging', ms: 0.5 }]);
    expect(summary.byFunction[0]).toEqual({ name: 'query pg:10', ms: 5 });
  });
});
