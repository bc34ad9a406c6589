import { customType } from 'drizzle-orm/pg-core';

/** A PostgreSQL `bytea` column read and written as a Node Buffer (node-postgres) or Uint8Array (PGlite). */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (value instanceof Uint8Array ? value : new Uint8Array(value)),
});
