import { z } from 'zod';
import type { Issue } from './issue.ts';

/**
 * The one error body of the sync server's HTTP API: a stable `code` programs match on, a Vietnamese `message` that
 * says what to do, and the individual `issues` when there are several. Every 4xx and 5xx answer has this shape; the
 * server documents and serializes it with this schema, and every client reads it with `apiProblemOf`.
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

/**
 * The code and message of a parsed JSON answer that is an `apiProblem`; undefined when it is not one. Clients match
 * on `code` and show `message`.
 */
export function apiProblemOf(body: unknown): { readonly code: string; readonly message: string } | undefined {
  const parsed = apiProblem.safeParse(body);
  return parsed.success ? { code: parsed.data.error.code, message: parsed.data.error.message } : undefined;
}
