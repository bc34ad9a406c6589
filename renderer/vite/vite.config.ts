import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { adoptedStyleSheetsPlugin } from './adopted-style-sheets-plugin.ts';

// `renderer/`, spelled without `..`: Vite's tsconfig lookup walks up the path as written.
const rendererDir = import.meta.dirname.replace(/[\\/]vite$/, '');

/**
 * Builds both apps into `renderer/dist`: the station app (`index.html`, served at `/` by the station's loopback server
 * and the Electron shell) and the admin console (`console.html`, served at `/console/` by the sync server). Asset URLs
 * are relative (`base: './'`), so each page finds them from where it is served; the console's `<base href>` pins them
 * to `/console/` for its deeper routes.
 */
export default defineConfig({
  root: rendererDir,
  base: './',
  plugins: [react(), adoptedStyleSheetsPlugin(`${rendererDir}/common/csp/adopted-style-sheets.ts`)],
  build: {
    outDir: `${rendererDir}/dist`,
    emptyOutDir: true,
    // The station loads it from the local disk; the console fetches it once from the server and caches it for a year
    // (hashed names): one large chunk costs nothing worth splitting for.
    chunkSizeWarningLimit: 4096,
    rolldownOptions: {
      input: { station: `${rendererDir}/index.html`, console: `${rendererDir}/console.html` },
    },
  },
  server: { fs: { allow: [`${rendererDir}/..`] } },
});
