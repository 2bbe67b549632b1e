import type {Signal, SignalKind} from '../types.js';
import {archFromName} from './binfmt.js';

/**
 * The one rule set for failure lines, read the same in a live container's log and in a paste:
 * a log pasted must give the verdict the live doctor gives. A line yields what it names, uncited:
 * the reader adds the source (a log line, a pasted line).
 */
export type LineSignal = Omit<Signal, 'source'>;

/** How a platform message is matched: on its own line (live logs), or across a wrap (triage). */
export type PlatformMatch = (rule: PlatformRule) => RegExpExecArray | undefined;

/** A message naming platforms; `word` is the one a line of it holds when a terminal wraps it. */
export interface PlatformRule {
	readonly kind: SignalKind;
	readonly pattern: RegExp;
	readonly word: string;
	readonly fields: (match: RegExpExecArray) => Partial<LineSignal>;
	/** The words of the message when its platforms cannot be read: still the failure, without them. */
	readonly bare?: string;
}

/** `{arm linux [] v7}`: Go prints OCI's Architecture, OS, (OSVersion,) OSFeatures, Variant. */
function podmanPlatform(match: RegExpExecArray, at: number): string {
	const [arch, os, variant] = [match[at], match[at + 1], match[at + 2]];
	return `${os}/${arch}${variant ? `/${variant}` : ''}`;
}

export const PLATFORM_RULES: readonly PlatformRule[] = [
	{
		kind: 'no-matching-manifest',
		pattern: /no matching manifest for ([^\s,;]+?)\.? in the manifest list/,
		word: 'manifest',
		fields: m => ({platform: m[1]!}),
		bare: 'no matching manifest',
	},
	{
		kind: 'platform-mismatch-warning',
		pattern: /platform \(([^)\s]+)\) does not match the detected host platform \(([^)\s]+)\)/,
		word: 'match',
		fields: m => ({imagePlatform: m[1]!, hostPlatform: m[2]!}),
		bare: 'does not match the detected host platform',
	},
	// Podman: the image's platform, then the one it expected, which is the host's.
	{
		kind: 'platform-mismatch-warning',
		pattern: /image platform \(\{(\w+)\s+(\w+)\s+(?:[\w.]+\s+)?\[[^\]]*\]\s*(\w*)\}\) does not match the expected platform \(\{(\w+)\s+(\w+)\s+(?:[\w.]+\s+)?\[[^\]]*\]\s*(\w*)\}\)/,
		word: 'match',
		fields: m => ({imagePlatform: podmanPlatform(m, 1), hostPlatform: podmanPlatform(m, 4)}),
	},
	// Newer Podman writes platforms as Docker does: "image platform (linux/amd64) does not match the expected platform (linux/arm64)".
	{
		kind: 'platform-mismatch-warning',
		pattern: /platform \(([^)\s{}]+)\) does not match the expected platform \(([^)\s{}]+)\)/,
		word: 'match',
		fields: m => ({imagePlatform: m[1]!, hostPlatform: m[2]!}),
	},
];

const onOwnLine =
	(text: string): PlatformMatch =>
	rule =>
		(text.includes(rule.word) ? rule.pattern.exec(text) : null) ?? undefined;

/**
 * Every failure kind one line names, in a fixed order. Cheap substring checks guard the costly
 * patterns, so a huge paste costs one scan per pattern family, not one regex per line.
 */
export function failureSignals(text: string, platformMatch: PlatformMatch = onOwnLine(text)): LineSignal[] {
	const found: LineSignal[] = [];
	const add = (kind: SignalKind, extra: Partial<LineSignal> = {}) => found.push({kind, ...extra});
	if (/exec format error/i.test(text)) add('exec-format-error');
	for (const rule of PLATFORM_RULES) {
		const match = platformMatch(rule);
		if (match) add(rule.kind, rule.fields(match));
		else if (rule.bare && text.includes(rule.bare)) add(rule.kind);
	}
	if (/could not be found in this WSL [12] distro/.test(text)) add('wsl-integration-stub');
	const emulator = emulatorFailure(text);
	// QEMU reports the signal that killed the program it emulates ("uncaught target signal 4 (Illegal
	// instruction)"): that is the emulator failing, not this CPU lacking an instruction or crashing.
	if (emulator) add('emulator-failed', emulator);
	else {
		if (/Illegal instruction|SIGILL/.test(text)) add('illegal-instruction');
		if (/Segmentation fault|SIGSEGV/.test(text)) add('segfault');
	}
	if (text.includes('Unsupported system page size')) add('page-size');
	// A script's CRLF shebang, or a program's missing loader: the diagnosis tells them apart by the file named.
	if (/exec \S+: no such file or directory/.test(text)) add('crlf-entrypoint');
	if (/permission denied while trying to connect to the docker (?:daemon socket|API)|connect EACCES \S*docker\.sock/i.test(text)) add('permission-denied');
	if (/Cannot connect to the Docker daemon\b|Is the docker daemon running\?|connect ENOENT \S*docker\.sock/i.test(text) || windowsEngineDown(text)) add('daemon-unreachable');
	return found;
}

/**
 * A foreign program dying under its emulator: QEMU's "uncaught target signal" or "Could not open"
 * its loader (qemu-x86_64 names the emulated arch), and Rosetta for Linux's "rosetta error:", which
 * only exists in 64-bit ARM VMs on Apple Silicon and only translates x86-64.
 */
function emulatorFailure(text: string): Partial<LineSignal> | undefined {
	if (/\brosetta error:/i.test(text)) return {emulator: 'rosetta', imagePlatform: 'linux/amd64', hostPlatform: 'linux/arm64'};
	const qemu = /\b(qemu(?:-[\w]+?)?)(?:-static)?: (?:uncaught target signal|Could not open)/.exec(text);
	if (!qemu) return undefined;
	const arch = archFromName(qemu[1]!);
	return {emulator: 'qemu', ...(arch === undefined ? {} : {imagePlatform: `linux/${arch}`})};
}

/** Only Windows' docker CLI talks to its engine through a named pipe (//./pipe/docker_engine, dockerDesktopLinuxEngine). */
export const WINDOWS_PIPE = /\/\/\.\/pipe\/docker\w*|%2F%2F\.%2Fpipe%2Fdocker/i;

/**
 * Docker Desktop not started, as Windows' docker CLI says it: "error during connect: … open
 * //./pipe/docker_engine: The system cannot find the file specified." (in the system's language,
 * so the pipe is the cue, not the words) or "… the docker daemon is not running". "Access is
 * denied" on the pipe is a permission problem, not this.
 */
function windowsEngineDown(text: string): boolean {
	if (/docker daemon is not running/i.test(text)) return true;
	return WINDOWS_PIPE.test(text) && /error during connect|cannot find the file specified/i.test(text) && !/access is denied/i.test(text);
}

/** 132 = 128 + SIGILL, 139 = 128 + SIGSEGV: what an arm/v7 build does on an ARMv6 CPU. */
export function exitCodeKind(exitCode: number | undefined): SignalKind | undefined {
	if (exitCode === 132) return 'illegal-instruction';
	if (exitCode === 139) return 'segfault';
	return undefined;
}

/** The same line twice (a log repeating itself, a paste quoting it again) is one signal. */
export function signalKey(signal: LineSignal): string {
	return [signal.kind, signal.platform, signal.imagePlatform, signal.hostPlatform].join('|');
}
