import { describe, expect, it } from 'vitest';
import { holdSingleInstanceLock, type SingleInstanceApp } from './single-instance.ts';

/** Two launches sharing one lock, as Electron's `requestSingleInstanceLock` behaves across processes. */
function launches() {
  let held = false;
  const secondInstanceListeners: (() => void)[] = [];
  const make = () => {
    const app: SingleInstanceApp & { quitCalled: boolean } = {
      quitCalled: false,
      requestSingleInstanceLock: () => {
        if (held) {
          for (const l of secondInstanceListeners) l();
          return false;
        }
        held = true;
        return true;
      },
      quit() {
        app.quitCalled = true;
      },
      on: (_event: 'second-instance', listener: () => void) => secondInstanceListeners.push(listener),
    };
    return app;
  };
  return { make };
}

describe('holdSingleInstanceLock', () => {
  it('lets the first instance run and focuses it when a second one starts and quits', () => {
    const { make } = launches();
    let focused = 0;
    const first = make();
    expect(holdSingleInstanceLock(first, () => focused++)).toBe(true);
    const second = make();
    expect(holdSingleInstanceLock(second, () => undefined)).toBe(false);
    expect(second.quitCalled).toBe(true);
    expect(first.quitCalled).toBe(false);
    expect(focused).toBe(1);
  });
});
