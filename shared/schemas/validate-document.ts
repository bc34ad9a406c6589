import type { z } from 'zod';
import { defineIssues, type Issue } from '../errors/issue.ts';
import { fail, ok, type Result } from '../errors/result.ts';

const issue = defineIssues({
  'schema-invalid': '{subject}: {problem}',
});
export type SchemaIssueCode = Parameters<typeof issue>[0];

const typeNames: Readonly<Record<string, string>> = {
  string: 'một chuỗi ký tự',
  number: 'một số',
  int: 'một số nguyên',
  boolean: 'đúng hoặc sai (true/false)',
  array: 'một danh sách',
  object: 'một đối tượng',
};

const unreadable = 'không đọc được. Gửi lại hồ sơ dưới dạng dữ liệu JSON thông thường.';
const missing = 'còn thiếu. Nhập giá trị cho trường này.';
const notChosen = 'chưa được chọn. Chọn một mục trong danh sách.';
const unknownField = 'không có trong mẫu hồ sơ. Xóa trường này hoặc kiểm tra lại tên trường.';

/**
 * Checks untrusted input against a document schema; never throws. Every zod issue becomes one `schema-invalid` issue
 * with the dotted field path (`bhytCards.0.code`) and a Vietnamese message; `params.reason` is the zod issue code, or
 * the code of the house parser or rule that rejected the value.
 */
export function validateDocument<S extends z.ZodType>(
  schema: S,
  input: unknown,
): Result<z.output<S>, SchemaIssueCode> {
  let parsed: z.ZodSafeParseResult<z.output<S>>;
  try {
    parsed = schema.safeParse(input, { error: vietnameseMessage });
  } catch {
    // Only hostile input gets here (a getter or proxy that throws while being read).
    return fail(
      issue('schema-invalid', { subject: 'Hồ sơ', problem: unreadable, reason: 'unreadable', field: '' }),
    );
  }
  if (parsed.success) return ok(parsed.data);
  const [first, ...rest] = parsed.error.issues.flatMap(toIssues);
  return first === undefined
    ? fail(issue('schema-invalid', { subject: 'Hồ sơ', problem: unreadable, reason: 'unknown', field: '' }))
    : fail(first, ...rest);
}

/** The dotted path of a zod issue (`history.surgeries.0.year`); '' for the document itself. */
export function zodPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment) => (typeof segment === 'symbol' ? (segment.description ?? '') : String(segment)))
    .join('.');
}

function toIssues(zodIssue: z.core.$ZodIssue): Issue<SchemaIssueCode>[] {
  const path = zodPath(zodIssue.path);
  if (zodIssue.code === 'unrecognized_keys') {
    return zodIssue.keys.map((key) => {
      const keyPath = path === '' ? key : `${path}.${key}`;
      return issue('schema-invalid', params(keyPath, unknownField, zodIssue.code), keyPath);
    });
  }
  const reason = zodIssue.code === 'custom' ? customReason(zodIssue.params) : reasonOf(zodIssue);
  return [issue('schema-invalid', params(path, zodIssue.message, reason), path === '' ? undefined : path)];
}

function params(path: string, problem: string, reason: string): Record<string, string> {
  return { subject: path === '' ? 'Hồ sơ' : `Trường "${path}"`, problem, reason, field: path };
}

// A final issue no longer carries its input, so a missing field is recognised by the message `vietnameseMessage` gave it.
function reasonOf(zodIssue: z.core.$ZodIssue): string {
  if (zodIssue.code === 'invalid_type' && zodIssue.message === missing) return 'missing';
  if (zodIssue.code === 'invalid_value' && zodIssue.message === notChosen) return 'missing';
  return zodIssue.code;
}

function customReason(issueParams: Record<string, unknown> | undefined): string {
  const reason = issueParams?.['reason'];
  return typeof reason === 'string' ? reason : 'custom';
}

/**
 * Vietnamese text for zod's built-in issues, as the rest of a sentence about the field ("phải là một số nguyên. …");
 * messages written into the schemas themselves take precedence. Forms show it under the field's label.
 */
export function vietnameseMessage(raw: z.core.$ZodRawIssue): string {
  switch (raw.code) {
    case 'invalid_type':
      if (raw.input === undefined) return missing;
      return `phải là ${typeNames[raw.expected] ?? raw.expected}. Nhập lại đúng kiểu dữ liệu.`;
    case 'too_big':
      if (raw.origin === 'string') return `dài quá ${String(raw.maximum)} ký tự. Rút gọn nội dung.`;
      if (raw.origin === 'array') return `có quá ${String(raw.maximum)} mục. Bớt số mục trong danh sách.`;
      return `lớn hơn mức cho phép (${String(raw.maximum)}). Kiểm tra lại giá trị đã nhập.`;
    case 'too_small':
      if (raw.origin === 'string') {
        return raw.minimum === 1
          ? 'không được để trống. Nhập nội dung cho trường này.'
          : `phải có ít nhất ${String(raw.minimum)} ký tự. Nhập đủ nội dung.`;
      }
      if (raw.origin === 'array') return `phải có ít nhất ${String(raw.minimum)} mục. Bổ sung danh sách.`;
      return `nhỏ hơn mức cho phép (${String(raw.minimum)}). Kiểm tra lại giá trị đã nhập.`;
    case 'invalid_value':
      // The allowed values are codes, not words a person reads: a choice left empty is missing, another is refused.
      if (raw.input === undefined || raw.input === '') return notChosen;
      return 'không có trong danh sách. Chọn một mục trong danh sách.';
    case 'invalid_format':
      return 'không đúng định dạng. Kiểm tra lại giá trị đã nhập.';
    case 'unrecognized_keys':
      return unknownField;
    default:
      return 'giá trị không hợp lệ. Kiểm tra lại giá trị đã nhập.';
  }
}
