import type {RecordedFile} from './snapshot.js';

/** Largest file kept in a snapshot; /proc/cpuinfo of a 128-core server is ~200 KiB. */
export const MAX_RECORDED_FILE_BYTES = 512 * 1024;

/** Stand-in bytes a replay gives for a withheld TLS file: present, but nothing secret. */
export const WITHHELD_TLS = Buffer.from('-----WITHHELD BY CHATMOCK-DOCTOR-----\n', 'utf8');

const BINARY_CONTROLS = /[\u0000-\u0008\u000E-\u001F]/;

/** Text when the bytes are UTF-8 without binary controls (a trailing NUL, as in device-tree files, is fine). */
export function encodeFile(content: Buffer): RecordedFile {
	const truncated = content.length > MAX_RECORDED_FILE_BYTES;
	const bytes = truncated ? content.subarray(0, MAX_RECORDED_FILE_BYTES) : content;
	const text = bytes.toString('utf8');
	const isText = Buffer.from(text, 'utf8').equals(bytes) && !BINARY_CONTROLS.test(text.replace(/\u0000+$/, ''));
	const base = isText ? {text} : {base64: bytes.toString('base64')};
	return truncated ? {...base, truncated: true} : base;
}

export function decodeFile(record: RecordedFile): Buffer | undefined {
	if ('text' in record) return Buffer.from(record.text, 'utf8');
	if ('base64' in record) return Buffer.from(record.base64, 'base64');
	return record.withheld === 'tls' ? WITHHELD_TLS : undefined;
}

/** Files that never go into a snapshot, whatever a probe reads: key material and data folders. */
export function withheldKind(path: string): 'tls' | 'private' | undefined {
	const p = path.replaceAll('\\', '/');
	if (/\.(pem|key|p12|pfx|crt)$/i.test(p)) return 'tls';
	if (/^\/var\/lib\/(docker|containers)\//.test(p) || /\/\.local\/share\/(docker|containers)\//.test(p)) return 'private';
	// ChatMock's login tokens: its /data volume and CHATGPT_LOCAL_HOME (~/.chatgpt-local).
	if (/^\/data(\/|$)/.test(p) || /\/\.chatgpt-local(\/|$)/.test(p) || /\/\.codex\/auth\.json$/.test(p)) return 'private';
	return undefined;
}

/** Keeps the longer of two reads of one file (a probe may read it twice with different caps). */
export function longerRecord(a: RecordedFile | null | undefined, b: RecordedFile | null): RecordedFile | null {
	if (!a) return b;
	if (!b) return a;
	return (decodeFile(b)?.length ?? 0) > (decodeFile(a)?.length ?? 0) ? b : a;
}
