// Seeded randomness and a tiny template language, so every generated record is reproducible.
//
// Templates: `‹a|b|c›` picks one alternative (nesting allowed, `‹|x›` makes x optional) and
// `%slot%` (lower-case name) is replaced by a value from the slot table (an array picks one entry, a function is
// called with the rng). Guillemets are used because braces, brackets and pipes all occur in the
// JSON, markdown and code that the templates produce.

/** mulberry32: small, fast, good enough for sampling training text. */
export function createRng(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  const pick = (items) => {
    if (items.length === 0) throw new Error('pick: empty list');
    return items[int(items.length)];
  };
  const chance = (p) => next() < p;
  const shuffle = (items) => {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i -= 1) {
      const j = int(i + 1);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  };
  const sample = (items, k) => shuffle(items).slice(0, k);
  const fork = (label) => createRng(hashString(`${state}:${label}`));
  return { next, int, pick, chance, shuffle, sample, fork };
}

/** FNV-1a, used to derive independent seeds per family so adding a family never shifts others. */
export function hashString(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const SLOT = /%([a-z][a-zA-Z0-9_]*)%/g;
const CHOICE = /‹([^‹›]*)›/;

/** Expands a template with the rng: slots first (they may contain choices), then choices. */
export function expand(template, rng, slots = {}) {
  let text = template;
  for (let depth = 0; depth < 6 && SLOT.test(text); depth += 1) {
    SLOT.lastIndex = 0;
    text = text.replace(SLOT, (whole, name) => {
      const value = slots[name];
      if (value === undefined) throw new Error(`expand: unknown slot %${name}% in "${template}"`);
      if (typeof value === 'function') return String(value(rng));
      if (Array.isArray(value)) return String(rng.pick(value));
      return String(value);
    });
    SLOT.lastIndex = 0;
  }
  for (let match = CHOICE.exec(text); match !== null; match = CHOICE.exec(text)) {
    const options = (match[1] ?? '').split('|');
    text =
      text.slice(0, match.index) + rng.pick(options) + text.slice(match.index + match[0].length);
  }
  return text;
}
