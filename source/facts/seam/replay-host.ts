import {decodeFile} from '../../snapshot/file-record.js';
import {replayEngine} from '../../snapshot/replay-engine.js';
import type {Snapshot} from '../../snapshot/snapshot.js';
import {DEFAULT_MAX_READ_BYTES, type Host} from './host.js';

/**
 * A host that answers exactly what a snapshot recorded and nothing else: unrecorded files are
 * absent, unrecorded commands not run, the engine a recorded one. It never touches this machine.
 */
export function createReplayHost(snapshot: Snapshot, options: {readonly label?: string} = {}): Host {
	const recorded = snapshot.host;
	const readFile: Host['readFile'] = async (path, readOptions) => {
		const record = recorded.files[path];
		const content = record ? decodeFile(record) : undefined;
		return content?.subarray(0, Math.max(0, readOptions?.maxBytes ?? DEFAULT_MAX_READ_BYTES));
	};
	const env: Record<string, string> = {};
	// Listed but never read: present, value unknown (empty).
	for (const key of recorded.envKeys ?? []) env[key] = '';
	for (const [key, value] of Object.entries(recorded.env)) {
		if (value === null) delete env[key];
		else env[key] = value;
	}
	const engine = recorded.hasEngine || snapshot.engine.connections.length > 0 ? replayEngine(snapshot.engine) : undefined;
	return {
		kind: 'replay',
		label: options.label ?? `snapshot of ${recorded.label} (${snapshot.createdAt})`,
		readFile,
		readText: async (path, readOptions) => (await readFile(path, readOptions))?.toString('utf8'),
		listDir: async path => {
			const names = recorded.dirs[path];
			return names ? [...names] : undefined;
		},
		exists: async path => recorded.exists[path] ?? (recorded.files[path] ? true : false),
		env: Object.freeze(env),
		uname: async () => recorded.uname ?? {via: 'snapshot (not recorded)'},
		run: async (file, args) => {
			const match = recorded.commands.find(c => c.file === file && c.args.length === args.length && c.args.every((a, i) => a === args[i]));
			return match?.result ?? {ok: false, reason: 'not-run', message: `${[file, ...args].join(' ')}: not recorded in the snapshot`};
		},
		...(recorded.node === undefined ? {} : {node: recorded.node}),
		...(recorded.home === undefined ? {} : {home: recorded.home}),
		...(engine === undefined ? {} : {engine}),
	};
}
