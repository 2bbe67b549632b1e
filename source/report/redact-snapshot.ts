import {decodeFile} from '../snapshot/file-record.js';
import {jsonDepth, MAX_JSON_DEPTH} from '../text/json-depth.js';
import type {RecordedFile, Snapshot} from '../snapshot/snapshot.js';
import type {Redactor} from './redact.js';

/**
 * The snapshot with personal details replaced, consistently, so it still replays: a path read
 * as `/home/alice/.docker/config.json` and the home `/home/alice` both become `~…`, and the
 * replayed probe asks for exactly the redacted path.
 */
export function redactSnapshot(snapshot: Snapshot, redactor: Redactor): Snapshot {
	const {host, engine} = snapshot;
	const files: Record<string, RecordedFile | null> = {};
	for (const [path, record] of Object.entries(host.files)) files[redactor.redactText(path)] = record && redactFile(record, redactor);
	return {
		schema: snapshot.schema,
		createdAt: snapshot.createdAt,
		tool: snapshot.tool,
		host: {
			...redactor.redactValue({...host, files: {}}),
			files,
			kind: host.kind,
			hasEngine: host.hasEngine,
		},
		engine: redactor.redactValue(engine),
	};
}

function redactFile(record: RecordedFile, redactor: Redactor): RecordedFile {
	if ('text' in record) return {...record, text: redactJsonText(record.text, redactor) ?? redactor.redactText(record.text)};
	if ('base64' in record) {
		// Binary content is not rewritten (it would stop being what was read); if it holds a name or
		// secret the redactor knows, it is withheld instead.
		const bytes = decodeFile(record)!;
		const latin = bytes.toString('latin1');
		return redactor.literals.some(literal => literal.length >= 3 && (latin.includes(literal) || bytes.includes(Buffer.from(literal, 'utf8')))) ? {withheld: 'private'} : record;
	}
	return record;
}

/**
 * A JSON file (Docker's config.json, a context's meta.json) is redacted as data, so that what only
 * its structure says is caught too: the registry names that key `auths` and `credHelpers` (an ECR
 * host carries the account ID), proxies. Undefined when the text is not JSON.
 */
function redactJsonText(text: string, redactor: Redactor): string | undefined {
	const trimmed = text.trimStart();
	if (!trimmed.startsWith('{') || jsonDepth(text) > MAX_JSON_DEPTH) return undefined;
	try {
		return `${JSON.stringify(redactor.redactValue(JSON.parse(text)), null, '\t')}\n`;
	} catch {
		return undefined;
	}
}
