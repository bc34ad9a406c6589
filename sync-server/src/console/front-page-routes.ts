import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CONSOLE_CONTENT_SECURITY_POLICY } from './console-routes.ts';

/** What someone who opens the server's address in a browser sees: where the console, the API and the checks are. */
export const FRONT_PAGE = `<!doctype html>
<html lang="vi">
  <head>
    <meta charset="utf-8" />
    <title>Máy chủ đồng bộ HSSK Hà Nội</title>
  </head>
  <body>
    <h1>Máy chủ đồng bộ Hồ sơ sức khỏe điện tử Hà Nội</h1>
    <p>HSSK Hà Nội sync server: the stations replicate through it; people use the admin console.</p>
    <ul>
      <li><a href="/console/">Giao diện quản trị</a> (admin console): tài khoản, thiết bị, hàng đợi xem xét, hồ sơ trùng, nhật ký kiểm toán.</li>
      <li><a href="/openapi.json">/openapi.json</a>: mô tả API (OpenAPI document of every route).</li>
      <li><a href="/health/ready">/health/ready</a>: máy chủ sẵn sàng khi cơ sở dữ liệu trả lời (readiness check).</li>
    </ul>
  </body>
</html>
`;

/** `GET /`: a small bilingual page naming the console, `/openapi.json` and `/health/ready` (never a 404). */
export function frontPageRoutes(): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .header('content-security-policy', CONSOLE_CONTENT_SECURITY_POLICY)
        .header('referrer-policy', 'no-referrer')
        .header('x-frame-options', 'DENY')
        .send(FRONT_PAGE),
    );
  };
}
