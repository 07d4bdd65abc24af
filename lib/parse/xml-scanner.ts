// A small, non-recursive XML scanner for test reports: start and end tags with their
// attributes, text and CDATA; comments and processing instructions skipped. No DTD processing
// and no entity expansion beyond XML's five predefined entities and character references, so
// external entities and "billion laughs" cannot happen; a DOCTYPE declaring entities is
// refused outright. Errors are the JUnit parser's, as that is what this scanner serves.
import { JUnitLimitError, JUnitSyntaxError } from "./junit-errors.ts";

/** Receives the document's parts in order. */
export type XmlVisitor = {
  /** A start tag (a self-closing one is followed by `close` at once). */
  open(name: string, attributes: Readonly<Record<string, string>>): void;
  close(name: string): void;
  /** Raw text or CDATA content inside the root element, entities not yet decoded. */
  text(raw: string, cdata: boolean): void;
};

const PREDEFINED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
const REFERENCE = /&(#[xX][0-9a-fA-F]{1,8}|#[0-9]{1,10}|[A-Za-z][A-Za-z0-9]{0,31});/g;

function character(code: number): string {
  const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
  return valid ? String.fromCodePoint(code) : "\uFFFD";
}

/** Decodes the predefined entities and character references; others are left as written. */
export function decodeEntities(raw: string): string {
  if (!raw.includes("&")) return raw;
  return raw.replace(REFERENCE, (whole, ref: string) => {
    if (ref.startsWith("#x") || ref.startsWith("#X"))
      return character(Number.parseInt(ref.slice(2), 16));
    if (ref.startsWith("#")) return character(Number.parseInt(ref.slice(1), 10));
    return PREDEFINED[ref] ?? whole;
  });
}

/** An attribute value as XML reads it: literal line breaks and tabs become spaces. */
function attributeValue(raw: string): string {
  return decodeEntities(raw.replace(/\r\n?|[\n\t]/g, " "));
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** Where `<!DOCTYPE …>` ends; throws if its internal subset declares entities. */
function skipDoctype(xml: string, start: number): number {
  const close = xml.indexOf(">", start);
  if (close === -1) throw new JUnitSyntaxError("unterminated DOCTYPE", start);
  const open = xml.slice(start, close).indexOf("[");
  if (open === -1) return close + 1;
  const end = xml.indexOf("]", start + open);
  const after = end === -1 ? -1 : xml.indexOf(">", end);
  if (after === -1) throw new JUnitSyntaxError("unterminated DOCTYPE", start);
  if (/<!ENTITY/i.test(xml.slice(start + open, end))) {
    throw new JUnitSyntaxError("DTD entity declarations are not allowed", start);
  }
  return after + 1;
}

/** Reads one start tag from `<` at `start`; returns where it ends and what it holds. */
function readStartTag(xml: string, start: number) {
  let i = start + 1;
  while (i < xml.length && !isSpace(xml.charCodeAt(i)) && xml[i] !== ">" && xml[i] !== "/") i++;
  const name = xml.slice(start + 1, i);
  if (name === "" || name.includes("<")) throw new JUnitSyntaxError("bad start tag", start);
  const attributes: Record<string, string> = Object.create(null);
  for (;;) {
    while (i < xml.length && isSpace(xml.charCodeAt(i))) i++;
    if (i >= xml.length) throw new JUnitSyntaxError(`unclosed start tag <${name}>`, start);
    if (xml[i] === ">") return { name, attributes, selfClosing: false, end: i + 1 };
    if (xml.startsWith("/>", i)) return { name, attributes, selfClosing: true, end: i + 2 };
    const nameStart = i;
    while (i < xml.length && !isSpace(xml.charCodeAt(i)) && !"=>/<".includes(xml[i] ?? "")) i++;
    const attribute = xml.slice(nameStart, i);
    while (i < xml.length && isSpace(xml.charCodeAt(i))) i++;
    if (attribute === "" || xml[i] !== "=") {
      throw new JUnitSyntaxError(`bad attribute in <${name}>`, i);
    }
    i++;
    while (i < xml.length && isSpace(xml.charCodeAt(i))) i++;
    const quote = xml[i];
    if (quote !== '"' && quote !== "'") {
      throw new JUnitSyntaxError(`unquoted attribute ${attribute} in <${name}>`, i);
    }
    const valueEnd = xml.indexOf(quote, i + 1);
    if (valueEnd === -1) throw new JUnitSyntaxError(`unclosed attribute ${attribute}`, i);
    attributes[attribute] = attributeValue(xml.slice(i + 1, valueEnd));
    i = valueEnd + 1;
  }
}

/** Finds `marker` after `from` or throws `what` as unterminated. */
function endOf(xml: string, marker: string, from: number, what: string): number {
  const end = xml.indexOf(marker, from);
  if (end === -1) throw new JUnitSyntaxError(`unterminated ${what}`, from);
  return end;
}

/**
 * Scans `xml` from start to end in one pass, calling `visitor` for each tag and text; throws
 * `JUnitSyntaxError` on malformed XML (unclosed or mismatched tags, bad attributes, no or two
 * root elements, a DOCTYPE with entity declarations) and `JUnitLimitError` when elements nest
 * deeper than `maxDepth`.
 */
export function scanXml(xml: string, visitor: XmlVisitor, maxDepth: number): void {
  const stack: string[] = [];
  let rooted = false;
  let doctype = false;
  let i = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < xml.length) {
    const lt = xml.indexOf("<", i);
    const textEnd = lt === -1 ? xml.length : lt;
    if (textEnd > i && stack.length > 0) visitor.text(xml.slice(i, textEnd), false);
    if (lt === -1) break;
    if (xml.startsWith("<!--", lt)) {
      i = endOf(xml, "-->", lt + 4, "comment") + 3;
    } else if (xml.startsWith("<![CDATA[", lt)) {
      const end = endOf(xml, "]]>", lt + 9, "CDATA section");
      if (stack.length === 0) throw new JUnitSyntaxError("CDATA outside the root element", lt);
      visitor.text(xml.slice(lt + 9, end), true);
      i = end + 3;
    } else if (xml.startsWith("<?", lt)) {
      i = endOf(xml, "?>", lt + 2, "processing instruction") + 2;
    } else if (xml.startsWith("<!DOCTYPE", lt)) {
      if (rooted || doctype) throw new JUnitSyntaxError("misplaced DOCTYPE", lt);
      doctype = true;
      i = skipDoctype(xml, lt);
    } else if (xml.startsWith("<!", lt)) {
      throw new JUnitSyntaxError("unsupported markup declaration", lt);
    } else if (xml.startsWith("</", lt)) {
      const end = endOf(xml, ">", lt + 2, "end tag");
      const name = xml.slice(lt + 2, end).trim();
      const open = stack.pop();
      if (open !== name) {
        throw new JUnitSyntaxError(
          `</${name}> does not close ${open ? `<${open}>` : "anything"}`,
          lt,
        );
      }
      visitor.close(name);
      i = end + 1;
    } else {
      if (stack.length === 0 && rooted) throw new JUnitSyntaxError("a second root element", lt);
      const tag = readStartTag(xml, lt);
      if (stack.length + 1 > maxDepth) throw new JUnitLimitError("maxDepth", maxDepth);
      rooted = true;
      visitor.open(tag.name, tag.attributes);
      if (tag.selfClosing) visitor.close(tag.name);
      else stack.push(tag.name);
      i = tag.end;
    }
  }
  const unclosed = stack.at(-1);
  if (unclosed !== undefined) throw new JUnitSyntaxError(`unclosed <${unclosed}>`, xml.length);
  if (!rooted) throw new JUnitSyntaxError("no root element", 0);
}
