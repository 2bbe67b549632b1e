import {jsonDepth, MAX_JSON_DEPTH} from '../text/json-depth.js';
import {neutralizeLine} from '../text/sanitize.js';
import {SNAPSHOT_SCHEMA, type Snapshot} from './snapshot.js';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Parses and checks a snapshot file. Never throws: a problem comes back as one sentence that
 * says what is wrong and what to do.
 */
export function readSnapshotFile(text: string): Snapshot | {readonly error: string} {
	let data: unknown;
	if (jsonDepth(text) > MAX_JSON_DEPTH) return {error: `This snapshot is damaged: it nests deeper than ${MAX_JSON_DEPTH} levels, which no recorded fact does.`};
	try {
		data = JSON.parse(text.replace(/^\uFEFF/, ''));
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		return {error: `This is not a chatmock-doctor snapshot: it is not valid JSON (${neutralizeLine(reason, 200)}).`};
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
	if (kind !== 'snapshot') return {error: `This is not a chatmock-doctor snapshot (schema "${neutralizeLine(schema, 80)}").`};
	if (schema !== SNAPSHOT_SCHEMA) {
		const by = isRecord(data['tool']) && typeof data['tool']['version'] === 'string' ? ` by chatmock-doctor ${neutralizeLine(data['tool']['version'], 40)}` : '';
		return {
			error: `This snapshot uses format version ${neutralizeLine(String(version), 20)}${by}; this chatmock-doctor reads version 1 only. Replay it with the version that made it, or update chatmock-doctor.`,
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
		if (!ok) return `file ${JSON.stringify(neutralizeLine(path, 200))} has no text, base64 or withheld`;
	}
	if (!Object.values(host['env'] as object).every(v => v === null || typeof v === 'string')) return 'a "host.env" value is neither text nor null';
	if (host['envKeys'] !== undefined && !isStrings(host['envKeys'])) return '"host.envKeys" is not a list of names';
	if (!Object.values(host['dirs'] as object).every(v => v === null || isStrings(v))) return 'a "host.dirs" entry is not a list of names';
	if (!Object.values(host['exists'] as object).every(v => typeof v === 'boolean')) return 'a "host.exists" entry is not true or false';
	if (host['uname'] !== undefined && !isStringFields(host['uname'])) return '"host.uname" is not a set of texts';
	if (host['node'] !== undefined && !isStringFields(host['node'])) return '"host.node" is not a set of texts';
	for (const key of ['home', 'label'] as const) if (host[key] !== undefined && typeof host[key] !== 'string') return `"host.${key}" is not text`;
	for (const command of host['commands'] as unknown[]) {
		if (!isRecord(command) || typeof command['file'] !== 'string' || !isStrings(command['args']) || !isCommandResult(command['result'])) {
			return 'a recorded command lacks file, args or result';
		}
	}
	const engine = data['engine'];
	if (!isRecord(engine) || !Array.isArray(engine['connections']) || !Array.isArray(engine['calls'])) return '"engine.connections" or "engine.calls" is missing';
	for (const connection of engine['connections'] as unknown[]) {
		if (!isRecord(connection) || !isRecord(connection['endpoint']) || typeof connection['endpoint']['host'] !== 'string' || !isRecord(connection['result'])) {
			return 'a recorded engine connection lacks its endpoint or result';
		}
		const result = connection['result'];
		if (result['ok'] === true ? typeof result['endpoint'] !== 'string' : !isEngineError(result['error'])) return 'a recorded engine connection has a malformed result';
	}
	for (const call of engine['calls'] as unknown[]) {
		if (!isRecord(call) || typeof call['method'] !== 'string' || typeof call['endpoint'] !== 'string' || !Array.isArray(call['args']) || !isRecord(call['result'])) {
			return 'a recorded engine call lacks method, args or result';
		}
		const result = call['result'];
		if (result['ok'] === true ? !('value' in result) : result['ok'] !== false || !isEngineError(result['error'])) return `a recorded ${neutralizeLine(call['method'], 40)} call has a malformed result`;
		if (call['progress'] !== undefined && !(Array.isArray(call['progress']) && call['progress'].every(p => isRecord(p) && typeof p['status'] === 'string'))) {
			return 'a recorded pull has malformed progress';
		}
	}
	return undefined;
}

const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every(item => typeof item === 'string');
const isStringFields = (value: unknown): boolean => isRecord(value) && Object.values(value).every(item => typeof item === 'string');
const isEngineError = (value: unknown): boolean => isRecord(value) && typeof value['code'] === 'string' && typeof value['message'] === 'string';

function isCommandResult(value: unknown): boolean {
	if (!isRecord(value)) return false;
	const texts = ['stdout', 'stderr', 'message'].every(key => value[key] === undefined || typeof value[key] === 'string');
	const exit = value['exitCode'] === undefined || typeof value['exitCode'] === 'number';
	if (value['ok'] === true) return texts && typeof value['stdout'] === 'string' && typeof value['stderr'] === 'string' && typeof value['exitCode'] === 'number';
	return value['ok'] === false && texts && exit && typeof value['reason'] === 'string' && typeof value['message'] === 'string';
}
