import { describe, expect, it } from 'vitest';
import { defineIssues } from './issue.ts';
import { fail, ok, unwrap } from './result.ts';
import { toError } from './to-error.ts';

const issue = defineIssues({
  'example-too-long': 'Tên "{input}" dài quá {max} ký tự. Rút gọn lại.',
  'example-missing': 'Chưa nhập tên. Nhập họ và tên đầy đủ.',
});

describe('the error model', () => {
  it('fills a Vietnamese message from its parameters and keeps the code, path and parameters', () => {
    expect(issue('example-too-long', { input: 'Nguyễn', max: 3 }, 'fullName')).toEqual({
      code: 'example-too-long',
      message: 'Tên "Nguyễn" dài quá 3 ký tự. Rút gọn lại.',
      path: 'fullName',
      params: { input: 'Nguyễn', max: 3 },
    });
    expect(issue('example-missing')).toEqual({
      code: 'example-missing',
      message: 'Chưa nhập tên. Nhập họ và tên đầy đủ.',
    });
  });

  it('leaves an unfilled placeholder visible rather than inventing a value', () => {
    expect(issue('example-too-long', { input: 'A' }).message).toContain('{max}');
  });

  it('unwraps a success and throws with the codes of a failure', () => {
    expect(unwrap(ok(42))).toBe(42);
    expect(() => unwrap(fail(issue('example-missing')))).toThrow('example-missing');
  });

  it('turns anything thrown into an Error', () => {
    const e = new TypeError('x');
    expect(toError(e)).toBe(e);
    expect(toError('chuỗi').message).toBe('chuỗi');
    expect(toError({ code: 1 }).message).toBe('{"code":1}');
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(toError(cyclic)).toBeInstanceOf(Error);
  });
});
