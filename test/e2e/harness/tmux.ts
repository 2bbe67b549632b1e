import {execFileSync, spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';

/** tmux is on the machine (the harness installs it with the other packages). */
export const hasTmux = spawnSync('tmux', ['-V']).status === 0;

/**
 * A private tmux server (its socket in a folder of its own, removed by kill(); no config file):
 * nothing else on the machine shares or kills it, a user's ~/.tmux.conf does not change what
 * the tests see, and no tmux-<uid> folder is left in the temporary folder.
 */
export class TmuxServer {
	private readonly dir: string;
	readonly socket: string;
	constructor(name: string) {
		this.dir = mkdtempSync(join(tmpdir(), `${name}-`));
		this.socket = join(this.dir, 'tmux.sock');
	}

	tmux(...args: string[]): string {
		return execFileSync('tmux', ['-S', this.socket, '-f', '/dev/null', ...args], {encoding: 'utf8'});
	}

	private quiet(...args: string[]): number | null {
		return spawnSync('tmux', ['-S', this.socket, ...args], {stdio: 'ignore'}).status;
	}

	/** A server option, e.g. set-clipboard on (applies to panes started before or after). */
	setServerOption(name: string, value: string): void {
		this.tmux('set-option', '-s', name, value);
	}

	/** The newest paste buffer, or undefined when there is none. */
	newestBuffer(): string | undefined {
		const result = spawnSync('tmux', ['-S', this.socket, 'show-buffer'], {encoding: 'utf8'});
		return result.status === 0 ? result.stdout : undefined;
	}

	deleteBuffers(): void {
		while (this.quiet('delete-buffer') === 0) {
			// one buffer at a time, until none is left
		}
	}

	/**
	 * Runs `command` in a new session of `columns` x `rows`. The server gives new sessions its own
	 * environment, not the client's, so ours is exported in the script; TMUX and TMUX_PANE are
	 * left for the pane's own server to set (a test run from inside tmux must not leak its own).
	 * After the command ends, the pane shows `EXIT=<code>` and stays for the test to read.
	 */
	start(name: string, command: string, env: NodeJS.ProcessEnv, cwd: string, columns = 80, rows = 40): Pane {
		this.quiet('kill-session', '-t', name);
		const exports = Object.entries(env)
			.filter(([key, value]) => value !== undefined && /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) && key !== 'TMUX' && key !== 'TMUX_PANE')
			.map(([key, value]) => `export ${key}='${String(value).replace(/'/g, `'\\''`)}';`)
			.join(' ');
		const script = `${exports} ${command}; echo "EXIT=$?"; exec sleep 600`;
		const clean = {...env};
		delete clean['TMUX'];
		delete clean['TMUX_PANE'];
		execFileSync('tmux', ['-S', this.socket, '-f', '/dev/null', 'new-session', '-d', '-s', name, '-x', String(columns), '-y', String(rows), '-c', cwd, 'sh', '-c', script], {env: clean});
		return new Pane(this, name);
	}

	killSession(name: string): void {
		this.quiet('kill-session', '-t', name);
	}

	kill(): void {
		this.quiet('kill-server');
		rmSync(this.dir, {recursive: true, force: true});
	}
}

/**
 * A person's terminal for a pane: a real TERM and UTF-8, and no CI variable at all (Ink, like the
 * doctor, takes any CI variable present for CI), nor node:test's own.
 */
export function personsTerminal(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
	const terminal: NodeJS.ProcessEnv = {...env, TERM: 'xterm-256color', LANG: 'C.UTF-8'};
	for (const key of Object.keys(terminal)) if (key === 'CI' || key === 'CONTINUOUS_INTEGRATION' || key.startsWith('CI_') || key.startsWith('NODE_TEST')) delete terminal[key];
	return terminal;
}

export interface WaitOptions {
	readonly timeoutMs?: number;
	/**
	 * After the predicate holds, also wait until the frame stops changing (two identical captures
	 * in a row): the app has finished drawing the new screen, and so has attached its key
	 * handler, before the test presses the next key. Off for screens that animate.
	 */
	readonly settle?: boolean;
}

export class Pane {
	constructor(
		readonly server: TmuxServer,
		readonly name: string,
	) {}

	/** The visible screen and scrollback, wrapped lines joined. */
	screen(): string {
		return this.server.tmux('capture-pane', '-p', '-J', '-S', '-200', '-t', this.name);
	}

	keys(...keys: string[]): void {
		this.server.tmux('send-keys', '-t', this.name, ...keys);
	}

	/** Waits on screen content (polling every 50 ms), never a fixed time; the deadline only turns a hang into a failure. */
	async waitFor(predicate: (screen: string) => boolean, what: string, options: WaitOptions = {}): Promise<string> {
		const timeoutMs = options.timeoutMs ?? 60_000;
		const settle = options.settle ?? true;
		const deadline = Date.now() + timeoutMs;
		let previous: string | undefined;
		for (;;) {
			const screen = this.screen();
			if (predicate(screen) && (!settle || screen === previous)) return screen;
			previous = predicate(screen) ? screen : undefined;
			if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; screen:\n${screen}`);
			await sleep(50);
		}
	}

	/** The code the pane's command exited with (waits for the EXIT= line the start script prints). */
	async exitCode(timeoutMs = 60_000): Promise<number> {
		const screen = await this.waitFor(s => /EXIT=\d+/.test(s), 'the exit', {timeoutMs, settle: false});
		return Number(/EXIT=(\d+)/.exec(screen)?.[1]);
	}

	kill(): void {
		this.server.killSession(this.name);
	}
}
