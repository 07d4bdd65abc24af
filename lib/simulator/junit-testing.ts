// Test helpers for JUnit reports: a tiny XML reader, enough to check our output and the real
// fixtures (elements, attributes, text and CDATA). It throws on unbalanced or malformed
// markup, so parsing is a well-formedness check too.
export type XmlElement = {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
};

function decode(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, entity: string) => {
    const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
    if (entity.startsWith("#x")) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith("#")) return String.fromCodePoint(Number(entity.slice(1)));
    return named[entity] ?? "";
  });
}

export function parseXml(xml: string): XmlElement {
  const token =
    /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<\/([\w:.-]+)\s*>|<([\w:.-]+)((?:\s+[\w:.-]+="[^"]*")*)\s*(\/?)>|([^<]+)/gy;
  const root: XmlElement = { name: "#document", attrs: {}, children: [], text: "" };
  const stack = [root];
  let end = 0;
  for (const match of xml.matchAll(token)) {
    end = match.index + match[0].length;
    const [, cdataText, closing, opening, attrText, selfClosing, text] = match;
    const top = stack.at(-1) ?? root;
    if (cdataText !== undefined) top.text += cdataText;
    else if (text !== undefined) top.text += decode(text);
    else if (closing !== undefined) {
      if (top.name !== closing) throw new Error(`</${closing}> closes <${top.name}>`);
      stack.pop();
    } else if (opening !== undefined) {
      const attrs: Record<string, string> = {};
      for (const [, name = "", value = ""] of (attrText ?? "").matchAll(/([\w:.-]+)="([^"]*)"/g)) {
        if (name in attrs) throw new Error(`duplicate attribute ${name}`);
        attrs[name] = decode(value);
      }
      const element: XmlElement = { name: opening, attrs, children: [], text: "" };
      top.children.push(element);
      if (selfClosing !== "/") stack.push(element);
    }
  }
  if (end !== xml.length) throw new Error(`unparsed XML at ${end}: ${xml.slice(end, end + 40)}`);
  if (stack.length !== 1) throw new Error(`unclosed <${stack.at(-1)?.name}>`);
  const [document, ...others] = root.children;
  if (!document || others.length > 0) throw new Error("not exactly one root element");
  return document;
}

export function all(element: XmlElement, name: string): XmlElement[] {
  return element.children.flatMap((child) => [
    ...(child.name === name ? [child] : []),
    ...all(child, name),
  ]);
}

export function childNames(element: XmlElement): string[] {
  return element.children.map((child) => child.name);
}

export function one(element: XmlElement, name: string): XmlElement {
  const [found] = all(element, name);
  if (!found) throw new Error(`no <${name}>`);
  return found;
}

export function testcases(root: XmlElement, name: string): XmlElement[] {
  return all(root, "testcase").filter((testcase) => testcase.attrs.name?.endsWith(name));
}
