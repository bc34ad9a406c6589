import { DrizzleQueryError } from 'drizzle-orm';

export type SerializedError = {
  readonly [field: string]: unknown;
  readonly type: string;
  readonly message: string;
  readonly stack: string;
  readonly code?: string | number;
  readonly statusCode?: number;
  /** A database error's schema-level context: which constraint, table, column or server routine failed. */
  readonly database?: Readonly<Record<string, string>>;
  readonly cause?: SerializedError;
};

/** Fields of a PostgreSQL (node-postgres, PGlite) error that name the schema, never the data. */
const SCHEMA_FIELDS = ['severity', 'schema', 'table', 'column', 'dataType', 'constraint', 'routine'] as const;
const MAX_CAUSES = 5;

/**
 * The `err` serializer of every server logger. It keeps an error's type, message, stack, code and cause, and nothing
 * else: other fields of an error may carry request data. A database error (drizzle's failed query, a PostgreSQL or
 * PGlite error) keeps only its SQLSTATE code and schema-level fields: its message and stack text are replaced,
 * because they hold the SQL text and the bound parameters (a typed user name, a resident's data), and PostgreSQL's own
 * messages quote the offending value (`invalid input syntax for type uuid: "…"`).
 */
export function serializeError(error: Error): SerializedError {
  // Typed as loggers call it; a logged `err` that is not an Error is described, not copied.
  const value: unknown = error;
  return value instanceof Error ? serialize(value, 0) : { type: typeof value, message: '', stack: '' };
}

function serialize(error: Error, depth: number): SerializedError {
  const cause =
    error.cause instanceof Error && depth < MAX_CAUSES ? { cause: serialize(error.cause, depth + 1) } : {};
  const code = codeOf(error);
  if (isDatabaseError(error)) {
    const message = `database error${code === undefined ? '' : ` ${String(code)}`}`;
    return {
      type: error.constructor.name,
      message,
      stack: `${message}\n${framesOf(error.stack ?? '')}`,
      ...(code === undefined ? {} : { code }),
      database: schemaFieldsOf(error),
      ...cause,
    };
  }
  const statusCode = (error as { statusCode?: unknown }).statusCode;
  return {
    type: error.constructor.name,
    message: error.message,
    stack: error.stack ?? '',
    ...(code === undefined ? {} : { code }),
    ...(typeof statusCode === 'number' ? { statusCode } : {}),
    ...cause,
  };
}

function isDatabaseError(error: Error): boolean {
  if (error instanceof DrizzleQueryError) return true;
  const fields = error as { severity?: unknown; query?: unknown; params?: unknown; internalQuery?: unknown };
  return (
    typeof fields.severity === 'string' ||
    fields.query !== undefined ||
    fields.params !== undefined ||
    fields.internalQuery !== undefined
  );
}

function codeOf(error: Error): string | number | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' || typeof code === 'number' ? code : undefined;
}

function schemaFieldsOf(error: Error): Record<string, string> {
  const fields = error as unknown as Record<string, unknown>;
  return Object.fromEntries(
    SCHEMA_FIELDS.flatMap((name) => {
      const field = fields[name];
      return typeof field === 'string' && field !== '' ? [[name, field]] : [];
    }),
  );
}

/** The `at …` lines of a stack, without the message lines before them. */
function framesOf(stack: string): string {
  return stack
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
}
