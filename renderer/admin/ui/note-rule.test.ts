import { describe, expect, it } from 'vitest';
import { noteAccepted } from './note-rule.ts';

describe("an admin's note", () => {
  it('is accepted from three characters, counted without the spaces around them', () => {
    expect(noteAccepted('Hai người khác nhau')).toBe(true);
    expect(noteAccepted('abc')).toBe(true);
    expect(noteAccepted('  ab  ')).toBe(false);
    expect(noteAccepted('   ')).toBe(false);
    expect(noteAccepted('')).toBe(false);
  });
});
