// The LaTeX that purenn writes (purenn/rechenweg/mathtext.py), shown as HTML by the page itself:
// no renderer from the internet, so the page works offline on any school PC.
//
// It knows exactly what purenn's Rechenweg uses: \section*, \subsection*,
// \paragraph, align* environments and $…$ in text; in formulas ^{…}, _{…},
// \frac, pmatrix, \left( \right), \mathrm, and the symbols below. Anything
// else is shown as its source, so nothing is silently lost.
"use strict";

const RELATIONS = { approx: "≈", leftarrow: "←" };
const SYMBOLS = {
  cdot: "·", delta: "δ", sigma: "σ", eta: "η", partial: "∂", odot: "⊙",
  sum: "Σ", Sigma: "Σ", times: "×", quad: "\u2003", ",": "\u2009",
  ";": "\u2005", " ": " ", _: "_", "%": "%", "{": "{", "}": "}", cdots: "⋯", ldots: "…",
};
const UPRIGHT = new Set(["ln", "max", "tanh", "exp", "min", "log"]);

function escapeHtml(text) {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
}

// -- formulas --------------------------------------------------------------------

function tokenize(src) {
  const tokens = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === "\\") {
      const m = /^\\([A-Za-z]+\*?|.)/.exec(src.slice(i));
      tokens.push({ cmd: m[1] });
      i += m[0].length;
    } else if (c === " " || c === "\n" || c === "\t") {
      i += 1;
    } else {
      tokens.push({ ch: c });
      i += 1;
    }
  }
  return tokens;
}

class MathParser {
  constructor(src) {
    this.tokens = tokenize(src);
    this.pos = 0;
  }

  peek() { return this.tokens[this.pos]; }
  next() { return this.tokens[this.pos++]; }

  // a whole formula, or up to a closing brace / \end / & / \\ when inside
  sequence(stop) {
    let html = "";
    while (this.pos < this.tokens.length) {
      const t = this.peek();
      if (stop && stop(t)) break;
      html += this.atom();
    }
    return html;
  }

  group() {  // {…} or a single token
    const t = this.peek();
    if (t && t.ch === "{") {
      this.next();
      const html = this.sequence((u) => u.ch === "}");
      this.next();
      return html;
    }
    return this.atom();
  }

  rawGroup() {  // the text inside {…}, e.g. the name of an environment
    let text = "";
    if (!this.peek() || this.peek().ch !== "{") return text;
    this.next();
    while (this.peek() && this.peek().ch !== "}") {
      const t = this.next();
      text += t.ch !== undefined ? t.ch : "\\" + t.cmd;
    }
    this.next();
    return text;
  }

  atom() {
    const t = this.next();
    let html;
    if (t.cmd !== undefined) html = this.command(t.cmd);
    else if (t.ch === "{") {
      html = this.sequence((u) => u.ch === "}");
      this.next();
    } else if (/[A-Za-z]/.test(t.ch)) html = `<i>${t.ch}</i>`;
    else if (t.ch === "-") html = "−";
    else if (t.ch === "=" || t.ch === "+" || t.ch === "<" || t.ch === ">") html = `<span class="op">${t.ch}</span>`;
    else if (t.ch === "'") html = "′";
    else html = escapeHtml(t.ch);
    return this.scripts(html);
  }

  scripts(base) {  // x^{…}_{…} in either order
    let sup = null, sub = null;
    while (this.peek() && (this.peek().ch === "^" || this.peek().ch === "_")) {
      const which = this.next().ch;
      const html = this.group();
      if (which === "^") sup = html; else sub = html;
    }
    if (sup === null && sub === null) return base;
    if (sup !== null && sub !== null) {
      return `${base}<span class="scripts"><sup>${sup}</sup><sub>${sub}</sub></span>`;
    }
    return sup !== null ? `${base}<sup>${sup}</sup>` : `${base}<sub>${sub}</sub>`;
  }

  command(name) {
    if (name === "frac") {
      const num = this.group();
      const den = this.group();
      return `<span class="frac"><span class="num">${num}</span><span class="den">${den}</span></span>`;
    }
    if (name === "mathrm" || name === "text" || name === "operatorname") return `<span class="rm">${escapeHtml(this.rawGroup())}</span>`;
    if (name === "left" || name === "right") {
      const t = this.next();
      return t && t.ch && t.ch !== "." ? escapeHtml(t.ch) : "";
    }
    if (name === "begin") {
      const env = this.rawGroup();
      if (env === "pmatrix") return this.matrix();
      return `<span class="unknown">\\begin{${escapeHtml(env)}}</span>`;
    }
    if (UPRIGHT.has(name)) return `<span class="rm">${name}</span>`;
    if (name in RELATIONS) return `<span class="op">${RELATIONS[name]}</span>`;
    if (name in SYMBOLS) return SYMBOLS[name];
    return `<span class="unknown">\\${escapeHtml(name)}</span>`;
  }

  matrix() {  // after \begin{pmatrix}: cells split by &, rows by \\, up to \end{pmatrix}
    const rows = [[]];
    for (;;) {
      const cell = this.sequence((u) => u.ch === "&" || u.cmd === "\\" || u.cmd === "end");
      rows[rows.length - 1].push(cell);
      const t = this.next();
      if (!t || t.cmd === "end") {
        this.rawGroup();
        break;
      }
      if (t.cmd === "\\") rows.push([]);
    }
    // spans in a grid, not a <table>: a table would end the paragraph it stands in
    const columns = Math.max(...rows.map((r) => r.length));
    const cells = rows.map((r) => r.map((c) => `<span>${c}</span>`).join("")).join("");
    return `<span class="pmatrix" style="grid-template-columns: repeat(${columns}, auto)">${cells}</span>`;
  }
}

/** One formula (the inside of $…$ or one line of align*) as HTML. */
export function formulaToHtml(src) {
  return new MathParser(src).sequence(null);
}

// -- documents -------------------------------------------------------------------

function textToHtml(text) {  // prose with $…$ formulas
  return text.split("$").map((part, k) => (k % 2 ? `<span class="math">${formulaToHtml(part)}</span>` : escapeHtml(part))).join("");
}

// Splits at `separator` (a regular expression source) where no \begin{…} is open.
function splitTopLevel(text, separator) {
  const parts = [];
  const re = new RegExp(`\\\\begin\\{|\\\\end\\{|${separator}`, "g");
  let depth = 0, start = 0, m;
  while ((m = re.exec(text))) {
    if (m[0].startsWith("\\begin")) depth += 1;
    else if (m[0].startsWith("\\end")) depth -= 1;
    else if (depth === 0) {
      parts.push(text.slice(start, m.index));
      start = m.index + m[0].length;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function alignToHtml(lines) {
  const rows = splitTopLevel(lines.join(" "), "\\\\\\\\").map((l) => l.trim()).filter((l) => l);
  const body = rows.map((row) => {
    const [lhs, ...rest] = splitTopLevel(row, "&");
    const rhs = rest.join("&");
    return `<tr><td class="lhs">${formulaToHtml(lhs)}</td><td class="rhs">${formulaToHtml(rhs)}</td></tr>`;
  }).join("");
  return `<table class="align">${body}</table>`;
}

const HEADINGS = [
  [/^\\section\*?\{(.*)\}$/, "h3"],
  [/^\\subsection\*?\{(.*)\}$/, "h4"],
  [/^\\paragraph\*?\{(.*)\}$/, "h5"],
];

/** A whole Rechenweg as purenn writes it with --format latex, as HTML. */
export function latexToHtml(src) {
  const out = [];
  const lines = src.split("\n");
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k].trim();
    if (!line || line.startsWith("%")) continue;
    if (line.startsWith("\\begin{align*}")) {
      const body = [];
      while (++k < lines.length && !lines[k].trim().startsWith("\\end{align*}")) body.push(lines[k]);
      out.push(alignToHtml(body));
      continue;
    }
    const heading = HEADINGS.find(([re]) => re.test(line));
    if (heading) {
      out.push(`<${heading[1]}>${textToHtml(heading[0].exec(line)[1])}</${heading[1]}>`);
      continue;
    }
    out.push(`<div class="para">${textToHtml(line)}</div>`);
  }
  return out.join("\n");
}
