import { defineIssues } from '#shared/errors/issue.ts';
import { apiProblemOf } from '#shared/errors/api-problem.ts';

/** Failures of the station's own sync transport, with what the health worker should do. */
const transportMessages = {
  'sync-offline': 'Không kết nối được máy chủ. Dữ liệu vẫn được lưu trên máy trạm và sẽ đồng bộ khi có mạng.',
  'sync-stream-empty': 'Máy chủ trả về luồng đồng bộ rỗng. Phần mềm sẽ tự kết nối lại.',
  'sync-stream-ended': 'Máy chủ đã đóng luồng đồng bộ. Phần mềm sẽ tự kết nối lại.',
  'sync-answer-unreadable':
    'Máy chủ trả lời không đúng định dạng ({status}). Báo bộ phận CNTT nếu lỗi lặp lại.',
  'schema-version-server-behind':
    'Máy chủ chưa dùng cấu trúc dữ liệu mà phần mềm trạm này dùng, nên trạm tạm chưa gửi thay đổi lên. Dữ liệu vẫn được giữ nguyên trên máy và sẽ được gửi khi máy chủ được cập nhật; báo bộ phận CNTT của Sở.',
} as const;
export type SyncTransportIssueCode = keyof typeof transportMessages;
export const syncTransportIssue = defineIssues<SyncTransportIssueCode>(transportMessages);

/**
 * A sync request that failed: `code` is the server's stable problem code (`device-revoked`, `session-expired`, …) or
 * one of `syncTransportIssue`'s; `status` the HTTP status (0 when nothing came back). The message is Vietnamese and
 * says what to do; it never contains tokens, keys or document content.
 */
export class SyncRequestError extends Error {
  readonly code: string;
  readonly status: number;

  constructor(code: string, status: number, options?: { cause?: unknown; message?: string }) {
    const known = Object.hasOwn(transportMessages, code)
      ? syncTransportIssue(code as SyncTransportIssueCode, { status })
      : undefined;
    super(
      options?.message ?? known?.message ?? code,
      options?.cause === undefined ? {} : { cause: options.cause },
    );
    this.name = 'SyncRequestError';
    this.code = code;
    this.status = status;
  }

  /** The error a non-2xx answer stands for, from the server's problem body `{ error: { code, message } }`. */
  static async fromResponse(response: Response): Promise<SyncRequestError> {
    const problem = apiProblemOf(await response.json().catch(() => undefined));
    if (problem !== undefined) {
      return new SyncRequestError(problem.code, response.status, { message: problem.message });
    }
    return new SyncRequestError('sync-answer-unreadable', response.status);
  }

  /** True when retrying cannot help until a person acts (signed out, device revoked, no permission). */
  get needsAttention(): boolean {
    return this.status === 401 || this.status === 403;
  }
}
