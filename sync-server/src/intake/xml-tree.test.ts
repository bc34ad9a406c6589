import { describe, expect, it } from 'vitest';
import { parseXmlTree } from './xml-tree.ts';

const limits = { maxBytes: 1024 * 1024, maxDepth: 16, maxElements: 10_000 };
const bytes = (text: string) => Buffer.from(text, 'utf8');
const codeOf = (result: ReturnType<typeof parseXmlTree>) => (result.ok ? 'ok' : result.errors[0].code);

describe('parseXmlTree', () => {
  it('reads elements, text, CDATA and the predefined and numeric entities', () => {
    const parsed = parseXmlTree(
      bytes('<?xml version="1.0" encoding="UTF-8"?><A><B>x &amp; y &#7899;</B><C><![CDATA[a<b]]></C></A>'),
      limits,
      'XML1',
    );
    expect(parsed.ok && parsed.value.children.map((c) => [c.name, c.text])).toEqual([
      ['B', 'x & y ớ'],
      ['C', 'a<b'],
    ]);
  });

  it('refuses a DOCTYPE, so no entity of a DTD is ever expanded (billion laughs)', () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><A>&c;</A>`;
    expect(codeOf(parseXmlTree(bytes(lol), limits, 'XML1'))).toBe('xml-doctype-refused');
    expect(codeOf(parseXmlTree(bytes('<A>&undefined;</A>'), limits, 'XML1'))).toBe('xml-malformed');
  });

  it('stops deep nesting and element floods at the limit, before reading the rest', () => {
    const deep = `${'<A>'.repeat(200_000)}${'</A>'.repeat(200_000)}`;
    expect(codeOf(parseXmlTree(bytes(deep), { ...limits, maxBytes: 10_000_000 }, 'XML1'))).toBe(
      'xml-too-deep',
    );
    const flood = `<A>${'<B/>'.repeat(20_000)}</A>`;
    expect(codeOf(parseXmlTree(bytes(flood), limits, 'XML1'))).toBe('xml-too-many-elements');
  });

  it('refuses too many bytes before parsing a byte', () => {
    const result = parseXmlTree(new Uint8Array(limits.maxBytes + 1), limits, 'Hồ sơ giám định');
    expect(codeOf(result)).toBe('xml-too-large');
    expect(!result.ok && result.errors[0].message).toContain('Hồ sơ giám định');
  });

  it('takes UTF-8 only: bytes of another encoding, or a declaration that names one, are refused', () => {
    // "Nguyễn" in Windows-1258 bytes is not UTF-8.
    const windows1258 = Buffer.concat([bytes('<A>Nguy'), Buffer.from([0xea, 0xde]), bytes('n</A>')]);
    expect(codeOf(parseXmlTree(windows1258, limits, 'XML1'))).toBe('xml-not-utf8');
    // A declaration that lies about UTF-8 bytes is not believed.
    const lying = bytes('<?xml version="1.0" encoding="windows-1258"?><A>Nguyễn</A>');
    const result = parseXmlTree(lying, limits, 'XML1');
    expect(codeOf(result)).toBe('xml-encoding-declared');
    expect(!result.ok && result.errors[0].message).toContain('windows-1258');
  });

  it('refuses what is not well-formed, naming where', () => {
    const result = parseXmlTree(bytes('<A><B></A>'), limits, 'XML2');
    expect(codeOf(result)).toBe('xml-malformed');
    expect(!result.ok && result.errors[0].message).toMatch(/XML2.*1:\d+/);
    expect(codeOf(parseXmlTree(bytes('not xml'), limits, 'XML2'))).toBe('xml-malformed');
    expect(codeOf(parseXmlTree(bytes('<A/><B/>'), limits, 'XML2'))).toBe('xml-malformed');
    expect(codeOf(parseXmlTree(bytes(''), limits, 'XML2'))).toBe('xml-malformed');
  });
});
