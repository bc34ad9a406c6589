import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { safeString } from '#shared/schemas/safe-string.ts';
import { registerErrorHandling } from './error-handling.ts';

describe('the error mapping of request validation', () => {
  it('keeps the stable code and Vietnamese message a schema gave its own refusal, and names the field', async () => {
    const app = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    registerErrorHandling(app);
    app.get(
      '/probe',
      { schema: { querystring: z.strictObject({ name: safeString().max(5), other: z.string().max(2) }) } },
      async () => ({ ok: true }),
    );
    // Without the server's NUL guard in front, the schema itself answers.
    const res = await app.inject({ url: '/probe?name=a%00b&other=xyz' });
    expect(res.statusCode).toBe(400);
    const { error } = res.json<{
      error: { code: string; issues: { code: string; message: string; path: string }[] };
    }>();
    expect(error.code).toBe('text-nul-character');
    expect(error.issues).toEqual([
      { code: 'text-nul-character', message: expect.stringMatching(/U\+0000/) as string, path: 'name' },
      { code: 'request-invalid', message: expect.stringContaining('/other') as string, path: 'other' },
    ]);
    await app.close();
  });
});
