import { describe, expect, it } from 'vitest';
import { createTransferRate } from './transfer-rate.ts';

describe('the rate of a transfer and its time left', () => {
  it('knows nothing before a second of samples, then divides what is left by the recent rate', () => {
    const rate = createTransferRate(10_000);
    rate.sample(0, 0);
    expect(rate.secondsLeft(1000)).toBeNull();
    rate.sample(500, 50);
    expect(rate.perSecond()).toBeNull();
    rate.sample(2000, 200);
    expect(rate.perSecond()).toBe(100);
    expect(rate.secondsLeft(1050)).toBe(11);
    expect(rate.secondsLeft(0)).toBeNull();
  });

  it('follows the link as it is now: a stall slows the estimate, old samples leave the window', () => {
    const rate = createTransferRate(10_000);
    for (let second = 0; second <= 20; second++) rate.sample(second * 1000, second * 1000);
    expect(rate.perSecond()).toBe(1000);
    // The link stalls for 10 s (a cut, a retry): the estimate falls with it.
    for (let second = 21; second <= 30; second++) rate.sample(second * 1000, 20_000);
    expect(rate.perSecond()).toBe(0);
    expect(rate.secondsLeft(5000)).toBeNull();
    for (let second = 31; second <= 35; second++) rate.sample(second * 1000, 20_000 + (second - 30) * 500);
    expect(rate.perSecond()).toBeCloseTo(250, 0);
  });
});
