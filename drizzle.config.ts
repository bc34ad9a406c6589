import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes SQL migrations for sync-server/src/db/schema into sync-server/drizzle (committed).
export default defineConfig({
  dialect: 'postgresql',
  schema: './sync-server/src/db/schema/*.ts',
  out: './sync-server/drizzle',
});
