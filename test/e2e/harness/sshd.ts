import {spawn, type ChildProcess} from 'node:child_process';
import {chmodSync, existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {exec} from './exec.js';
import {ensurePackages} from './packages.js';
import {freePort} from './registry.js';
import {waitUntil} from './processes.js';

/** A real sshd on 127.0.0.1 for ssh:// engines, and a client set-up that trusts only it. */
export interface OwnSshd {
	readonly port: number;
	/** ssh://root@127.0.0.1:<port> */
	readonly url: string;
	/** A folder to put first on PATH: its `ssh` is the system ssh with this set-up's config (-F), nothing else. */
	readonly binDir: string;
	stop(): Promise<void>;
}

const SSHD = '/usr/sbin/sshd';
const PRIVSEP_DIR = '/run/sshd';

/**
 * Starts sshd with its own host key, config, pid file and authorized key, in `dir`. Sessions get
 * DOCKER_HOST set by the server, so `docker system dial-stdio` (what the docker CLI and the doctor
 * run over ssh) reaches `engineSocket`. The client side lives in `dir` too: a key, known_hosts
 * holding the server's key, and a config passed with -F, so the user's own ~/.ssh is never read or touched.
 */
export async function startSshd(dir: string, engineSocket: string): Promise<OwnSshd> {
	await ensurePackages(['openssh-server', 'openssh-client']);
	mkdirSync(dir, {recursive: true});
	const madePrivsep = !existsSync(PRIVSEP_DIR);
	if (madePrivsep) mkdirSync(PRIVSEP_DIR, {mode: 0o755});
	const hostKey = join(dir, 'host_key');
	const clientKey = join(dir, 'client_key');
	await exec('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'e2e-host', '-f', hostKey], {timeoutMs: 20_000});
	await exec('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'e2e-client', '-f', clientKey], {timeoutMs: 20_000});
	const port = await freePort();
	writeFileSync(join(dir, 'authorized_keys'), readFileSync(`${clientKey}.pub`), {mode: 0o600});
	writeFileSync(join(dir, 'known_hosts'), `[127.0.0.1]:${port} ${readFileSync(`${hostKey}.pub`, 'utf8').split(' ').slice(0, 2).join(' ')}\n`);
	writeFileSync(
		join(dir, 'sshd_config'),
		[
			`Port ${port}`,
			'ListenAddress 127.0.0.1',
			`HostKey ${hostKey}`,
			`PidFile ${join(dir, 'sshd.pid')}`,
			`AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
			'PermitRootLogin prohibit-password',
			'PasswordAuthentication no',
			'KbdInteractiveAuthentication no',
			'UsePAM no',
			'StrictModes no',
			`SetEnv DOCKER_HOST=unix://${engineSocket}`,
			'',
		].join('\n'),
	);
	writeFileSync(
		join(dir, 'ssh_config'),
		['Host *', `  IdentityFile ${clientKey}`, '  IdentitiesOnly yes', `  UserKnownHostsFile ${join(dir, 'known_hosts')}`, '  GlobalKnownHostsFile /dev/null', '  StrictHostKeyChecking yes', ''].join(
			'\n',
		),
	);
	const binDir = join(dir, 'bin');
	mkdirSync(binDir, {recursive: true});
	const realSsh = (await exec('sh', ['-c', 'command -v ssh'], {timeoutMs: 5000})).stdout.trim();
	writeFileSync(join(binDir, 'ssh'), `#!/bin/sh\nexec ${realSsh} -F ${join(dir, 'ssh_config')} "$@"\n`);
	chmodSync(join(binDir, 'ssh'), 0o755);

	const child: ChildProcess = spawn(SSHD, ['-D', '-e', '-f', join(dir, 'sshd_config')], {stdio: ['ignore', 'ignore', 'pipe']});
	let log = '';
	child.stderr?.on('data', (chunk: Buffer) => (log += String(chunk)));
	try {
		await waitUntil('sshd to listen', () => child.exitCode === null && log.includes('Server listening'), 20_000);
	} catch (error) {
		child.kill('SIGKILL');
		throw new Error(`sshd did not start: ${log.slice(-2000)}`, {cause: error});
	}
	return {
		port,
		url: `ssh://root@127.0.0.1:${port}`,
		binDir,
		async stop() {
			if (child.exitCode === null) {
				const exited = new Promise(resolve => child.once('exit', resolve));
				child.kill('SIGTERM');
				await exited;
			}
			if (madePrivsep) {
				try {
					rmdirSync(PRIVSEP_DIR);
				} catch {
					// sshd left something in it, or another sshd uses it now
				}
			}
		},
	};
}
