import { relative } from 'node:path';
import { resolveMessage, } from './detector.js';
import { fingerprintOf } from './finding.js';
import { fieldPointer } from './server-spec.js';
import { declaredStrings } from './snapshot.js';
export function formatMessage(template, data = {}) {
    return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key) => key in data ? String(data[key]) : whole);
}
/** The file each configured server came from, indexed once per run (not searched per finding). */
function filesByServer(files) {
    const index = new Map();
    for (const file of files)
        for (const server of file.servers)
            index.set(server, file);
    return index;
}
function locationOf(target, files) {
    if ('snapshot' in target) {
        const { server } = target.snapshot;
        return {
            ...(server.source
                ? {
                    file: server.source.file,
                    pointer: server.source.pointer,
                    line: server.source.line,
                    column: server.source.column,
                }
                : {}),
            ...(server.client ? { client: server.client } : {}),
            server: server.name,
            ...(target.kind !== undefined ? { itemKind: target.kind } : {}),
            ...(target.item !== undefined ? { item: target.item } : {}),
            ...(target.field !== undefined ? { field: target.field } : {}),
        };
    }
    if ('file' in target) {
        const pointer = target.pointer ?? '';
        const position = target.file.locate(pointer) ?? target.file.parseError;
        return {
            file: target.file.path,
            pointer,
            client: target.file.client,
            ...(position ? { line: position.line, column: position.column } : {}),
        };
    }
    const { server, field, key } = target;
    const relativePointer = field === undefined ? undefined : fieldPointer(server, field, key);
    const pointer = server.source.pointer + (relativePointer ?? '');
    const file = files.get(server);
    const position = file?.locate(pointer) ?? file?.locate(server.source.pointer) ?? server.source;
    return {
        file: server.source.file,
        pointer,
        line: position.line,
        column: position.column,
        client: server.client,
        server: server.name,
        ...(field !== undefined
            ? { field: key === undefined ? field : `${field}.${String(key)}` }
            : {}),
    };
}
function instantiate(detector, options, files, sink, diagnostics) {
    const schema = detector.meta.options;
    let parsedOptions = {};
    if (schema) {
        const parsed = schema.safeParse(options.detectorOptions?.[detector.id] ?? {});
        if (!parsed.success) {
            diagnostics.push({
                code: 'options-invalid',
                detectorId: detector.id,
                message: `Options for ${detector.id} are invalid: ${parsed.error.message}`,
            });
            return undefined;
        }
        parsedOptions = parsed.data;
    }
    const context = {
        detectorId: detector.id,
        services: options.services,
        environment: options.environment,
        report(descriptor) {
            const message = resolveMessage(detector.meta, descriptor.messageId);
            if (message === undefined) {
                throw new Error(`${detector.id} reported unknown messageId "${descriptor.messageId}"`);
            }
            const location = locationOf(descriptor.at, files);
            const relativeFile = location.file === undefined ? undefined : relative(options.cwd, location.file);
            sink.push({
                detectorId: detector.id,
                messageId: descriptor.messageId,
                class: message.class ?? 'risk',
                severity: descriptor.severity ?? detector.meta.severity,
                title: detector.meta.title,
                message: formatMessage(message.text, descriptor.data),
                checklist: [...message.checklist],
                location,
                ...(descriptor.evidence !== undefined ? { evidence: descriptor.evidence } : {}),
                fix: detector.meta.fix,
                fingerprint: fingerprintOf(detector.id, descriptor.messageId, location, relativeFile?.split('\\').join('/')),
            });
        },
    };
    return detector.create(context, parsedOptions);
}
/**
 * Runs every detector of `registry` over the subjects. A detector that throws becomes a
 * `detector-error` diagnostic and the run goes on; its findings before the throw are kept.
 */
export function runDetectors(registry, subjects, options) {
    const files = subjects.files ?? [];
    const snapshots = subjects.snapshots ?? [];
    const findings = [];
    const diagnostics = [];
    const guard = (detectorId, file, visit) => {
        try {
            visit();
        }
        catch (error) {
            diagnostics.push({
                code: 'detector-error',
                detectorId,
                ...(file !== undefined ? { file } : {}),
                message: `${detectorId} failed: ${error instanceof Error ? error.message : String(error)}`,
            });
        }
    };
    const strings = new Map(snapshots.map((snapshot) => [snapshot, declaredStrings(snapshot)]));
    const fileOfServer = filesByServer(files);
    for (const detector of Object.values(registry)) {
        if (options.only && !options.only.includes(detector.id))
            continue;
        let visitors;
        guard(detector.id, undefined, () => {
            visitors = instantiate(detector, options, fileOfServer, findings, diagnostics);
        });
        if (!visitors)
            continue;
        const v = visitors;
        for (const file of files) {
            if (v.configFile)
                guard(detector.id, file.path, () => v.configFile?.(file));
            if (v.server) {
                for (const spec of file.servers)
                    guard(detector.id, file.path, () => v.server?.(spec, file));
            }
        }
        if (v.configSet && files.length > 0)
            guard(detector.id, undefined, () => v.configSet?.(files));
        for (const snapshot of snapshots) {
            const where = snapshot.server.source?.file;
            if (v.snapshot)
                guard(detector.id, where, () => v.snapshot?.(snapshot));
            if (v.tool) {
                for (const tool of snapshot.tools)
                    guard(detector.id, where, () => v.tool?.(tool, snapshot));
            }
            if (v.declaredString) {
                for (const entry of strings.get(snapshot) ?? []) {
                    guard(detector.id, where, () => v.declaredString?.(entry, snapshot));
                }
            }
        }
        if (v.snapshotSet && snapshots.length > 0) {
            guard(detector.id, undefined, () => v.snapshotSet?.(snapshots));
        }
    }
    return { findings, diagnostics };
}
/** Runs the detectors over config files only. */
export function runConfigDetectors(registry, files, options) {
    return runDetectors(registry, { files }, options);
}
