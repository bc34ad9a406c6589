import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validateDocument, zodPath } from './validate-document.ts';

const shape = z.strictObject({
  name: z.string().max(3),
  count: z.int().min(1),
  tags: z.array(z.enum(['a', 'b'])),
});

describe('validateDocument', () => {
  it('returns the parsed value on success', () => {
    expect(validateDocument(shape, { name: 'An', count: 1, tags: ['a'] })).toEqual({
      ok: true,
      value: { name: 'An', count: 1, tags: ['a'] },
      warnings: [],
    });
  });

  it('turns every zod issue into a schema-invalid issue with a Vietnamese message and a dotted path', () => {
    const result = validateDocument(shape, { name: 'Nguyễn', count: 0, tags: ['c'], extra: 1, more: 2 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.code, e.path, e.params?.['reason']])).toEqual([
      ['schema-invalid', 'name', 'too_big'],
      ['schema-invalid', 'count', 'too_small'],
      ['schema-invalid', 'tags.0', 'invalid_value'],
      ['schema-invalid', 'extra', 'unrecognized_keys'],
      ['schema-invalid', 'more', 'unrecognized_keys'],
    ]);
    expect(result.errors[0].message).toBe('Trường "name": dài quá 3 ký tự. Rút gọn nội dung.');
    // The allowed values are codes: a message never lists them.
    expect(result.errors[2]?.message).toBe(
      'Trường "tags.0": không có trong danh sách. Chọn một mục trong danh sách.',
    );
  });

  it('describes a non-object input as the document itself', () => {
    const result = validateDocument(shape, 'hello');
    expect(result.ok ? undefined : result.errors[0]).toEqual({
      code: 'schema-invalid',
      message: 'Hồ sơ: phải là một đối tượng. Nhập lại đúng kiểu dữ liệu.',
      params: expect.objectContaining({ reason: 'invalid_type', field: '' }) as unknown,
    });
  });

  it('returns an error instead of throwing when reading the input throws', () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('boom');
        },
        get: () => {
          throw new Error('boom');
        },
      },
    );
    const result = validateDocument(shape, hostile);
    expect(result.ok ? undefined : result.errors[0].params?.['reason']).toBe('unreadable');
  });
});

describe('zodPath', () => {
  it('joins keys and indexes with dots', () => {
    expect(zodPath(['bhytCards', 0, 'code'])).toBe('bhytCards.0.code');
    expect(zodPath([])).toBe('');
  });
});
