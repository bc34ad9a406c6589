import { z } from 'zod';
import type { Result } from '#shared/errors/result.ts';
import { fail, ok } from '#shared/errors/result.ts';
import { defineIssues } from '#shared/errors/issue.ts';
import { defaultRateLimits, type RateBudget, type RateLimits } from '../http/rate-limits.ts';

/** A request budget as `<max>/<seconds>` (`30/60`: thirty requests a minute). */
const budget = (fallback: RateBudget) =>
  z
    .string()
    .regex(/^\d{1,7}\/\d{1,6}$/, 'cần dạng <số yêu cầu>/<số giây>, ví dụ 30/60')
    .transform((text): RateBudget => {
      const [max = '0', seconds = '0'] = text.split('/');
      return { max: Number(max), windowMs: Number(seconds) * 1000 };
    })
    .refine((b) => b.max >= 1 && b.windowMs >= 1000, 'số yêu cầu và số giây phải từ 1 trở lên')
    .default(fallback);
const streamCap = (fallback: number) => z.coerce.number().int().min(1).max(1000).default(fallback);

/**
 * Server configuration, read once from the environment by `main.ts` and passed to factories (nothing else reads
 * `process.env`). Without `DATABASE_URL` the server runs on embedded PGlite in `HSSK_DATA_DIR`.
 */
export const serverConfigSchema = z.object({
  HSSK_ENV: z.enum(['production', 'development', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  DATABASE_URL: z.preprocess((v) => (v === '' ? undefined : v), z.url().optional()),
  HSSK_DATA_DIR: z.string().default('.data/sync-server'),
  /** `keyId:base64(32 bytes)` pairs separated by commas; the first is used for new writes. */
  HSSK_DOCUMENT_KEYS: z.string().optional(),
  /** base64 of a 64-byte Ed25519 secret key that signs audit entries. */
  HSSK_AUDIT_SIGNING_KEY: z.string().optional(),
  HSSK_BLIND_INDEX_KEY: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Where published installer files are kept (default `<HSSK_DATA_DIR>/updates`). */
  HSSK_UPDATES_DIR: z.string().optional(),
  /** The city's release public keys, base64 Ed25519, comma-separated; without them nothing can be published. */
  HSSK_RELEASE_PUBLIC_KEYS: z.string().optional(),
  /** Largest accepted request body in bytes. */
  HSSK_BODY_LIMIT: z.coerce
    .number()
    .int()
    .min(1024)
    .default(5 * 1024 * 1024),
  /** Request budgets, each `<max>/<seconds>` (see `RateLimits` for what each counts). */
  HSSK_RATE_SIGN_IN_PER_ADDRESS: budget(defaultRateLimits.signInPerAddress),
  HSSK_RATE_SIGN_IN_PER_USER_NAME: budget(defaultRateLimits.signInPerUserName),
  HSSK_RATE_ENROLMENT_PER_ADDRESS: budget(defaultRateLimits.enrolmentPerAddress),
  HSSK_RATE_DEVICE_SESSION_PER_ADDRESS: budget(defaultRateLimits.deviceSessionPerAddress),
  HSSK_RATE_SYNC_PER_SESSION: budget(defaultRateLimits.syncPerSession),
  HSSK_RATE_OTHER_PER_SESSION: budget(defaultRateLimits.otherPerSession),
  HSSK_RATE_PATIENT_LOOKUP_PER_ACCOUNT: budget(defaultRateLimits.patientLookupPerAccount),
  /** Open event streams of one collection per session, and per station device over all its sessions. */
  HSSK_STREAMS_PER_SESSION: streamCap(defaultRateLimits.streamsPerSession),
  HSSK_STREAMS_PER_DEVICE: streamCap(defaultRateLimits.streamsPerDevice),
  /**
   * Behind a reverse proxy: `true` (trust any) or the proxies' addresses/CIDRs, comma-separated, so the per-address
   * budgets count the client named in `X-Forwarded-For`; unset, the socket's address (the proxy's) is counted.
   */
  HSSK_TRUST_PROXY: z.string().optional(),
});

export type ServerConfig = {
  readonly env: 'production' | 'development' | 'test';
  readonly host: string;
  readonly port: number;
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly documentKeys: string | undefined;
  readonly auditSigningKey: string | undefined;
  /** base64 of 32 random bytes: the HMAC key of the identity blind indexes (duplicate detection). */
  readonly blindIndexKey: string | undefined;
  readonly logLevel: z.infer<typeof serverConfigSchema>['LOG_LEVEL'];
  readonly updatesDir: string | undefined;
  readonly releasePublicKeys: readonly string[];
  readonly bodyLimit: number;
  readonly rateLimits: RateLimits;
  readonly trustProxy: boolean | string | undefined;
};

const issue = defineIssues({
  'config-invalid':
    'Cấu hình máy chủ không hợp lệ ở biến {variable}: {reason}. Sửa biến môi trường rồi khởi động lại.',
  'config-production-secret-missing':
    'Chế độ production cần biến {variable}. Cấp khóa từ kho khóa của Sở Y tế rồi khởi động lại; máy chủ không tự tạo khóa ở production.',
});

/** Parses the environment; production refuses to start without its keys (the demo generates its own). */
export function parseServerConfig(env: Readonly<Record<string, string | undefined>>): Result<ServerConfig> {
  const parsed = serverConfigSchema.safeParse(env);
  if (!parsed.success) {
    const [first, ...rest] = parsed.error.issues.map((i) =>
      issue('config-invalid', { variable: i.path.join('.'), reason: i.message }),
    );
    if (first) return fail(first, ...rest);
  }
  const v = serverConfigSchema.parse(env);
  if (v.HSSK_ENV === 'production') {
    for (const variable of [
      'DATABASE_URL',
      'HSSK_DOCUMENT_KEYS',
      'HSSK_AUDIT_SIGNING_KEY',
      'HSSK_BLIND_INDEX_KEY',
    ] as const) {
      if (v[variable] === undefined) return fail(issue('config-production-secret-missing', { variable }));
    }
  }
  const releasePublicKeys = (v.HSSK_RELEASE_PUBLIC_KEYS ?? '')
    .split(',')
    .map((key) => key.trim())
    .filter((key) => key !== '');
  if (releasePublicKeys.some((key) => Buffer.from(key, 'base64').length !== 32)) {
    return fail(
      issue('config-invalid', {
        variable: 'HSSK_RELEASE_PUBLIC_KEYS',
        reason: 'mỗi khóa phải là base64 của khóa công khai Ed25519 dài 32 byte',
      }),
    );
  }
  return ok({
    env: v.HSSK_ENV,
    host: v.HOST,
    port: v.PORT,
    databaseUrl: v.DATABASE_URL,
    dataDir: v.HSSK_DATA_DIR,
    documentKeys: v.HSSK_DOCUMENT_KEYS,
    auditSigningKey: v.HSSK_AUDIT_SIGNING_KEY,
    blindIndexKey: v.HSSK_BLIND_INDEX_KEY,
    logLevel: v.LOG_LEVEL,
    updatesDir: v.HSSK_UPDATES_DIR,
    releasePublicKeys,
    bodyLimit: v.HSSK_BODY_LIMIT,
    rateLimits: {
      signInPerAddress: v.HSSK_RATE_SIGN_IN_PER_ADDRESS,
      signInPerUserName: v.HSSK_RATE_SIGN_IN_PER_USER_NAME,
      enrolmentPerAddress: v.HSSK_RATE_ENROLMENT_PER_ADDRESS,
      deviceSessionPerAddress: v.HSSK_RATE_DEVICE_SESSION_PER_ADDRESS,
      syncPerSession: v.HSSK_RATE_SYNC_PER_SESSION,
      otherPerSession: v.HSSK_RATE_OTHER_PER_SESSION,
      patientLookupPerAccount: v.HSSK_RATE_PATIENT_LOOKUP_PER_ACCOUNT,
      streamsPerSession: v.HSSK_STREAMS_PER_SESSION,
      streamsPerDevice: v.HSSK_STREAMS_PER_DEVICE,
    },
    trustProxy: trustProxyOf(v.HSSK_TRUST_PROXY),
  });
}

function trustProxyOf(value: string | undefined): boolean | string | undefined {
  const text = value?.trim() ?? '';
  if (text === '' || text === 'false') return undefined;
  return text === 'true' ? true : text;
}
