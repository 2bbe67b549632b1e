import {createHash} from 'node:crypto';
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {createBridge, deleteBridge, type OwnedBridge} from './bridge.js';
import {docker, type CliTarget} from './docker-cli.js';
import {haltEngine, launchEngine, type OwnedEngine} from './engine.js';
import {startSshd, type OwnSshd} from './sshd.js';

/**
 * A second private engine reached as ssh:// through a real sshd on 127.0.0.1, as a Pi on the
 * network is, and a docker config of its own whose context names it: what the fleet and remote
 * tests run the doctor against.
 */
export interface SshEngine {
	readonly engine: OwnedEngine;
	readonly sshd: OwnSshd;
	/** The docker CLI straight at the engine's socket, for set-up and checks (not through ssh). */
	readonly cli: CliTarget;
	/** DOCKER_CONFIG for the doctor: its contexts name this engine (and whatever addContext adds). */
	readonly configDir: string;
	/** PATH for the doctor: the ssh that trusts only this sshd first. */
	readonly path: string;
	/** Adds a docker context to configDir, as `docker context create` writes it. */
	addContext(name: string, host: string): void;
	/** sshd, the engine (with the networks made on it) and its bridge, in that order. */
	stop(): Promise<void>;
}

export interface SshEngineOptions {
	/** The context that names the engine over ssh:// (default pi). */
	readonly context?: string;
	/** A Linux bridge of this name for published ports; none by default (throwaway runs need no network). */
	readonly bridge?: string;
	/** Images pulled onto the engine before the doctor sees it, each for one platform. */
	readonly pulls?: readonly {readonly ref: string; readonly platform: string}[];
}

export async function startSshEngine(work: string, options: SshEngineOptions = {}): Promise<SshEngine> {
	const configDir = join(work, 'docker-config');
	mkdirSync(configDir, {recursive: true});
	writeFileSync(join(configDir, 'config.json'), '{}\n');
	const addContext = (name: string, host: string): void => {
		const dir = join(configDir, 'contexts', 'meta', createHash('sha256').update(name).digest('hex'));
		mkdirSync(dir, {recursive: true});
		writeFileSync(join(dir, 'meta.json'), JSON.stringify({Name: name, Metadata: {}, Endpoints: {docker: {Host: host, SkipTLSVerify: false}}}));
	};
	let bridge: OwnedBridge | undefined;
	let engine: OwnedEngine | undefined;
	let sshd: OwnSshd | undefined;
	const stop = async (): Promise<void> => {
		await sshd?.stop();
		if (engine) await haltEngine(engine, true);
		if (bridge) await deleteBridge(bridge.name);
	};
	try {
		if (options.bridge !== undefined) bridge = await createBridge(options.bridge);
		engine = await launchEngine(join(work, 'ssh-engine'), bridge?.name ?? 'none');
		const cli = {socketPath: engine.socketPath, configDir};
		for (const {ref, platform} of options.pulls ?? []) {
			const pulled = await docker(cli, ['pull', '--platform', platform, ref], {timeoutMs: 120_000, allowFailure: true});
			if (pulled.code !== 0) throw new Error(`pulling ${ref} for ${platform} onto the ssh engine failed: ${pulled.stderr}`);
		}
		sshd = await startSshd(join(work, 'sshd'), engine.socketPath);
		addContext(options.context ?? 'pi', sshd.url);
		return {engine, sshd, cli, configDir, path: `${sshd.binDir}:${process.env['PATH'] ?? ''}`, addContext, stop};
	} catch (error) {
		await stop();
		throw error;
	}
}
