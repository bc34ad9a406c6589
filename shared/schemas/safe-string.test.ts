import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { NUL_CHARACTER_CODE, safeString } from './safe-string.ts';
import { text, TEXT_LIMITS } from './text-field.ts';
import { validateDocument } from './validate-document.ts';

describe('strings at a boundary', () => {
  it('refuses a NUL character with the stable code and a Vietnamese message, and keeps later checks', () => {
    const userName = safeString().min(1).max(10);
    const refused = userName.safeParse('01T01_a\u0000b');
    expect(refused.success).toBe(false);
    expect(refused.error?.issues).toEqual([
      expect.objectContaining({ code: 'custom', params: { reason: NUL_CHARACTER_CODE } }),
    ]);
    expect(refused.error?.issues[0]?.message).toMatch(/^Nội dung có ký tự NUL \(U\+0000\)/);
    expect(userName.safeParse('01T01_anv').success).toBe(true);
    expect(userName.safeParse('01T01_anv_qua_dai').success).toBe(false);
  });

  it('refuses a NUL character in free text, and a document validator names it as the reason', () => {
    const note = z.strictObject({ note: text(TEXT_LIMITS.note) });
    expect(note.safeParse({ note: 'Ho\nsốt' }).success).toBe(true);
    const checked = validateDocument(note, { note: 'Ho\u0000 sốt' });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors[0].params?.['reason']).toBe(NUL_CHARACTER_CODE);
    expect(checked.errors[0].path).toBe('note');
  });
});
