import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {createServer} from 'node:net';
import {join} from 'node:path';
import {httpOk} from './engine-http.js';
import {hasEnded, isOurProcess, spawnDaemon, stopProcess, waitUntil} from './processes.js';

export const REGISTRY_BINARY = '/usr/bin/docker-registry';

export interface OwnedRegistry {
	readonly pid: number;
	readonly dir: string;
	readonly port: number;
	/** host:port as it appears in image references. The engine trusts 127.0.0.0/8 over plain HTTP by default. */
	readonly host: string;
}

export async function freePort(): Promise<number> {
	return new Promise<number>((resolve, reject) => {
		const server = createServer();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
		});
	});
}

/** Debian's default config asks for htpasswd auth; ours has none, listens on loopback only, stores under `dir`. */
export function registryConfig(dir: string, port: number): string {
	return [
		'version: 0.1',
		'log:',
		'  level: warn',
		'storage:',
		'  filesystem:',
		`    rootdirectory: ${join(dir, 'storage')}`,
		'  delete:',
		'    enabled: true',
		'http:',
		`  addr: 127.0.0.1:${port}`,
		'',
	].join('\n');
}

/** Starts the registry; `port` is kept across restarts so pushed references stay valid. */
export async function launchRegistry(dir: string, port?: number, timeoutMs = 30_000): Promise<OwnedRegistry> {
	mkdirSync(join(dir, 'storage'), {recursive: true});
	const chosen = port ?? (await freePort());
	const config = join(dir, 'config.yml');
	writeFileSync(config, registryConfig(dir, chosen));
	const logFile = join(dir, 'registry.log');
	const pid = spawnDaemon(REGISTRY_BINARY, ['serve', config], logFile);
	const registry = {pid, dir, port: chosen, host: `127.0.0.1:${chosen}`};
	try {
		await waitUntil(
			'registry /v2/',
			async () => {
				if (hasEnded(pid)) throw new Error('registry exited');
				return httpOk(`http://${registry.host}/v2/`, 1000);
			},
			timeoutMs,
		);
	} catch (error) {
		await haltRegistry(registry);
		let tail = '(no log)';
		try {
			tail = readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-20).join('\n');
		} catch {
			// keep the placeholder
		}
		throw new Error(`registry did not come up; last lines of its log:\n${tail}`, {cause: error});
	}
	return registry;
}

export async function haltRegistry(registry: OwnedRegistry): Promise<void> {
	await stopProcess(registry.pid, join(registry.dir, 'config.yml'), 10_000);
}

export async function registryAlive(registry: OwnedRegistry): Promise<boolean> {
	return isOurProcess(registry.pid, join(registry.dir, 'config.yml')) && httpOk(`http://${registry.host}/v2/`);
}
