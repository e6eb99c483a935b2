// The record format shared by every training file, its validation, and de-duplicated collection.

export const KINDS = ['tool', 'prompt', 'resource', 'server_instructions', 'tool_result'];
export const LABELS = ['malicious', 'benign'];

const FIELDS = new Set([
  'id',
  'kind',
  'label',
  'family',
  'source',
  'name',
  'description',
  'inputSchema',
  'text',
]);

/** Returns a list of problems with one record (empty when it is valid). */
export function recordProblems(record) {
  const problems = [];
  const where = typeof record?.id === 'string' ? record.id : '<no id>';
  if (record === null || typeof record !== 'object') return [`${where}: not an object`];
  for (const key of Object.keys(record))
    if (!FIELDS.has(key)) problems.push(`${where}: unknown field "${key}"`);
  for (const key of ['id', 'family', 'source']) {
    if (typeof record[key] !== 'string' || record[key].length === 0)
      problems.push(`${where}: "${key}" must be a non-empty string`);
  }
  if (!KINDS.includes(record.kind))
    problems.push(`${where}: kind must be one of ${KINDS.join(', ')}`);
  if (!LABELS.includes(record.label)) problems.push(`${where}: label must be malicious or benign`);
  if (record.kind === 'tool_result' || record.kind === 'server_instructions') {
    if (typeof record.text !== 'string' || record.text.trim() === '')
      problems.push(`${where}: ${record.kind} needs non-empty "text"`);
  } else if (typeof record.name !== 'string' || typeof record.description !== 'string') {
    problems.push(`${where}: ${record.kind} needs "name" and "description" strings`);
  }
  if (
    record.kind === 'tool' &&
    (typeof record.inputSchema !== 'object' || record.inputSchema === null)
  ) {
    problems.push(`${where}: tool needs an "inputSchema" object`);
  }
  return problems;
}

/**
 * Collects records of one family, dropping exact duplicates of content, until `target` are
 * made or too many attempts produced duplicates. Ids are `<prefix>-<family>-<nnnn>`.
 */
export function collectFamily({ prefix, family, target, make }) {
  const seen = new Set();
  const out = [];
  for (let attempt = 0; out.length < target && attempt < target * 6; attempt += 1) {
    const body = make(attempt);
    const key = JSON.stringify([
      body.kind,
      body.name,
      body.description,
      body.inputSchema,
      body.text,
    ]);
    if (seen.has(key)) continue;
    seen.add(key);
    const id = `${prefix}-${family}-${String(out.length + 1).padStart(4, '0')}`;
    out.push({
      id,
      kind: body.kind,
      label: body.label,
      family,
      source: body.source,
      ...pickContent(body),
    });
  }
  return out;
}

function pickContent(body) {
  const content = {};
  for (const key of ['name', 'description', 'inputSchema', 'text'])
    if (body[key] !== undefined) content[key] = body[key];
  return content;
}
