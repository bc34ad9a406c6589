import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { adoptedStyleSheetsPlugin } from './adopted-style-sheets-plugin.ts';

// `renderer/`, spelled without `..`: Vite's tsconfig lookup walks up the path as written.
const rendererDir = import.meta.dirname.replace(/[\\/]vite$/, '');

/**
 * Builds the station app into `renderer/dist`, the folder the station's loopback server (and later the Electron
 * shell) serves. The admin console (issue 7) becomes a second entry in `build.rolldownOptions.input`.
 */
export default defineConfig({
  root: rendererDir,
  base: '/',
  plugins: [react(), adoptedStyleSheetsPlugin(`${rendererDir}/common/csp/adopted-style-sheets.ts`)],
  build: {
    outDir: `${rendererDir}/dist`,
    emptyOutDir: true,
    // Loaded from the local disk, never over a network: one large chunk costs nothing worth splitting for.
    chunkSizeWarningLimit: 4096,
    rolldownOptions: { input: { station: `${rendererDir}/index.html` } },
  },
  server: { fs: { allow: [`${rendererDir}/..`] } },
});
