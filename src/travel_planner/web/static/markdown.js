// A small Markdown renderer that is safe by construction: it builds DOM nodes and sets
// text with textContent, so whatever a model writes (HTML, scripts, event handlers) is
// shown as text and never parsed as markup. Links keep only http(s), mailto and relative
// targets. It covers what plans use: headings, paragraphs, hard breaks, lists, quotes,
// rules, code, tables, bold, italics and links.

const SAFE_LINK = /^(https?:|mailto:|\/(?!\/)|#)/i;
const INLINE = [
  { kind: "code", re: /`([^`]+)`/ },
  { kind: "link", re: /\[([^\]]+)\]\(([^)\s]+)\)/ },
  { kind: "strong", re: /\*\*(?=\S)([\s\S]+?)\*\*|__(?=\S)([\s\S]+?)__/ },
  { kind: "em", re: /\*(?=[^\s*])([^*]+?)\*|(?<![\w])_(?=[^\s_])([^_]+?)_(?![\w])/ },
];

function element(tag, children = []) {
  const node = document.createElement(tag);
  for (const child of children) node.append(child);
  return node;
}

function unescape(text) {
  return text.replace(/\\([\\`*_[\]()#+\-.!>|])/g, "$1");
}

// Inline text: the earliest match of any inline pattern wins; the rest is plain text.
export function inline(text) {
  const out = [];
  let rest = text;
  while (rest) {
    let best = null;
    for (const { kind, re } of INLINE) {
      const match = re.exec(rest);
      if (match && (best === null || match.index < best.match.index)) best = { kind, match };
    }
    if (best === null) {
      out.push(document.createTextNode(unescape(rest)));
      break;
    }
    const { kind, match } = best;
    if (match.index > 0) out.push(document.createTextNode(unescape(rest.slice(0, match.index))));
    const inner = match[1] ?? match[2] ?? "";
    if (kind === "code") {
      const code = element("code");
      code.textContent = inner;
      out.push(code);
    } else if (kind === "link") {
      const target = match[2];
      if (SAFE_LINK.test(target)) {
        const link = element("a", inline(inner));
        link.href = target;
        if (/^https?:/i.test(target)) link.rel = "noopener noreferrer external";
        out.push(link);
      } else {
        out.push(...inline(inner));
      }
    } else {
      out.push(element(kind, inline(inner)));
    }
    rest = rest.slice(match.index + match[0].length);
  }
  return out;
}

// A paragraph's lines: a line ending in two spaces or a backslash breaks the line.
function paragraph(lines) {
  const p = element("p");
  lines.forEach((line, index) => {
    const hard = / {2,}$|\\$/.test(line);
    const text = line.replace(/ {2,}$|\\$/, "").trim();
    p.append(...inline(text));
    if (index < lines.length - 1) p.append(hard ? element("br") : " ");
  });
  return p;
}

const LIST_ITEM = /^(\s*)([-*+]|\d{1,9}[.)])\s+(.*)$/;

function list(lines, start) {
  const first = LIST_ITEM.exec(lines[start]);
  const indent = first[1].length;
  const ordered = /\d/.test(first[2]);
  const node = element(ordered ? "ol" : "ul");
  if (ordered && parseInt(first[2], 10) !== 1) node.start = parseInt(first[2], 10);
  let i = start;
  let item = null;
  while (i < lines.length) {
    const line = lines[i];
    const match = LIST_ITEM.exec(line);
    if (match && match[1].length === indent) {
      item = element("li", inline(match[3]));
      node.append(item);
      i += 1;
    } else if (match && match[1].length > indent && item) {
      const [nested, next] = list(lines, i);
      item.append(nested);
      i = next;
    } else if (line.trim() && /^\s{2,}/.test(line) && item) {
      item.append(" ", ...inline(line.trim()));
      i += 1;
    } else {
      break;
    }
  }
  return [node, i];
}

function cells(line) {
  return line.trim().replace(/^\||\|$/g, "").split("|").map((cell) => cell.trim());
}

function table(lines, start) {
  const head = cells(lines[start]);
  const node = element("table");
  const headRow = element("tr", head.map((cell) => element("th", inline(cell))));
  node.append(element("thead", [headRow]));
  const body = element("tbody");
  let i = start + 2;
  while (i < lines.length && lines[i].includes("|") && lines[i].trim()) {
    body.append(element("tr", cells(lines[i]).map((cell) => element("td", inline(cell)))));
    i += 1;
  }
  node.append(body);
  return [node, i];
}

const BLOCK_START = /^(#{1,6}\s|>|```|\s*([-*+]|\d{1,9}[.)])\s|(\*\s*){3,}$|(-\s*){3,}$)/;

// Markdown text -> DocumentFragment.
export function renderMarkdown(text) {
  const lines = String(text).replace(/\r\n?/g, "\n").split("\n");
  const out = document.createDocumentFragment();
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (!line.trim()) {
      i += 1;
      continue;
    }
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      out.append(element(`h${heading[1].length}`, inline(heading[2])));
      i += 1;
    } else if (/^\s*((\*\s*){3,}|(-\s*){3,}|(_\s*){3,})$/.test(line)) {
      out.append(element("hr"));
      i += 1;
    } else if (line.startsWith("```")) {
      const code = [];
      i += 1;
      while (i < lines.length && !lines[i].startsWith("```")) code.push(lines[i++]);
      i += 1;
      const pre = element("pre", [element("code")]);
      pre.firstChild.textContent = code.join("\n");
      out.append(pre);
    } else if (line.startsWith(">")) {
      const quoted = [];
      while (i < lines.length && lines[i].startsWith(">")) quoted.push(lines[i++].replace(/^>\s?/, ""));
      const quote = element("blockquote");
      quote.append(renderMarkdown(quoted.join("\n")));
      out.append(quote);
    } else if (LIST_ITEM.test(line)) {
      const [node, next] = list(lines, i);
      out.append(node);
      i = next;
    } else if (line.includes("|") && /^\s*\|?\s*:?-{3,}/.test(lines[i + 1] ?? "")) {
      const [node, next] = table(lines, i);
      out.append(node);
      i = next;
    } else {
      const para = [];
      while (i < lines.length && lines[i].trim() && !(para.length && BLOCK_START.test(lines[i]))) {
        para.push(lines[i++]);
      }
      out.append(paragraph(para));
    }
  }
  return out;
}
