export const SNAPSHOT_SCHEMA_VERSION = 1;
function walkJson(value, path, out) {
    if (typeof value === 'string') {
        if (value !== '')
            out(path, value);
    }
    else if (Array.isArray(value)) {
        value.forEach((entry, index) => {
            walkJson(entry, `${path}[${String(index)}]`, out);
        });
    }
    else if (value !== null && typeof value === 'object') {
        const isPropertyMap = path === 'properties' || path.endsWith('.properties');
        for (const [key, entry] of Object.entries(value)) {
            // Parameter names are declared text too: a parameter called `ssh_key_contents` speaks.
            if (isPropertyMap)
                out(`${path}.${key}#name`, key);
            walkJson(entry, `${path}.${key}`, out);
        }
    }
}
/**
 * Every string a snapshot declares — names, titles, descriptions, schema text at any depth
 * (parameter names, enums, defaults, examples), prompt arguments, resource URIs, instructions.
 */
export function declaredStrings(snapshot) {
    const strings = [];
    const add = (kind, item, definition) => {
        for (const [key, value] of Object.entries(definition)) {
            walkJson(value, key, (field, text) => strings.push({ kind, item, field, text }));
        }
    };
    if (snapshot.instructions) {
        strings.push({
            kind: 'instructions',
            item: '',
            field: 'instructions',
            text: snapshot.instructions,
        });
    }
    if (snapshot.serverInfo)
        add('serverInfo', '', snapshot.serverInfo);
    for (const tool of snapshot.tools)
        add('tool', tool.name, tool);
    for (const prompt of snapshot.prompts)
        add('prompt', prompt.name, prompt);
    for (const resource of snapshot.resources)
        add('resource', resource.name || resource.uri, resource);
    for (const template of snapshot.resourceTemplates) {
        add('resourceTemplate', template.name || template.uriTemplate, template);
    }
    return strings;
}
