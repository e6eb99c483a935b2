// Turns a definition family (templates per style, placements, kinds) into records.

import { expand } from './prng.mjs';
import {
  renderInstructions,
  renderPrompt,
  renderResource,
  renderTool,
} from './render-definition.mjs';
import { collectFamily } from './records.mjs';
import { SLOTS } from './slots.mjs';
import { TRANSFORMS } from './transforms.mjs';

const FRAMES = ['', '', '', '', 'Note: ', 'IMPORTANT: ', 'NB: ', 'Also, ', 'Please note: '];
const SCHEMA_PLACEMENTS = new Set([
  'enum',
  'default',
  'examples',
  '$comment',
  'title',
  'nested',
  'param-name',
  'extra-params',
]);

function extraParamSchema(rng, style, [name, desc]) {
  const human = name.replace(/_/g, ' ');
  const text =
    style === 'terse'
      ? human.charAt(0).toUpperCase() + human.slice(1)
      : style === 'formal'
        ? `The caller must provide ${desc.charAt(0).toLowerCase()}${desc.slice(1)}.`
        : desc;
  return { type: rng.chance(0.8) ? 'string' : 'array', description: text };
}

/** Records for one family. `label` is malicious or benign; `prefix` starts every id. */
export function buildDefinitionFamily(rootRng, spec, { label, prefix, target }) {
  const rng = rootRng.fork(spec.family);
  const styles = Object.keys(spec.templates);
  const slots = { ...SLOTS, ...(spec.slots ?? {}) };
  return collectFamily({
    prefix,
    family: spec.family,
    target,
    make: () => {
      const style = rng.pick(styles);
      let payload = expand(rng.pick(spec.templates[style]), rng, slots);
      const transform = spec.transform === undefined ? undefined : TRANSFORMS[spec.transform];
      if (transform) payload = transform(rng, payload);
      const kind = rng.pick(spec.kinds);
      const placement = rng.pick(spec.placements);
      if (!SCHEMA_PLACEMENTS.has(placement) && payload !== '' && spec.frames !== false)
        payload = rng.pick(FRAMES) + payload;
      const base = { label, source: style, kind };
      if (kind === 'prompt') return { ...base, ...renderPrompt(rng, style, payload) };
      if (kind === 'resource') return { ...base, ...renderResource(rng, style, payload) };
      if (kind === 'server_instructions') return { ...base, ...renderInstructions(rng, payload) };
      const inject = { placement, payload };
      if (placement === 'param-name') inject.paramName = rng.pick(spec.paramNames);
      if (placement === 'extra-params') {
        inject.extraParams = {};
        for (const entry of rng.sample(spec.extraParams, 1 + rng.int(3)))
          inject.extraParams[entry[0]] = extraParamSchema(rng, style, entry);
      }
      if (placement === 'none')
        return { ...base, ...renderTool(rng, style, undefined, spec.skeleton?.(rng)) };
      return { ...base, ...renderTool(rng, style, inject, spec.skeleton?.(rng)) };
    },
  });
}
