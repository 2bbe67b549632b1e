import {BINFMT_CONTROL_FILES, parseBinfmtEntry} from '../parse/binfmt.js';
import {fileSourceAt} from '../parse/source-at.js';
import type {Host} from '../seam/host.js';
import type {BinfmtHandler, EmulationFacts, EndpointFacts, EngineFacts} from '../types.js';
import {isLocalEngineHost} from './engine-host.js';

export const BINFMT_DIR = '/proc/sys/fs/binfmt_misc';

/**
 * Which foreign architectures the engine's kernel can run. Readable only when the engine shares
 * this machine's kernel (a local Linux engine); Docker Desktop carries QEMU in its VM; a remote
 * engine or one in a VM (Colima, OrbStack, …) cannot be seen from here.
 */
export async function probeEmulation(host: Host, engine: EngineFacts | null | undefined, endpoint: EndpointFacts | undefined): Promise<EmulationFacts> {
	if (engine && isDockerDesktop(engine)) {
		return {kind: 'docker-desktop', handlers: [], note: 'Docker Desktop runs foreign images with the QEMU built into its VM'};
	}
	if (endpoint !== undefined && endpoint.host !== '' && !isLocalEngineHost(endpoint.host)) {
		return {kind: 'unknown', handlers: [], note: `the engine at ${endpoint.host} is on another machine: its emulators cannot be read from here`};
	}
	const uname = await host.uname();
	if (uname.sysname !== undefined && uname.sysname !== 'Linux') {
		return {kind: 'unknown', handlers: [], note: `the engine runs in a VM on this ${uname.sysname} machine: its emulators cannot be read from here`};
	}
	const engineKernel = engine?.kernelVersion?.value;
	if (engineKernel !== undefined && uname.release !== undefined && engineKernel !== uname.release) {
		return {kind: 'unknown', handlers: [], note: `the engine's kernel (${engineKernel}) is not this machine's (${uname.release}): it runs in a VM`};
	}
	return readBinfmt(host);
}

export async function readBinfmt(host: Host): Promise<EmulationFacts> {
	const names = await host.listDir(BINFMT_DIR);
	if (names === undefined || !names.includes('status')) {
		return {kind: 'binfmt', handlers: [], note: `${BINFMT_DIR} is not mounted: no emulator is registered`};
	}
	const status = (await host.readText(`${BINFMT_DIR}/status`, {maxBytes: 64}))?.trim();
	const entries = names.filter(name => !BINFMT_CONTROL_FILES.has(name)).sort();
	const parsed = await Promise.all(
		entries.map(async name => {
			const path = `${BINFMT_DIR}/${name}`;
			const text = await host.readText(path, {maxBytes: 4096});
			return text === undefined ? undefined : parseBinfmtEntry(name, text, fileSourceAt(path));
		}),
	);
	let handlers = parsed.filter((h): h is BinfmtHandler => h !== undefined);
	// A globally disabled binfmt_misc runs no handler, whatever each one says.
	if (status === 'disabled') handlers = handlers.map(h => ({...h, enabled: false}));
	const rosetta = handlers.some(h => h.name.toLowerCase() === 'rosetta' && h.enabled);
	return {
		kind: 'binfmt',
		handlers,
		...(rosetta ? {rosetta: true} : {}),
		...(status === 'disabled' ? {note: 'binfmt_misc is disabled as a whole'} : {}),
	};
}

export function isDockerDesktop(engine: EngineFacts): boolean {
	return (
		engine.operatingSystem?.value.startsWith('Docker Desktop') === true || engine.name?.value.includes('docker-desktop') === true || engine.platformName?.value.startsWith('Docker Desktop') === true
	);
}
