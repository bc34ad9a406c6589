import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database.ts';
import { testBackends } from '../testing/test-databases.test-support.ts';
import nacl from 'tweetnacl';
import { createAuditLog } from '../audit/audit-log.ts';
import { buildApp } from './build-app.ts';

describe.each(testBackends)('the sync server app on $name', (backend) => {
  let database: DatabaseHandle;
  let app: FastifyInstance;

  beforeAll(async () => {
    database = await backend.open();
    const clock = { now: () => new Date() };
    const audit = createAuditLog({ signingSecretKey: nacl.sign.keyPair().secretKey, clock });
    app = await buildApp({
      database,
      clock,
      audit,
      bodyLimit: 64 * 1024,
      logLevel: 'silent',
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('is live and ready once its database answers', async () => {
    expect((await app.inject({ url: '/health/live' })).json()).toEqual({ status: 'ok' });
    const ready = await app.inject({ url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', database: backend.name });
  });

  it('answers GET / with a page naming the console, the API document and the readiness check, in both languages', async () => {
    const page = await app.inject({ url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    for (const link of ['href="/console/"', 'href="/openapi.json"', 'href="/health/ready"']) {
      expect(page.body).toContain(link);
    }
    expect(page.body).toContain('Giao diện quản trị');
    expect(page.body).toContain('admin console');
    for (const target of ['/openapi.json', '/health/ready']) {
      expect((await app.inject({ url: target })).statusCode).toBe(200);
    }
  });

  it('applied the migrations: every table of the schema exists', async () => {
    const tables = await app.inject({ url: '/health/ready' });
    expect(tables.statusCode).toBe(200);
    const result: unknown = await database.db.execute(
      "select table_name from information_schema.tables where table_schema = 'public' order by table_name",
    );
    const { rows } = result as { rows: { table_name: string }[] };
    expect(rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining([
        'accounts',
        'audit_log',
        'documents',
        'evictions',
        'quarantine',
        'conflict_log',
        'devices',
      ]),
    );
  });

  it('serves Prometheus metrics labelled by route pattern', async () => {
    await app.inject({ url: '/health/live' });
    const metrics = await app.inject({ url: '/metrics' });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toContain(
      'hssk_http_requests_total{method="GET",route="/health/live",status="200"}',
    );
    expect(metrics.body).toContain('hssk_process_cpu_seconds_total');
  });

  it('documents its routes in OpenAPI', async () => {
    const doc = (await app.inject({ url: '/openapi.json' })).json<{
      openapi: string;
      paths: Record<string, unknown>;
    }>();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/health/live', '/health/ready']));
  });

  it('answers an unknown route with a 404 problem in Vietnamese', async () => {
    const res = await app.inject({ url: '/khong-co?q=Nguyễn' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'route-not-found' } });
    expect(res.body).not.toContain('Nguy');
  });
});
