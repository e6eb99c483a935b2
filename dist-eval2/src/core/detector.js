/**
 * Resolves one message of a detector: the message's own class and checklist items, else the
 * detector's. Undefined for an unknown message id.
 *
 * @example
 * resolveMessage(toolCapabilityRisk.meta, 'runsArbitraryCode')?.checklist;
 */
export function resolveMessage(meta, messageId) {
    if (!Object.hasOwn(meta.messages, messageId))
        return undefined;
    const declared = meta.messages[messageId];
    if (declared === undefined)
        return undefined;
    const spec = typeof declared === 'string' ? { text: declared } : declared;
    return {
        text: spec.text,
        class: spec.class ?? meta.class,
        checklist: spec.checklist ?? meta.checklist,
    };
}
/**
 * Declares a detector. Typing the messages and options here keeps `ctx.report` honest.
 *
 * @example
 * export default defineDetector({
 *   id: 'remote-plain-http',
 *   meta: { title: 'Remote server over plain HTTP', description: '…', severity: 'high',
 *           checklist: ['client.transport.encrypted-communication'],
 *           messages: { plainHttp: 'Server "{{server}}" is reached over http://.' }, fix: 'Use https.' },
 *   create(ctx) { return { server(server) { … } }; },
 * });
 */
export function defineDetector(definition) {
    return definition;
}
