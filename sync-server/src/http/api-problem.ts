import { z } from 'zod';
import type { Issue } from '#shared/errors/issue.ts';
import { defineIssues } from '#shared/errors/issue.ts';

/**
 * The one error body of the HTTP API: a stable `code` programs match on, a Vietnamese `message` that says what to
 * do, and the individual `issues` when there are several. Every 4xx and 5xx response has this shape.
 */
export const apiProblem = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z
      .array(z.object({ code: z.string(), message: z.string(), path: z.string().optional() }))
      .optional(),
  }),
});
export type ApiProblem = z.infer<typeof apiProblem>;

export const httpIssue = defineIssues({
  'request-invalid': 'Yêu cầu gửi lên không đúng định dạng. Kiểm tra các trường được nêu rồi gửi lại.',
  'json-malformed': 'Nội dung gửi lên không phải JSON hợp lệ. Kiểm tra lại dữ liệu rồi gửi lại.',
  'body-too-large': 'Dữ liệu gửi lên quá lớn (tối đa {limit} byte). Chia nhỏ rồi gửi lại.',
  'media-type-unsupported': 'Kiểu nội dung không được hỗ trợ. Gửi dữ liệu dạng application/json.',
  'route-not-found': 'Không có chức năng này trên máy chủ ({method} {url}). Kiểm tra lại địa chỉ.',
  'internal-error':
    'Máy chủ gặp lỗi khi xử lý yêu cầu. Thử lại sau; nếu vẫn lỗi, báo bộ phận CNTT kèm mã {requestId}.',
  'rate-limited': 'Gửi quá nhiều yêu cầu trong thời gian ngắn. Chờ {seconds} giây rồi thử lại.',
  'streams-too-many':
    'Đã mở quá nhiều luồng đồng bộ "{collection}" cùng lúc từ phiên hoặc máy này. Đóng bớt cửa sổ ứng dụng đang mở, hoặc chờ {seconds} giây rồi thử lại.',
});

/** The problem body of one or more issues; the first issue names the problem. */
export function problemOf(issues: readonly [Issue, ...Issue[]]): ApiProblem {
  const [first] = issues;
  return {
    error: {
      code: first.code,
      message: first.message,
      ...(issues.length > 1 || first.path !== undefined
        ? {
            issues: issues.map((i) => ({
              code: i.code,
              message: i.message,
              ...(i.path === undefined ? {} : { path: i.path }),
            })),
          }
        : {}),
    },
  };
}
