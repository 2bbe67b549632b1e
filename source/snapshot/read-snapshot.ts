import {SNAPSHOT_SCHEMA, type Snapshot} from './snapshot.js';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Parses and checks a snapshot file. Never throws: a problem comes back as one sentence that
 * says what is wrong and what to do.
 */
export function readSnapshotFile(text: string): Snapshot | {readonly error: string} {
	let data: unknown;
	try {
		data = JSON.parse(text.replace(/^\uFEFF/, ''));
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		return {error: `This is not a chatmock-doctor snapshot: it is not valid JSON (${reason}).`};
	}
	if (!isRecord(data)) return {error: 'This is not a chatmock-doctor snapshot: expected a JSON object.'};
	const schema = data['schema'];
	if (typeof schema !== 'string' || !schema.startsWith('chatmock-doctor/')) {
		return {error: 'This is not a chatmock-doctor snapshot: it has no "schema": "chatmock-doctor/snapshot@1" field. Make one with `chatmock-doctor snapshot -o FILE`.'};
	}
	const [kind, version] = schema.slice('chatmock-doctor/'.length).split('@');
	if (kind === 'report') {
		return {error: 'This is a report, not a snapshot: --from needs the file written by `chatmock-doctor snapshot -o FILE`.'};
	}
	if (kind !== 'snapshot') return {error: `This is not a chatmock-doctor snapshot (schema "${schema.slice(0, 80)}").`};
	if (schema !== SNAPSHOT_SCHEMA) {
		const by = isRecord(data['tool']) && typeof data['tool']['version'] === 'string' ? ` by chatmock-doctor ${data['tool']['version'].slice(0, 40)}` : '';
		return {
			error: `This snapshot uses format version ${String(version).slice(0, 20)}${by}; this chatmock-doctor reads version 1 only. Replay it with the version that made it, or update chatmock-doctor.`,
		};
	}
	const problem = shapeProblem(data);
	if (problem) return {error: `This snapshot is damaged: ${problem}.`};
	return data as unknown as Snapshot;
}

function shapeProblem(data: Record<string, unknown>): string | undefined {
	if (typeof data['createdAt'] !== 'string') return '"createdAt" is missing';
	if (!isRecord(data['tool']) || typeof data['tool']['version'] !== 'string') return '"tool.version" is missing';
	const host = data['host'];
	if (!isRecord(host)) return '"host" is missing';
	for (const key of ['env', 'files', 'dirs', 'exists'] as const) if (!isRecord(host[key])) return `"host.${key}" is missing or not an object`;
	if (!Array.isArray(host['commands'])) return '"host.commands" is missing or not a list';
	for (const [path, file] of Object.entries(host['files'] as Record<string, unknown>)) {
		if (file === null) continue;
		const ok = isRecord(file) && (typeof file['text'] === 'string' || typeof file['base64'] === 'string' || file['withheld'] === 'tls' || file['withheld'] === 'private');
		if (!ok) return `file ${JSON.stringify(path.slice(0, 200))} has no text, base64 or withheld`;
	}
	for (const command of host['commands'] as unknown[]) {
		if (!isRecord(command) || typeof command['file'] !== 'string' || !Array.isArray(command['args']) || !isRecord(command['result'])) {
			return 'a recorded command lacks file, args or result';
		}
	}
	const engine = data['engine'];
	if (!isRecord(engine) || !Array.isArray(engine['connections']) || !Array.isArray(engine['calls'])) return '"engine.connections" or "engine.calls" is missing';
	for (const call of engine['calls'] as unknown[]) {
		if (!isRecord(call) || typeof call['method'] !== 'string' || !Array.isArray(call['args']) || !isRecord(call['result'])) {
			return 'a recorded engine call lacks method, args or result';
		}
	}
	return undefined;
}
