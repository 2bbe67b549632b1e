import {existsSync, rmSync, writeFileSync} from 'node:fs';
import {exec, hasCommand} from './exec.js';
import {log} from './log.js';

/**
 * What the e2e machine needs from Debian: the engine, the registry, the static QEMU emulators,
 * Compose v1 (for Compose projects), an sshd (for ssh:// endpoints) and tmux (a real terminal for the
 * interactive tests). Only missing ones are installed.
 */
export const REQUIRED_PACKAGES = ['docker.io', 'docker-registry', 'qemu-user-static', 'docker-compose', 'openssh-server', 'tmux'] as const;

/** Why the harness cannot run here, or undefined when it can. One line, meant for the person running the suite. */
export async function preflightProblem(): Promise<string | undefined> {
	if (process.platform !== 'linux') return `needs Linux (this is ${process.platform})`;
	if (process.getuid?.() !== 0) return 'needs root: it installs packages, starts dockerd and changes binfmt_misc';
	if (!(await hasCommand('apt-get')) || !(await hasCommand('dpkg-query'))) return 'needs apt-get and dpkg-query (Debian or Ubuntu)';
	return undefined;
}

export async function missingPackages(names: readonly string[]): Promise<string[]> {
	const missing: string[] = [];
	for (const name of names) {
		const result = await exec('dpkg-query', ['-W', '-f=${Status}', name], {timeoutMs: 10_000, allowFailure: true});
		if (result.code !== 0 || !result.stdout.includes('install ok installed')) missing.push(name);
	}
	return missing;
}

const POLICY_RC = '/usr/sbin/policy-rc.d';

/**
 * Installs what is missing, non-interactively. policy-rc.d (exit 101) keeps the packages'
 * maintainer scripts from starting a system dockerd or registry behind our back; Recommends
 * are skipped because binfmt-support would register QEMU handlers on its own.
 */
export async function ensurePackages(names: readonly string[] = REQUIRED_PACKAGES): Promise<string[]> {
	const missing = await missingPackages(names);
	if (missing.length === 0) return [];
	log(`installing ${missing.join(' ')}`);
	const env = {...process.env, DEBIAN_FRONTEND: 'noninteractive', NEEDRESTART_MODE: 'l'};
	const ownPolicy = !existsSync(POLICY_RC);
	if (ownPolicy) writeFileSync(POLICY_RC, '#!/bin/sh\nexit 101\n', {mode: 0o755});
	try {
		// A failing third-party source must not stop us: apt-get update reports it and goes on.
		await exec('apt-get', ['-q', '-oAcquire::Retries=2', '-oAcquire::http::Timeout=30', '-oAcquire::https::Timeout=30', 'update'], {timeoutMs: 5 * 60_000, env, allowFailure: true});
		await exec('apt-get', ['-q', '-y', '--no-install-recommends', '-oDpkg::Options::=--force-confdef', '-oDpkg::Options::=--force-confold', 'install', ...missing], {timeoutMs: 10 * 60_000, env});
	} finally {
		if (ownPolicy) rmSync(POLICY_RC, {force: true});
	}
	const still = await missingPackages(names);
	if (still.length > 0) throw new Error(`packages still missing after apt-get install: ${still.join(' ')}`);
	return missing;
}
