import { SaxesParser } from 'saxes';
import { fail, ok, type Result } from '#shared/errors/result.ts';
import { intakeIssue, type IntakeIssue, type IntakeIssueCode } from './intake-issues.ts';

/** One element of a parsed XML document: its name, its child elements in order, and its text (CDATA included). */
export type XmlElement = {
  readonly name: string;
  readonly children: XmlElement[];
  text: string;
};

export type XmlLimits = {
  /** Bytes the document may have; more is refused before a byte is parsed. */
  readonly maxBytes: number;
  /** How deeply elements may nest (QĐ 130 needs 6). */
  readonly maxDepth: number;
  /** Elements the document may hold in all. */
  readonly maxElements: number;
};

/** Abandons a parse from inside saxes's handlers, carrying the issue that stopped it. */
class Refused extends Error {
  constructor(readonly issue: IntakeIssue) {
    super(issue.code);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Parses an XML document the way a hospital's export is read (never by pattern matching): the bytes must be UTF-8,
 * as QĐ 130 prescribes, and a declaration that names another encoding is refused rather than believed or ignored.
 * saxes is strict (any well-formedness error refuses the document, with its line and column), never expands a DTD's
 * entities, and reports a DOCTYPE, which is refused outright: QĐ 130 files have none, and an internal DTD is how
 * entity-expansion bombs are built. Depth and element count are checked as the elements open, so a bomb stops within
 * its first bytes past the limit, in constant memory. Returns the root element; never throws on bad input.
 */
export function parseXmlTree(
  bytes: Uint8Array,
  limits: XmlLimits,
  label: string,
): Result<XmlElement, IntakeIssueCode> {
  if (bytes.length > limits.maxBytes) {
    return fail(intakeIssue('xml-too-large', { label, bytes: bytes.length, limit: limits.maxBytes }));
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return fail(intakeIssue('xml-not-utf8', { label }));
  }
  const parser = new SaxesParser({ position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let elements = 0;
  parser.on('xmldecl', (declaration) => {
    const encoding = declaration.encoding?.toLowerCase();
    if (encoding !== undefined && encoding !== 'utf-8' && encoding !== 'utf8') {
      throw new Refused(
        intakeIssue('xml-encoding-declared', { label, encoding: declaration.encoding ?? '' }),
      );
    }
  });
  parser.on('doctype', () => {
    throw new Refused(intakeIssue('xml-doctype-refused', { label }));
  });
  parser.on('opentag', (tag) => {
    elements++;
    if (stack.length >= limits.maxDepth) {
      throw new Refused(intakeIssue('xml-too-deep', { label, limit: limits.maxDepth }));
    }
    if (elements > limits.maxElements) {
      throw new Refused(intakeIssue('xml-too-many-elements', { label, limit: limits.maxElements }));
    }
    const element: XmlElement = { name: localName(tag.name), children: [], text: '' };
    const parent = stack.at(-1);
    if (parent === undefined) root = element;
    else parent.children.push(element);
    stack.push(element);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const addText = (value: string) => {
    const current = stack.at(-1);
    if (current !== undefined) current.text += value;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('error', (error) => {
    throw new Refused(intakeIssue('xml-malformed', { label, detail: error.message }));
  });
  try {
    parser.write(text).close();
  } catch (error) {
    if (error instanceof Refused) return fail(error.issue);
    throw error;
  }
  if (root === undefined) return fail(intakeIssue('xml-malformed', { label, detail: 'no root element' }));
  return ok(root);
}

/** An element's name without its namespace prefix (`ns:TONG_HOP` → `TONG_HOP`): QĐ 130 files use no namespaces. */
function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** The first child element named `name`, if any. */
export function childOf(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((child) => child.name === name);
}

/** Every child element named `name`, in document order. */
export function childrenOf(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}
