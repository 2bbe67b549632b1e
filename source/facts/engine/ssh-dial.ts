import type {ChildProcessWithoutNullStreams} from 'node:child_process';
import {Agent} from 'node:http';
import {Duplex} from 'node:stream';
import {childProcess} from '../lazy-builtins.js';

/**
 * ssh:// the way the docker CLI reaches it: `ssh … -- host docker system dial-stdio`, with the
 * child's stdin/stdout as the HTTP connection. The system ssh brings the user's keys, agent,
 * ~/.ssh/config and known_hosts; no SSH library is bundled.
 */
export interface SshTarget {
	readonly hostname: string;
	readonly port?: number;
	readonly user?: string;
}

/** Keep what ssh says on stderr (its only explanation of a failure), but not without bound. */
const STDERR_KEEP = 2048;

/** The least an ssh connection is given to come up: a Pi Zero's login alone can take seconds. */
export const SSH_CONNECT_FLOOR_MS = 10_000;

/**
 * How long an ssh:// connection may take to come up (ssh connects, logs in, the remote
 * `docker system dial-stdio` starts): --timeout, but never less than 10 s. It is its own
 * allowance, on top of --timeout: a slow handshake is not a slow engine, and --timeout counts
 * from when the engine first answers. Also ssh's own ConnectTimeout.
 */
export function sshConnectAllowanceMs(timeoutMs: number): number {
	return Math.max(timeoutMs, SSH_CONNECT_FLOOR_MS);
}

/** True for an endpoint reached through ssh, whose connection gets its own allowance. */
export function isSshEndpoint(host: string): boolean {
	return /^ssh:\/\//i.test(host.trim());
}

export function sshArgs(target: SshTarget, connectAllowanceMs = SSH_CONNECT_FLOOR_MS): string[] {
	return [
		// Never prompt: the doctor may own the terminal (raw mode), and a prompt there would hang it.
		'-o',
		'BatchMode=yes',
		'-o',
		// ssh gives up connecting first, with its own words ("Connection timed out"), before our timer would.
		`ConnectTimeout=${Math.max(1, Math.ceil(connectAllowanceMs / 1000))}`,
		'-T',
		...(target.user === undefined ? [] : ['-l', target.user]),
		...(target.port === undefined ? [] : ['-p', String(target.port)]),
		'--',
		target.hostname,
		'docker',
		'system',
		'dial-stdio',
	];
}

/**
 * An http.Agent whose connections are ssh children. Keep-alive reuses one ssh session for many
 * requests (a handshake costs seconds on a Pi Zero); idle children are unref'd so they never keep
 * the doctor alive, and they end with it. A connection is `connecting` until its first answer
 * arrives (then it emits 'connect'), so a call's deadline can leave the handshake out.
 */
export function createSshAgent(target: SshTarget, command = 'ssh', connectAllowanceMs = SSH_CONNECT_FLOOR_MS): Agent {
	const agent = new Agent({keepAlive: true, maxSockets: 3});
	const args = sshArgs(target, connectAllowanceMs);
	(agent as unknown as {createConnection: () => Duplex}).createConnection = () =>
		new SshConnection(childProcess().spawn(command, args, {stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true}), target.hostname);
	return agent;
}

/** A Duplex over a child's stdio, with the few socket methods http.Agent calls. */
class SshConnection extends Duplex {
	private stderr = '';
	private gotData = false;
	/** Up to the first byte the engine sends: ssh's connect and login and dial-stdio's start are not over before it. */
	connecting = true;

	constructor(
		private readonly child: ChildProcessWithoutNullStreams,
		private readonly hostname: string,
	) {
		super();
		child.stdout.on('data', (chunk: Buffer) => {
			this.gotData = true;
			if (this.connecting) {
				this.connecting = false;
				this.emit('connect');
			}
			if (!this.push(chunk)) child.stdout.pause();
		});
		// ssh that never connected closes its stdout before it exits: the end waits for the exit, so
		// the failure reads as what ssh said (refused, unknown host), not as an HTTP "socket hang up".
		child.stdout.on('end', () => {
			if (this.gotData || child.exitCode === 0) this.push(null);
			else this.endedEarly = true;
		});
		child.stderr.on('data', (chunk: Buffer) => {
			this.stderr = (this.stderr + chunk.toString('utf8')).slice(-STDERR_KEEP);
		});
		// EPIPE when ssh died first: the exit handler explains why.
		child.stdin.on('error', () => {});
		child.on('error', (error: Error & {code?: string}) => {
			const why = error.code === 'ENOENT' ? 'ssh:// endpoints need the ssh command (OpenSSH client) on PATH' : `cannot start ssh: ${error.message}`;
			this.destroy(Object.assign(new Error(why), {cause: error}));
		});
		// 'close', not 'exit': ssh's last words on stderr may still be on their way when it exits.
		child.on('close', code => {
			if (this.destroyed) return;
			if (code === 0) {
				if (this.endedEarly) this.push(null);
				return;
			}
			const said = this.stderr.trim().split('\n').filter(Boolean).slice(-2).join(' ');
			const where = this.gotData ? 'closed the connection' : 'failed';
			const error = new Error(`ssh to ${this.hostname} ${where} (exit ${code ?? 'signal'})${said ? `: ${said}` : ''}`);
			this.destroy(Object.assign(error, this.gotData ? {} : sshErrno(said)));
		});
	}

	override _read(): void {
		this.child.stdout.resume();
	}

	override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
		// A write fails only when ssh has died: its exit (with what it said) explains that better than EPIPE.
		this.child.stdin.write(chunk, () => callback());
	}

	override _final(callback: (error?: Error | null) => void): void {
		this.child.stdin.end(callback);
	}

	override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
		if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
		callback(error);
	}

	private endedEarly = false;

	setTimeout(): this {
		return this;
	}

	setNoDelay(): this {
		return this;
	}

	setKeepAlive(): this {
		return this;
	}

	ref(): this {
		this.child.ref();
		for (const stream of [this.child.stdin, this.child.stdout, this.child.stderr]) (stream as {ref?: () => void}).ref?.();
		return this;
	}

	unref(): this {
		this.child.unref();
		for (const stream of [this.child.stdin, this.child.stdout, this.child.stderr]) (stream as {unref?: () => void}).unref?.();
		return this;
	}
}

/** What ssh's own words say about a connection that never came up, as the socket error it stands for. */
export function sshErrno(said: string): {code?: string} {
	if (/connection refused/i.test(said)) return {code: 'ECONNREFUSED'};
	if (/no route to host|network is unreachable/i.test(said)) return {code: 'EHOSTUNREACH'};
	if (/could not resolve hostname|name or service not known|nodename nor servname/i.test(said)) return {code: 'ENOTFOUND'};
	if (/connection timed out|operation timed out/i.test(said)) return {code: 'ETIMEDOUT'};
	return {};
}
