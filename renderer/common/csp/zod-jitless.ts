import { z } from 'zod';

/**
 * Imported first by every entry point: zod probes `new Function` when a schema is built, to compile fast parsers.
 * The app's Content-Security-Policy forbids eval, and Chromium reports the probe itself as a violation. With
 * `jitless`, zod never probes. It must run before any module builds a schema, hence a module of its own.
 */
z.config({ jitless: true });
