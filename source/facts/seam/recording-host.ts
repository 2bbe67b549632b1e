import {recordEngine} from '../../snapshot/record-engine.js';
import {encodeFile, longerRecord, withheldKind} from '../../snapshot/file-record.js';
import {leavesDockerConfig} from '../../snapshot/config-links.js';
import {SNAPSHOT_SCHEMA, type RecordedCommand, type RecordedFile, type Snapshot} from '../../snapshot/snapshot.js';
import {VERSION} from '../../version.js';
import type {Host, Uname} from './host.js';

export interface RecordingOptions {
	readonly version?: string;
	readonly now?: () => Date;
}

/**
 * A host that passes every call to `host` and records what was read (files, directories,
 * existence checks, environment variables, uname, commands, and every engine answer and error),
 * so a replay host can answer the same questions the same way. Not redacted: redactSnapshot
 * before writing.
 */
export function createRecordingHost(host: Host, options: RecordingOptions = {}): {host: Host; snapshot(): Snapshot} {
	const files: Record<string, RecordedFile | null> = {};
	const dirs: Record<string, readonly string[] | null> = {};
	const exists: Record<string, boolean> = {};
	const env: Record<string, string | null> = {};
	const commands: RecordedCommand[] = [];
	let envKeys: string[] | undefined;
	let uname: Uname | undefined;
	const engine = host.engine ? recordEngine(host.engine) : undefined;

	const recordFile = async (path: string, content: Buffer | undefined) => {
		// A symlink out of Docker's config folder, or anything but a regular file there, is never copied.
		const withheld = withheldKind(path) ?? (content !== undefined && (await leavesDockerConfig(host, path)) ? 'private' : undefined);
		const record: RecordedFile | null = content === undefined ? null : withheld ? {withheld} : encodeFile(content);
		files[path] = longerRecord(files[path], record);
	};

	const envProxy = new Proxy(host.env, {
		get(target, key, receiver) {
			const value: unknown = Reflect.get(target, key, receiver);
			if (typeof key === 'string') env[key] = typeof value === 'string' ? value : null;
			return value;
		},
		has(target, key) {
			const present = Reflect.has(target, key);
			if (typeof key === 'string' && !(key in env)) {
				const value: unknown = Reflect.get(target, key);
				env[key] = typeof value === 'string' ? value : null;
			}
			return present;
		},
		ownKeys(target) {
			const keys = Reflect.ownKeys(target);
			envKeys = keys.filter((k): k is string => typeof k === 'string');
			return keys;
		},
	});

	const recording: Host = {
		kind: host.kind,
		label: host.label,
		async readFile(path, readOptions) {
			const content = await host.readFile(path, readOptions);
			await recordFile(path, content);
			return content;
		},
		async readText(path, readOptions) {
			const text = await host.readText(path, readOptions);
			await recordFile(path, text === undefined ? undefined : Buffer.from(text, 'utf8'));
			return text;
		},
		async listDir(path) {
			const names = await host.listDir(path);
			dirs[path] = names === undefined ? null : [...names];
			return names;
		},
		async exists(path) {
			const present = await host.exists(path);
			exists[path] = present;
			return present;
		},
		env: envProxy,
		async uname() {
			uname = await host.uname();
			return uname;
		},
		async run(file, args, runOptions) {
			const result = await host.run(file, args, runOptions);
			commands.push({file, args: [...args], result});
			return result;
		},
		...(host.node === undefined ? {} : {node: host.node}),
		...(host.home === undefined ? {} : {home: host.home}),
		...(engine === undefined ? {} : {engine: engine.connector}),
	};

	const snapshot = (): Snapshot => ({
		schema: SNAPSHOT_SCHEMA,
		createdAt: (options.now?.() ?? new Date()).toISOString(),
		tool: {name: 'chatmock-doctor', version: options.version ?? VERSION},
		host: {
			kind: host.kind,
			label: host.label,
			env: {...env},
			...(envKeys === undefined ? {} : {envKeys: [...envKeys]}),
			files: {...files},
			dirs: {...dirs},
			exists: {...exists},
			...(uname === undefined ? {} : {uname}),
			commands: [...commands],
			...(host.node === undefined ? {} : {node: host.node}),
			...(host.home === undefined ? {} : {home: host.home}),
			hasEngine: host.engine !== undefined,
		},
		engine: {connections: [...(engine?.connections ?? [])], calls: [...(engine?.calls ?? [])]},
	});
	return {host: recording, snapshot};
}
