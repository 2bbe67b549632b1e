import {stat} from 'node:fs/promises';
import {connectDocker} from '../facts/engine/docker-connector.js';
import type {Host} from '../facts/seam/host.js';
import {createLiveHost} from '../facts/seam/live-host.js';
import {createRootHost} from '../facts/seam/root-host.js';
import {InputError, readInputFile} from './io.js';
import type {CliOptions} from './args.js';
import type {CliIo} from './run.js';

/** The machine the doctor looks at: this one, a folder laid out like / (--root), or a snapshot (--from). */
export async function createHostFor(options: CliOptions, io: CliIo): Promise<Host> {
	if (options.from !== undefined) {
		const [{readSnapshotFile}, {createReplayHost}] = await Promise.all([import('../snapshot/read-snapshot.js'), import('../facts/seam/replay-host.js')]);
		const snapshot = readSnapshotFile(await readInputFile(options.from));
		if ('error' in snapshot) throw new InputError(`${options.from}: ${snapshot.error}`);
		return createReplayHost(snapshot, {label: `snapshot ${options.from}`});
	}
	const engine = options.noEngine ? undefined : connectDocker;
	const rootInfo = options.root === undefined ? undefined : await stat(options.root).catch(() => undefined);
	// From CHATMOCK_DOCTOR_ROOT (the doctor's image sets /host) the folder counts only when a host's / is mounted there.
	const mounted = options.rootFromEnv ? Boolean(await stat(`${options.root}/proc`).catch(() => undefined)) : true;
	if (options.root !== undefined && mounted) {
		const info = rootInfo;
		if (!info?.isDirectory()) throw new InputError(`--root needs a folder laid out like /, and ${options.root} is not a folder.`);
		// The folder is another machine's /: its environment is unknown. Only the variables that choose the
		// engine (the one this process can reach, e.g. the host's socket mounted into the doctor's container) pass.
		const self = options.rootFromEnv ? {node: {arch: process.arch, platform: process.platform, version: process.version}} : {};
		return createRootHost(options.root, {...(engine ? {engine} : {}), ...self, env: engineEnv(io.env)});
	}
	return createLiveHost(engine ? {engine} : {});
}

const ENGINE_VARIABLES = ['DOCKER_HOST', 'DOCKER_CONTEXT', 'DOCKER_CONFIG', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH', 'HOME', 'XDG_RUNTIME_DIR', 'CHATMOCK_IMAGE'];

function engineEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string | undefined> {
	return Object.fromEntries(ENGINE_VARIABLES.filter(name => env[name] !== undefined).map(name => [name, env[name]]));
}
