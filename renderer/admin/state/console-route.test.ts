import { describe, expect, it } from 'vitest';
import { pathOfRoute, routeOfPath, type ConsoleRoute } from './console-route.ts';

describe('console addresses', () => {
  it('gives every screen an address that leads back to it', () => {
    const routes: ConsoleRoute[] = [
      { name: 'monitoring' },
      { name: 'station', deviceId: 'dev_01-A' },
      { name: 'quarantine' },
      { name: 'quarantine', id: 42 },
      { name: 'merges' },
      { name: 'merges', id: 7 },
      { name: 'duplicates' },
      { name: 'duplicates', state: 'resolved' },
      { name: 'duplicates', id: 12 },
      { name: 'hospitals' },
      { name: 'hospitals', tab: 'review' },
      { name: 'accounts' },
      { name: 'devices' },
      { name: 'audit' },
    ];
    for (const route of routes) expect(routeOfPath(pathOfRoute(route))).toEqual(route);
    expect(pathOfRoute({ name: 'station', deviceId: 'a/b' })).toBe('/console/stations/a%2Fb');
  });

  it('opens sync monitoring for an unknown or malformed address', () => {
    for (const path of [
      '/',
      '/console',
      '/console/nope',
      '/console/accounts/x',
      '/console/hospitals/x',
      '/console/stations/%E0%A4%A',
    ])
      expect(routeOfPath(path)).toEqual({ name: 'monitoring' });
    expect(routeOfPath('/console/quarantine/abc')).toEqual({ name: 'quarantine' });
    expect(routeOfPath('/console/duplicates/open')).toEqual({ name: 'duplicates' });
    expect(routeOfPath('/console/duplicates/resolved/3')).toEqual({ name: 'monitoring' });
  });
});
