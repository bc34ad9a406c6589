import type { z } from 'zod';
import { apiProblemOf } from '#shared/errors/api-problem.ts';

/** Why a request to the server did not give what was asked: the server's own problem, or the console's. */
export type AdminProblem = {
  /** The HTTP status; 0 when the server could not be reached or its answer could not be read. */
  readonly status: number;
  /** The server's stable code, or `server-unreachable` / `answer-invalid` from the console itself. */
  readonly code: string;
  /** Vietnamese, saying what to do (the server's message as it came). */
  readonly message: string;
};

export type AdminAnswer<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: AdminProblem };

export type AdminRequest = {
  readonly method: 'GET' | 'POST';
  /** Path and query, already encoded. */
  readonly path: string;
  readonly body?: unknown;
  readonly token?: string | null;
};

/** JSON over HTTP to the sync server that serves the console; every answer is parsed before it is used. */
export type AdminHttp = {
  send<T>(request: AdminRequest, answer: z.ZodType<T>): Promise<AdminAnswer<T>>;
};

const UNREACHABLE = 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại; nếu vẫn lỗi, báo bộ phận CNTT.';
const INVALID =
  'Máy chủ trả lời không đúng định dạng giao diện quản trị chờ đợi. Tải lại trang; nếu vẫn lỗi, báo bộ phận CNTT.';

export function createAdminHttp(deps: { readonly fetch: typeof fetch; readonly baseUrl: string }): AdminHttp {
  const base = deps.baseUrl.replace(/\/+$/, '');
  return {
    async send(request, answer) {
      let response: Response;
      try {
        response = await deps.fetch(`${base}${request.path}`, {
          method: request.method,
          headers: {
            accept: 'application/json',
            ...(request.token ? { authorization: `Bearer ${request.token}` } : {}),
            ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
          cache: 'no-store',
        });
      } catch {
        return { ok: false, problem: { status: 0, code: 'server-unreachable', message: UNREACHABLE } };
      }
      const text = await response.text().catch(() => '');
      let body: unknown = undefined;
      if (text !== '') {
        try {
          body = JSON.parse(text);
        } catch {
          body = undefined;
        }
      }
      if (!response.ok) {
        const problem = apiProblemOf(body);
        return {
          ok: false,
          problem: {
            status: response.status,
            code: problem?.code ?? `http-${String(response.status)}`,
            message: problem?.message ?? INVALID,
          },
        };
      }
      const parsed = answer.safeParse(body);
      return parsed.success
        ? { ok: true, value: parsed.data }
        : { ok: false, problem: { status: 0, code: 'answer-invalid', message: INVALID } };
    },
  };
}

/** `?a=1&b=x` of the defined values, or '' when none is. */
export function queryString(query: Readonly<Record<string, string | number | undefined>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
