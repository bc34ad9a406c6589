/**
 * A drop-in for rc-util's `Dom/dynamicCSS` (swapped in at build time by `vite/adopted-style-sheets-plugin.ts`), so
 * Ant Design's CSS-in-JS works under the app's strict Content-Security-Policy: instead of inserting `<style>`
 * elements, which a policy without 'unsafe-inline' blocks, each style becomes a constructed `CSSStyleSheet` adopted
 * by the document (or the shadow root it was meant for). Same exports and arguments as rc-util; the returned
 * `<style>` element is a detached handle carrying the attributes callers set and read, never attached to the page.
 *
 * Order: prepended styles (`prepend: true` or `'queue'`) come before appended ones, by `priority`, then in insertion
 * order, as rc-util places them in `<head>`. Adopted sheets apply after the page's own style sheets.
 */
type Prepend = boolean | 'queue';
type StyleOption = {
  readonly attachTo?: Element | ShadowRoot;
  readonly prepend?: Prepend;
  readonly priority?: number;
  readonly mark?: string;
  readonly csp?: { readonly nonce?: string };
  readonly styles?: unknown;
};
type Entry = {
  readonly sheet: CSSStyleSheet;
  readonly node: HTMLStyleElement;
  readonly prepended: boolean;
  readonly priority: number;
  readonly seq: number;
  css: string;
};
type Host = Document | ShadowRoot;

const DEFAULT_MARK = 'data-rc-util-key';
const entriesOf = new Map<Host, Map<string, Entry>>();
/** Every sheet this module ever made, so removed ones are dropped from `adoptedStyleSheets` too. */
const madeHere = new WeakSet<CSSStyleSheet>();
let nextSeq = 0;

const markOf = (option: StyleOption) =>
  option.mark === undefined
    ? DEFAULT_MARK
    : option.mark.startsWith('data-')
      ? option.mark
      : `data-${option.mark}`;
const hostOf = (option: StyleOption): Host =>
  option.attachTo instanceof ShadowRoot ? option.attachTo : document;

function entries(host: Host): Map<string, Entry> {
  let map = entriesOf.get(host);
  if (map === undefined) {
    map = new Map();
    entriesOf.set(host, map);
  }
  return map;
}

function adopt(host: Host): void {
  const ours = [...entries(host).values()].sort(
    (a, b) => Number(b.prepended) - Number(a.prepended) || a.priority - b.priority || a.seq - b.seq,
  );
  const foreign = host.adoptedStyleSheets.filter((sheet) => !madeHere.has(sheet));
  host.adoptedStyleSheets = [...foreign, ...ours.map((entry) => entry.sheet)];
}

function create(css: string, key: string, option: StyleOption): Entry {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  madeHere.add(sheet);
  const node = document.createElement('style');
  node.setAttribute(markOf(option), key);
  const prepend = option.prepend ?? false;
  node.setAttribute('data-rc-order', prepend === 'queue' ? 'prependQueue' : prepend ? 'prepend' : 'append');
  const entry: Entry = {
    sheet,
    node,
    prepended: prepend !== false,
    priority: option.priority ?? 0,
    seq: nextSeq++,
    css,
  };
  const host = hostOf(option);
  entries(host).set(`${markOf(option)}\n${key}`, entry);
  adopt(host);
  return entry;
}

export function injectCSS(css: string, option: StyleOption = {}): HTMLStyleElement {
  return create(css, `anonymous-${String(nextSeq)}`, option).node;
}

export function updateCSS(css: string, key: string, option: StyleOption = {}): HTMLStyleElement {
  const existing = entries(hostOf(option)).get(`${markOf(option)}\n${key}`);
  if (existing === undefined) return create(css, key, option).node;
  if (existing.css !== css) {
    existing.sheet.replaceSync(css);
    existing.css = css;
  }
  return existing.node;
}

export function removeCSS(key: string, option: StyleOption = {}): void {
  const host = hostOf(option);
  if (entries(host).delete(`${markOf(option)}\n${key}`)) adopt(host);
}

/** rc-util caches the real `<head>` for micro-frontends; nothing is cached here. */
export function clearContainerCache(): void {
  // Nothing to clear.
}
