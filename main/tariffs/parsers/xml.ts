/**
 * A small XML reader for price documents: elements, attributes and text, the
 * five predefined entities and numeric character references; comments,
 * processing instructions and CDATA are handled. Enough for ENTSO-E's
 * Publication_MarketDocument without a dependency; namespaces are kept as
 * prefixes and compared by local name.
 */
export interface XmlElement {
  readonly name: string;
  /** Name without a namespace prefix. */
  readonly local: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  text: string;
}

export class XmlError extends Error {
  constructor(message: string, readonly offset: number) {
    super(`${message} at offset ${offset}`);
    this.name = 'XmlError';
  }
}

const entities: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(s: string, offset: number): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (_m, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    const v = entities[e];
    if (v === undefined) throw new XmlError(`unknown entity &${e};`, offset);
    return v;
  });
}

/** Parses a document and returns its root element; throws XmlError on malformed input. */
export function parseXml(text: string): XmlElement {
  let i = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  const n = text.length;
  while (i < n) {
    const lt = text.indexOf('<', i);
    const chunk = lt === -1 ? text.slice(i) : text.slice(i, lt);
    if (chunk.trim() !== '') {
      const top = stack.at(-1);
      if (top === undefined) throw new XmlError('text outside the root element', i);
      top.text += decode(chunk, i);
    }
    if (lt === -1) break;
    i = lt;
    if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i);
      if (end === -1) throw new XmlError('unterminated processing instruction', i);
      i = end + 2;
    } else if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i);
      if (end === -1) throw new XmlError('unterminated comment', i);
      i = end + 3;
    } else if (text.startsWith('<![CDATA[', i)) {
      const end = text.indexOf(']]>', i);
      if (end === -1) throw new XmlError('unterminated CDATA', i);
      const top = stack.at(-1);
      if (top === undefined) throw new XmlError('CDATA outside the root element', i);
      top.text += text.slice(i + 9, end);
      i = end + 3;
    } else if (text.startsWith('<!', i)) {
      throw new XmlError('DOCTYPE and declarations are not accepted', i);
    } else if (text.startsWith('</', i)) {
      const end = text.indexOf('>', i);
      if (end === -1) throw new XmlError('unterminated end tag', i);
      const name = text.slice(i + 2, end).trim();
      const open = stack.pop();
      if (open === undefined || open.name !== name) throw new XmlError(`end tag </${name}> does not match <${open?.name ?? ''}>`, i);
      i = end + 1;
    } else {
      const end = findTagEnd(text, i);
      const selfClosing = text[end - 1] === '/';
      const inner = text.slice(i + 1, selfClosing ? end - 1 : end);
      const m = /^([A-Za-z_][\w.:-]*)/.exec(inner);
      if (m === null) throw new XmlError('bad start tag', i);
      const name = m[1]!;
      const attributes: Record<string, string> = {};
      const attrRe = /([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/g;
      const rest = inner.slice(name.length);
      let a: RegExpExecArray | null;
      while ((a = attrRe.exec(rest)) !== null) attributes[a[1]!] = decode(a[3] ?? a[4] ?? '', i);
      const el: XmlElement = { name, local: name.includes(':') ? name.slice(name.indexOf(':') + 1) : name, attributes, children: [], text: '' };
      const parent = stack.at(-1);
      if (parent !== undefined) parent.children.push(el);
      else if (root === null) root = el;
      else throw new XmlError('more than one root element', i);
      if (!selfClosing) stack.push(el);
      i = end + 1;
    }
  }
  if (stack.length > 0) throw new XmlError(`element <${stack.at(-1)?.name ?? ''}> is not closed`, n);
  if (root === null) throw new XmlError('no root element', 0);
  return root;
}

function findTagEnd(text: string, from: number): number {
  let quote: string | null = null;
  for (let j = from + 1; j < text.length; j++) {
    const c = text[j];
    if (quote !== null) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return j;
  }
  throw new XmlError('unterminated start tag', from);
}

export function child(el: XmlElement, local: string): XmlElement | undefined {
  return el.children.find((c) => c.local === local);
}

export function childrenNamed(el: XmlElement, local: string): XmlElement[] {
  return el.children.filter((c) => c.local === local);
}

export function childText(el: XmlElement, local: string): string | undefined {
  return child(el, local)?.text.trim();
}
