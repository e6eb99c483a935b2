// Turns a result family (templates per style, carrier documents, embedding modes) into
// tool_result records, and plain documents into benign records.

import { DOCUMENT_TYPES, DOCUMENTS, renderDocument } from './documents.mjs';
import { expand } from './prng.mjs';
import { collectFamily } from './records.mjs';
import { SLOTS } from './slots.mjs';
import { TRANSFORMS } from './transforms.mjs';

/** Records for one family of injected (or look-alike) text inside documents. */
export function buildResultFamily(rootRng, spec, { label, prefix, target }) {
  const rng = rootRng.fork(spec.family);
  const styles = Object.keys(spec.templates);
  const slots = { ...SLOTS, ...(spec.slots ?? {}) };
  const docs = spec.docs ?? DOCUMENT_TYPES;
  return collectFamily({
    prefix,
    family: spec.family,
    target,
    make: () => {
      const style = rng.pick(styles);
      let payload = expand(rng.pick(spec.templates[style]), rng, slots);
      if (spec.transform) payload = TRANSFORMS[rng.pick(spec.transform)](rng, payload);
      const inject = { payload, mode: rng.pick(spec.modes ?? ['inline']) };
      if (spec.keys) inject.key = rng.pick(spec.keys);
      // A fifth of the records are the bare text, as a tool that returns one string would.
      const text =
        spec.bare !== false && rng.chance(0.2)
          ? payload
          : renderDocument(rng, rng.pick(docs), undefined, inject).text;
      return { kind: 'tool_result', label, source: style, text };
    },
  });
}

/** Benign records of one document type, no injection: family `benign-<type>`, source = style. */
export function buildPlainDocuments(rootRng, type, { prefix, target }) {
  const rng = rootRng.fork(type);
  const doc = DOCUMENTS[type];
  return collectFamily({
    prefix,
    family: `doc-${type}`,
    target,
    make: () => {
      const { text, style } = renderDocument(rng, type);
      return { kind: 'tool_result', label: 'benign', source: `${type}-${style}`, text };
    },
  }).filter(() => doc !== undefined);
}
