import {fact} from '../fact.js';
import {archFromName} from '../parse/binfmt.js';
import type {Signal} from '../types.js';
import {type FactsBuilder, pasteAt} from './facts-builder.js';
import type {PasteLine} from './paste-lines.js';

/**
 * Error and warning lines seen anywhere in a paste, whatever block they sit in: a log line
 * is evidence even when it is quoted in prose. Cheap substring checks come first, so a huge
 * paste costs one scan per pattern family, not one regex per line.
 */
export function readSignals(line: PasteLine, facts: FactsBuilder, previous?: PasteLine): void {
	const text = line.text;
	const source = () => pasteAt(line.no, text);
	const add = (kind: Signal['kind'], extra: Partial<Signal> = {}) => facts.addSignal({kind, source: source(), ...extra});

	if (/exec format error/i.test(text)) add('exec-format-error');
	const manifest = spanning(MANIFEST, 'manifest', line, previous);
	if (manifest) add('no-matching-manifest', {platform: manifest[1]!});
	else if (text.includes('no matching manifest')) add('no-matching-manifest');
	const mismatch = spanning(MISMATCH, 'match', line, previous);
	if (mismatch) add('platform-mismatch-warning', {imagePlatform: mismatch[1]!, hostPlatform: mismatch[2]!});
	else if (text.includes('does not match the detected host platform')) add('platform-mismatch-warning');
	// Podman: the image's platform, then the one it expected, which is the host's.
	const podman = spanning(PODMAN_MISMATCH, 'match', line, previous);
	if (podman) add('platform-mismatch-warning', {imagePlatform: podmanPlatform(podman, 1), hostPlatform: podmanPlatform(podman, 4)});
	// Newer Podman writes platforms as Docker does: "image platform (linux/amd64) does not match the expected platform (linux/arm64)".
	const slashed = spanning(PODMAN_SLASHED, 'match', line, previous);
	if (slashed) add('platform-mismatch-warning', {imagePlatform: slashed[1]!, hostPlatform: slashed[2]!});
	if (/could not be found in this WSL [12] distro/.test(text)) add('wsl-integration-stub');
	if (/Illegal instruction|SIGILL/.test(text)) add('illegal-instruction');
	const emulator = emulatorFailure(text);
	if (emulator) add('emulator-failed', emulator);
	// QEMU's own report of a crash in the program it emulates is not a crash of this CPU.
	else if (/Segmentation fault|SIGSEGV/.test(text)) add('segfault');
	const exit = exitCode(text);
	if (exit === 132) add('illegal-instruction');
	if (exit === 139) add('segfault');
	if (text.includes('Unsupported system page size')) add('page-size');
	// Only Docker Desktop's issue templates (for-mac, for-win) ask for "Docker Desktop Version:".
	if (/^\W*Docker Desktop Version\s*:/i.test(text)) facts.setEngine('productHint', fact('docker-desktop', source()));
	if (/exec \S+: no such file or directory/.test(text)) add('crlf-entrypoint');
	if (/permission denied while trying to connect to the docker (?:daemon socket|API)|connect EACCES \S*docker\.sock/i.test(text)) {
		add('permission-denied');
	}
	if (/Cannot connect to the Docker daemon\b|Is the docker daemon running\?|connect ENOENT \S*docker\.sock/i.test(text) || windowsEngineDown(text)) add('daemon-unreachable');
	// Only Windows' docker CLI talks to its engine through a named pipe (//./pipe/docker_engine, dockerDesktopLinuxEngine).
	if (WINDOWS_PIPE.test(text)) facts.setHost('osKind', fact('windows', source()));

	readExitLine(line, facts);
	readChosenImage(line, facts);
}

/**
 * A foreign program dying under its emulator: QEMU's "uncaught target signal" or "Could not open"
 * its loader (qemu-x86_64 names the emulated arch), and Rosetta for Linux's "rosetta error:", which
 * only exists in 64-bit ARM VMs on Apple Silicon and only translates x86-64.
 */
function emulatorFailure(text: string): Partial<Signal> | undefined {
	if (/\brosetta error:/i.test(text)) return {emulator: 'rosetta', imagePlatform: 'linux/amd64', hostPlatform: 'linux/arm64'};
	const qemu = /\b(qemu(?:-[\w]+?)?)(?:-static)?: (?:uncaught target signal|Could not open)/.exec(text);
	if (!qemu) return undefined;
	const arch = archFromName(qemu[1]!);
	return {emulator: 'qemu', ...(arch === undefined ? {} : {imagePlatform: `linux/${arch}`})};
}

const WINDOWS_PIPE = /\/\/\.\/pipe\/docker\w*|%2F%2F\.%2Fpipe%2Fdocker/i;

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

const MANIFEST = /no matching manifest for ([^\s,;]+?)\.? in the manifest list/;
const MISMATCH = /platform \(([^)\s]+)\) does not match the detected host platform \(([^)\s]+)\)/;
const PODMAN_SLASHED = /platform \(([^)\s{}]+)\) does not match the expected platform \(([^)\s{}]+)\)/;
const PODMAN_MISMATCH = /image platform \(\{(\w+)\s+(\w+)\s+(?:[\w.]+\s+)?\[[^\]]*\]\s*(\w*)\}\) does not match the expected platform \(\{(\w+)\s+(\w+)\s+(?:[\w.]+\s+)?\[[^\]]*\]\s*(\w*)\}\)/;

/** `{arm linux [] v7}`: Go prints OCI's Architecture, OS, (OSVersion,) OSFeatures, Variant. */
function podmanPlatform(match: RegExpExecArray, at: number): string {
	const [arch, os, variant] = [match[at], match[at + 1], match[at + 2]];
	return `${os}/${arch}${variant ? `/${variant}` : ''}`;
}

/**
 * The pattern on this line, or across the previous one and this one when a terminal or an issue
 * form wrapped it (at a space, or in the middle of a word): only a match that ends on this line
 * counts, so a message on one line is read once.
 */
function spanning(pattern: RegExp, word: string, line: PasteLine, previous: PasteLine | undefined): RegExpExecArray | undefined {
	const here = line.text.includes(word);
	const own = here ? pattern.exec(line.text) : null;
	if (own) return own;
	// A wrapped message holds its key word on one of its two lines, whole or cut (`does not ma` / `tch the`).
	if (!previous || !/platform|manifest/.test(previous.text) || pattern.test(previous.text)) return undefined;
	const head = previous.text.replace(/\s+$/, '');
	const tail = line.text.trim();
	for (const joined of [`${head} ${tail}`, `${head}${tail}`]) {
		const match = pattern.exec(joined);
		if (match && match.index < head.length && match.index + match[0].length > head.length + 1) return match;
	}
	return undefined;
}

/** `chatmock-1 exited with code 132` (compose), `Exited (139) 2 minutes ago` (docker ps). */
function exitCode(text: string): number | undefined {
	const match = /exited with code (\d{1,3})\b|Exited \((\d{1,3})\)/i.exec(text);
	const code = match?.[1] ?? match?.[2];
	return code === undefined ? undefined : Number(code);
}

function readExitLine(line: PasteLine, facts: FactsBuilder): void {
	const compose = /^\s*(?:\S+\s+\|\s+)?([\w.-]+)\s+exited with code (\d{1,3})\b/.exec(line.text);
	if (!compose) return;
	facts.addContainer({
		id: '',
		name: compose[1]!,
		image: '',
		state: 'exited',
		exitCode: Number(compose[2]),
		logTail: [],
		source: pasteAt(line.no, line.text),
	});
}

const IMAGE_REF = /^(?:[\w.-]+(?::\d+)?\/)*[\w.-]*chatmock[\w.-]*(?::[\w.-]+)?(?:@sha256:[0-9a-f]{64})?$/i;

/** The ChatMock image a user runs: compose `image:`, `CHATMOCK_IMAGE=`, `docker pull|run … <ref>`. */
function readChosenImage(line: PasteLine, facts: FactsBuilder): void {
	const text = line.text;
	if (!/chatmock/i.test(text)) return;
	const cite = () => pasteAt(line.no, text);
	const fallback = /\$\{CHATMOCK_IMAGE:-([^}\s]+)\}/.exec(text);
	if (fallback && IMAGE_REF.test(fallback[1]!)) return facts.setChosenImage(fallback[1]!, cite());
	const env = /\bCHATMOCK_IMAGE\s*[=:]\s*["']?([^\s"'$]+)/.exec(text);
	if (env && IMAGE_REF.test(env[1]!)) return facts.setChosenImage(env[1]!, cite());
	const compose = /^\s*-?\s*image:\s*["']?([^\s"']+)/.exec(text);
	if (compose && IMAGE_REF.test(compose[1]!)) return facts.setChosenImage(compose[1]!, cite());
	const cli = /\b(?:docker|podman)\s+(?:image\s+)?(?:pull|run|create)\s+(.*)$/.exec(text);
	if (!cli) return;
	const tokens = cli[1]!.split(/\s+/);
	for (const [index, token] of tokens.entries()) {
		const previous = tokens[index - 1] ?? '';
		// `--name chatmock` names the container; the image is another token.
		if (/^--?(?:name|hostname|network|volume|v|e|env|label|l|p|publish|w|workdir|mount|platform)$/.test(previous)) continue;
		const ref = token.replace(/^["']|["']$/g, '');
		if (!ref.startsWith('-') && IMAGE_REF.test(ref)) return facts.setChosenImage(ref, cite());
	}
}
