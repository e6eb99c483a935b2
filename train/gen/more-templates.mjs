/** Adds extra templates (family → style → templates) to a list of family specs. */
export function withMoreTemplates(families, more) {
  for (const family of Object.keys(more)) {
    if (!families.some((spec) => spec.family === family))
      throw new Error(`withMoreTemplates: no family "${family}"`);
  }
  return families.map((spec) => {
    const extra = more[spec.family];
    if (extra === undefined) return spec;
    const templates = { ...spec.templates };
    for (const [style, list] of Object.entries(extra))
      templates[style] = [...(templates[style] ?? []), ...list];
    return { ...spec, templates };
  });
}
