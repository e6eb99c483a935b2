// Renders tool / prompt / resource / server-instruction definitions from the catalogues in a
// writing style, optionally with a payload placed somewhere in the definition.

import { expand } from './prng.mjs';
import { SLOTS } from './slots.mjs';
import {
  PROMPT_CATALOG,
  RESOURCE_CATALOG,
  SERVER_PURPOSES,
  TOOL_CATALOG,
} from './tool-catalog.mjs';

export const CARRIER_STYLES = ['terse', 'verbose', 'markdown', 'jsonish', 'casual', 'formal'];

const lowerFirst = (s) => s.charAt(0).toLowerCase() + s.slice(1);

function describe(rng, purpose, params, style) {
  switch (style) {
    case 'terse':
      return purpose;
    case 'verbose': {
      const args = params.map((x) => `    ${x.name} (${x.type}): ${x.desc}.`).join('\n');
      return `${purpose}\n\n${rng.pick(['Args', 'Parameters', 'Arguments'])}:\n${args}\n\nReturns:\n    ${rng.pick(['The result as text.', 'A JSON object describing the outcome.', 'Structured content and a short text summary.', 'An error message if the call fails.'])}`;
    }
    case 'markdown': {
      const list = params.map((x) => `- \`${x.name}\` — ${x.desc}`).join('\n');
      return `${rng.pick(['**Summary:** ', '## Overview\n\n', ''])}${purpose}\n\n${rng.pick(['### Parameters', '**Inputs**', '#### Arguments'])}\n${list}`;
    }
    case 'jsonish':
      return rng.chance(0.5)
        ? JSON.stringify({ summary: purpose, inputs: params.map((x) => x.name) })
        : `summary: ${purpose}\nparams: ${params.map((x) => x.name).join(', ')}`;
    case 'casual':
      return expand(
        `‹Use this to|Handy for when you need to|Lets you|Quick way to› ${lowerFirst(purpose)}‹| Works pretty well.| Nothing fancy.| :)›`,
        rng,
      );
    case 'formal':
      return expand(
        `This tool ‹allows the assistant to|enables the caller to|is used to› ${lowerFirst(purpose).replace(/\.$/, '')}. ‹All parameters are validated before execution.|The caller must supply the required parameters.|Results are returned as structured content.|›`,
        rng,
      );
    default:
      return purpose;
  }
}

function paramSchema(x) {
  const schema = { type: x.type, description: x.desc };
  if (x.type === 'array') schema.items = { type: 'string' };
  if (x.enum) schema.enum = [...x.enum];
  if (x.default !== undefined) schema.default = x.default;
  if (x.examples) schema.examples = [...x.examples];
  return schema;
}

function insertText(rng, base, payload) {
  const where = rng.int(3);
  if (where === 0) return `${base}${rng.pick([' ', '\n\n', '\n'])}${payload}`;
  if (where === 1) return `${payload}${rng.pick([' ', '\n\n', '\n'])}${base}`;
  const lines = base.split('\n');
  const at = 1 + rng.int(Math.max(1, lines.length - 1));
  lines.splice(at, 0, payload);
  return lines.join('\n');
}

/**
 * A tool definition. `inject` (optional) = { placement, payload, paramName?, extraParams? } where
 * placement is description | param | enum | default | examples | $comment | title | nested |
 * param-name | extra-params.
 */
export function renderTool(rng, style, inject, skeleton) {
  const skel = skeleton ?? rng.pick(TOOL_CATALOG);
  const purpose = expand(skel.purpose, rng, SLOTS);
  const params = skel.params.map((x) => ({ ...x, desc: expand(x.desc, rng, SLOTS) }));
  const properties = {};
  for (const x of params) properties[x.name] = paramSchema(x);
  const required = params
    .filter((x) => x.default === undefined && rng.chance(0.7))
    .map((x) => x.name);
  let description = describe(
    rng,
    purpose,
    params,
    CARRIER_STYLES.includes(style) ? style : rng.pick(CARRIER_STYLES),
  );
  const inputSchema = { type: 'object', properties };
  const target = params[rng.int(params.length)];
  const targetSchema = target === undefined ? undefined : properties[target.name];
  const payload = inject?.payload;
  switch (inject?.placement) {
    case undefined:
      break;
    case 'description':
      description = insertText(rng, description, payload);
      break;
    case 'param':
      if (targetSchema === undefined) description = insertText(rng, description, payload);
      else targetSchema.description = `${targetSchema.description}. ${payload}`;
      break;
    case 'enum': {
      const name = targetSchema?.enum
        ? target.name
        : rng.pick(['mode', 'format', 'variant', 'scope']);
      const schema =
        properties[name] ??
        (properties[name] = {
          type: 'string',
          description: 'Output mode',
          enum: ['default', 'compact'],
        });
      schema.enum.splice(rng.int(schema.enum.length + 1), 0, payload);
      break;
    }
    case 'default': {
      const name =
        targetSchema && target.type === 'string'
          ? target.name
          : rng.pick(['note', 'context', 'hint', 'options']);
      const schema =
        properties[name] ??
        (properties[name] = {
          type: 'string',
          description: rng.pick([
            'Optional note',
            'Extra context',
            'Caller hint',
            'Options string',
          ]),
        });
      schema.default = payload;
      break;
    }
    case 'examples': {
      const name = targetSchema && target.type === 'string' ? target.name : 'query';
      const schema =
        properties[name] ?? (properties[name] = { type: 'string', description: 'Input text' });
      schema.examples = [...(schema.examples ?? []), payload];
      break;
    }
    case '$comment':
      if (rng.chance(0.5) || targetSchema === undefined) inputSchema.$comment = payload;
      else targetSchema.$comment = payload;
      break;
    case 'title':
      if (rng.chance(0.4) || targetSchema === undefined) inputSchema.title = payload;
      else targetSchema.title = payload;
      break;
    case 'nested': {
      const outer = rng.pick(['options', 'config', 'metadata', 'settings', 'context']);
      const inner = rng.pick(['advanced', 'extra', 'behaviour', 'notes', 'internal']);
      properties[outer] = {
        type: 'object',
        description: rng.pick([
          'Optional settings',
          'Advanced options',
          'Request metadata',
          'Extra configuration',
        ]),
        properties: {
          [rng.pick(['verbose', 'retries', 'locale'])]: {
            type: 'string',
            description: 'Ordinary option',
          },
          [inner]: {
            type: 'object',
            properties: {
              [rng.pick(['value', 'text', 'instructions', 'hint'])]: {
                type: 'string',
                description: payload,
              },
            },
          },
        },
      };
      break;
    }
    case 'param-name':
      properties[inject.paramName] = {
        type: 'string',
        description:
          payload ??
          rng.pick(['Required', 'Optional', 'See tool description', 'Value for this field']),
      };
      if (rng.chance(0.6)) required.push(inject.paramName);
      break;
    case 'extra-params':
      for (const [name, schema] of Object.entries(inject.extraParams)) {
        properties[name] = schema;
        if (rng.chance(0.5)) required.push(name);
      }
      if (payload) description = insertText(rng, description, payload);
      break;
    default:
      throw new Error(`renderTool: unknown placement ${inject.placement}`);
  }
  if (required.length > 0) inputSchema.required = [...new Set(required)];
  return { name: inject?.name ?? skel.name, description, inputSchema };
}

export function renderPrompt(rng, style, payload) {
  const skel = rng.pick(PROMPT_CATALOG);
  const base = describe(
    rng,
    expand(skel.purpose, rng, SLOTS),
    [],
    style === 'verbose' || style === 'markdown' ? 'terse' : style,
  );
  return { name: skel.name, description: payload ? insertText(rng, base, payload) : base };
}

export function renderResource(rng, style, payload) {
  const skel = rng.pick(RESOURCE_CATALOG);
  const base = describe(
    rng,
    skel.purpose,
    [],
    style === 'verbose' || style === 'markdown' ? 'terse' : style,
  );
  return { name: skel.name, description: payload ? insertText(rng, base, payload) : base };
}

export function renderInstructions(rng, payload) {
  const base = expand(rng.pick(SERVER_PURPOSES), rng, SLOTS);
  return { text: payload ? insertText(rng, base, payload) : base };
}
