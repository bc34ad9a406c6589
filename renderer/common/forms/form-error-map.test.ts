import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { formErrorMap } from './form-error-map.ts';

const count = z.strictObject({ name: z.string().min(1), doses: z.int().min(0).max(10) });
const messages = (input: unknown, language?: string) =>
  count
    .safeParse(input, { error: formErrorMap('Bắt buộc nhập', language) })
    .error?.issues.map((i) => i.message);

describe('formErrorMap', () => {
  it('says "required" for an empty or missing required field', () => {
    expect(messages({ name: '', doses: 1 })).toEqual(['Bắt buộc nhập']);
    expect(messages({ doses: 1 })).toEqual(['Bắt buộc nhập']);
  });

  it("answers zod's generic issues in Vietnamese, never zod's English", () => {
    expect(messages({ name: 'A', doses: 1.5 })).toEqual([
      'Phải là một số nguyên. Nhập lại đúng kiểu dữ liệu.',
    ]);
    expect(messages({ name: 'A', doses: 11 })?.[0]).toMatch(/^Lớn hơn mức cho phép \(10\)/);
    expect(messages({ name: 'A', doses: -1 })?.[0]).toMatch(/^Nhỏ hơn mức cho phép \(0\)/);
  });

  it("leaves zod's English text when the page is in English", () => {
    expect(messages({ name: 'A', doses: 11 }, 'en')?.[0]).toMatch(/Too big/);
  });
});
