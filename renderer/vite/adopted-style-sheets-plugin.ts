import type { Plugin } from 'vite';

/** rc-util's style injector, in either of its builds and either of its package names. */
const INJECTOR = /[\\/](?:rc-util|@rc-component[\\/]util)[\\/](?:es|lib)[\\/]Dom[\\/]dynamicCSS\.js$/;

/**
 * Swaps rc-util's `dynamicCSS` module (through which Ant Design's CSS-in-JS, its icons and its scroll locker insert
 * `<style>` elements) for `replacement`, a module with the same exports that adopts constructed style sheets instead.
 * The app's Content-Security-Policy allows no inline styles; constructed style sheets are CSSOM, which CSP does not
 * govern. The build fails when the module was never seen, so an Ant Design upgrade that moves it cannot silently
 * bring back blocked inline styles.
 */
export function adoptedStyleSheetsPlugin(replacement: string): Plugin {
  let swapped = 0;
  return {
    name: 'hssk-adopted-style-sheets',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!source.includes('dynamicCSS')) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (resolved === null || !INJECTOR.test(resolved.id)) return resolved;
      swapped++;
      return replacement;
    },
    buildEnd(error) {
      if (error === undefined && this.environment.mode === 'build' && swapped === 0)
        this.error('rc-util/es/Dom/dynamicCSS was not found: update adopted-style-sheets-plugin.ts');
    },
  };
}
