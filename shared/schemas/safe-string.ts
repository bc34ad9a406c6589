import { z } from 'zod';
import { defineIssues } from '../errors/issue.ts';

/** The stable code of a refused NUL character, at every boundary (HTTP answers, forms, document validation). */
export const NUL_CHARACTER_CODE = 'text-nul-character';

export const safeStringIssue = defineIssues({
  [NUL_CHARACTER_CODE]:
    'Nội dung có ký tự NUL (U+0000), ký tự này không lưu được. Xóa ký tự đó (thường lẫn vào khi dán từ tệp khác) rồi gửi lại.',
});

/** True when the text holds U+0000, which PostgreSQL cannot store in text and refuses with an error. */
export function hasNulCharacter(value: string): boolean {
  return value.includes('\u0000');
}

/**
 * A string as any boundary accepts it: anything but U+0000. Use it instead of a bare `z.string()` for every input
 * that can reach the database (route params, query strings, bodies). The refusal is a custom issue with
 * `params.reason` = `text-nul-character` and the Vietnamese message; later checks (`.min`, `.max`, `.regex`) chain on.
 */
export function safeString() {
  return z.string().refine((value) => !hasNulCharacter(value), {
    error: safeStringIssue(NUL_CHARACTER_CODE).message,
    params: { reason: NUL_CHARACTER_CODE },
    abort: true,
  });
}
