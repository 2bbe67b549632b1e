import {parseArgs} from 'node:util';
import {parseReference} from '../chatmock/reference.js';

export type Command = 'doctor' | 'triage' | 'snapshot';

export interface CliOptions {
	readonly command: Command;
	/** triage: the file to read (stdin when absent). */
	readonly file?: string;
	readonly json: boolean;
	readonly report: boolean;
	readonly plain: boolean;
	readonly output?: string;
	readonly root?: string;
	/** The root came from CHATMOCK_DOCTOR_ROOT: a missing folder means "not mounted", not an error. */
	readonly rootFromEnv?: boolean;
	readonly dockerHost?: string;
	readonly dockerContext?: string;
	/** Every --context given, in order; more than one (or --all-contexts) checks each engine. */
	readonly dockerContexts: readonly string[];
	/** --all-contexts: every engine the docker CLI knows. */
	readonly allContexts: boolean;
	readonly timeoutMs: number;
	readonly offline: boolean;
	readonly noEngine: boolean;
	readonly image?: string;
	/** --probe-host: a remote engine may run a throwaway container that reads its machine (read-only). */
	readonly probeHost: boolean;
	/** --probe-image REF: the image of that container. */
	readonly probeImage?: string;
	readonly fix: boolean;
	readonly yes: boolean;
	readonly color: boolean;
	readonly ascii: boolean;
	readonly from?: string;
	readonly redact: boolean;
	readonly help: boolean;
	readonly version: boolean;
}

export class UsageError extends Error {}

const OPTIONS = {
	json: {type: 'boolean'},
	report: {type: 'boolean'},
	markdown: {type: 'boolean'},
	plain: {type: 'boolean'},
	output: {type: 'string', short: 'o'},
	root: {type: 'string'},
	host: {type: 'string', short: 'H'},
	context: {type: 'string', short: 'c', multiple: true},
	'all-contexts': {type: 'boolean'},
	timeout: {type: 'string'},
	offline: {type: 'boolean'},
	'no-engine': {type: 'boolean'},
	image: {type: 'string'},
	'probe-host': {type: 'boolean'},
	'probe-image': {type: 'string'},
	fix: {type: 'boolean'},
	yes: {type: 'boolean', short: 'y'},
	'no-color': {type: 'boolean'},
	ascii: {type: 'boolean'},
	from: {type: 'string'},
	'no-redact': {type: 'boolean'},
	help: {type: 'boolean', short: 'h'},
	version: {type: 'boolean', short: 'v'},
} as const;

/** Parses argv (without node and the script). Throws UsageError with a message a person can act on. */
export function parseCli(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): CliOptions {
	let parsed;
	try {
		parsed = parseArgs({args: [...argv], options: OPTIONS, allowPositionals: true, strict: true});
	} catch (error) {
		throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, '.'));
	}
	const {values, positionals} = parsed;
	const [first, ...rest] = positionals;
	let command: Command = 'doctor';
	if (first === 'triage' || first === 'snapshot') command = first;
	else if (first !== undefined) throw new UsageError(`Unknown command "${first}". Commands: triage [FILE], snapshot [-o FILE].`);
	if (command === 'triage' && rest.length > 1) throw new UsageError('triage takes at most one FILE (or reads standard input).');
	if (command === 'snapshot' && rest.length > 0) throw new UsageError('snapshot takes no FILE; use -o FILE.');
	if (command === 'doctor' && rest.length > 0) throw new UsageError(`Unexpected argument "${rest[0]}".`);
	let timeoutMs = 3000;
	if (values.timeout !== undefined) {
		timeoutMs = Number(values.timeout);
		if (!Number.isFinite(timeoutMs) || timeoutMs < 100 || timeoutMs > 600_000) throw new UsageError('--timeout takes milliseconds between 100 and 600000.');
	}
	if (values.json && (values.report || values.markdown)) throw new UsageError('Choose one of --json and --report.');
	const contexts = values.context ?? [];
	const allContexts = values['all-contexts'] ?? false;
	if (allContexts || contexts.length > 1) {
		if (values.host !== undefined) throw new UsageError('--host names one engine; with several contexts leave it out (DOCKER_HOST is the "default" context).');
		if (allContexts && contexts.length > 0) throw new UsageError('Choose one of --all-contexts and --context.');
		if (command !== 'doctor' || values.root !== undefined || values.from !== undefined) {
			throw new UsageError('Several engines are checked live only: not with triage, snapshot, --root or --from.');
		}
		if (values.fix) throw new UsageError('--fix works on one engine: name it with one --context (the interactive doctor fixes the engine you select).');
		if (values['no-engine']) throw new UsageError('--no-engine checks no engine: leave out --all-contexts and --context.');
	}
	if (values.root !== undefined && values.from !== undefined) throw new UsageError('Choose one of --root and --from.');
	// --root only supplies host facts (the doctor's container reads the host's / there); fixes act on the live engine.
	if (values.fix && (command !== 'doctor' || values.from !== undefined)) {
		throw new UsageError('--fix acts on the live engine; it cannot be combined with triage, snapshot or --from.');
	}
	// The fix prints its steps as it goes and asks questions; JSON of a half-done fix would mislead a script.
	if (values.fix && (values.json || values.report || values.markdown)) {
		throw new UsageError('--fix prints its steps as plain text; it cannot be combined with --json or --report. Run --fix, then --json to read the result.');
	}
	if (values.yes && !values.fix) throw new UsageError('--yes only answers the questions of --fix; add --fix, or leave --yes out.');
	// Which engine: one way only, as the docker CLI refuses "--host and --context" together.
	if (values.host !== undefined && values.context !== undefined) throw new UsageError('Choose one of --host (-H) and --context (-c).');
	if (values['probe-image'] !== undefined && !values['probe-host']) throw new UsageError('--probe-image names the image of --probe-host: add --probe-host.');
	if (values['probe-host'] && (command !== 'doctor' || values.root !== undefined || values.from !== undefined || values['no-engine'])) {
		throw new UsageError("--probe-host reads a remote engine's machine live: not with triage, snapshot, --root, --from or --no-engine.");
	}
	if (values['probe-image'] !== undefined && parseReference(values['probe-image']) === undefined) {
		throw new UsageError(`--probe-image "${values['probe-image']}" is not an image reference (like busybox:latest).`);
	}
	if (values.image !== undefined && parseReference(values.image) === undefined) {
		throw new UsageError(`--image "${values.image}" is not an image reference (like ghcr.io/thebtf/chatmock:latest).`);
	}
	return {
		command,
		file: command === 'triage' ? rest[0] : undefined,
		json: values.json ?? false,
		report: (values.report ?? false) || (values.markdown ?? false),
		plain: values.plain ?? false,
		output: values.output,
		// The doctor's container sets CHATMOCK_DOCTOR_ROOT=/host: the host's / mounted read-only there.
		root: values.root ?? (values.from === undefined ? nonEmpty(env['CHATMOCK_DOCTOR_ROOT']) : undefined),
		rootFromEnv: values.root === undefined && values.from === undefined && nonEmpty(env['CHATMOCK_DOCTOR_ROOT']) !== undefined,
		dockerHost: values.host,
		dockerContext: contexts.length === 1 ? contexts[0] : undefined,
		dockerContexts: contexts,
		allContexts,
		timeoutMs,
		offline: values.offline ?? false,
		noEngine: values['no-engine'] ?? false,
		image: values.image,
		probeHost: values['probe-host'] ?? false,
		probeImage: values['probe-image'],
		fix: values.fix ?? false,
		yes: values.yes ?? false,
		// --no-color; NO_COLOR, TERM=dumb and the locale are weighed with it in decideManners.
		color: !(values['no-color'] ?? false),
		ascii: values.ascii ?? false,
		from: values.from,
		redact: !(values['no-redact'] ?? false),
		help: values.help ?? false,
		version: values.version ?? false,
	};
}

function nonEmpty(value: string | undefined): string | undefined {
	return value === undefined || value.trim() === '' ? undefined : value;
}

export const HELP = `chatmock-doctor — which ChatMock image platform runs natively here, and fixes for "exec format error" and slow emulation.

Usage
  chatmock-doctor                 check this machine and its Docker engine (interactive in a terminal)
  chatmock-doctor triage [FILE]   diagnose pasted text (uname, cpuinfo, docker info/version, errors); stdin without FILE
  chatmock-doctor snapshot [-o FILE]   record every fact read, redacted, for replay with --from

Options
  --json               print the report as JSON (schema chatmock-doctor/report@1)
  --report             print the report as Markdown for an issue (--output FILE to write it)
  --plain              print the plain-text report even in a terminal
  --fix                apply the safe fixes without the full screen (pull, verify, re-check)
  --yes, -y            with --fix: also do what would ask first (remove the wrong image, edit compose)
  --root DIR           read host facts from a folder laid out like / (no command is run); the engine is
                       still this connection's (the report says so): add --no-engine for another machine
  --from FILE          re-run the diagnosis from a snapshot file, touching nothing local
  --image REF          the ChatMock image to check (default: CHATMOCK_IMAGE, compose, ghcr.io/thebtf/chatmock:latest)
  --host, -H URL       Docker endpoint (like docker -H); --context, -c NAME  Docker context
                       (repeat --context to check several engines at once)
  --all-contexts       check every engine the docker CLI knows (its contexts; "default" is DOCKER_HOST
                       when set), concurrently, each with its own deadline
  --probe-host         an engine on another machine (ssh://, a remote address) may run a throwaway
                       container that reads that machine's CPU, kernel and userland through a read-only
                       mount, then is removed; busybox is pulled for it when no image of the engine's
                       platform with a shell is there. Without it nothing runs on a remote engine
  --probe-image REF    with --probe-host: the image that container runs (pulled when absent)
  --timeout MS         deadline for each engine call (default 3000); over ssh:// the connection
                       (ssh login, dial-stdio) gets its own MS, at least 10 s, before it counts
  --offline            don't ask the registry; use the built-in table of published platforms
  --no-engine          don't contact a Docker engine
  --no-redact          keep hostnames, users, addresses and secrets in reports (private use only)
  --no-color, --ascii  plain output for old terminals; NO_COLOR and TERM=dumb are honoured
  --help, --version

Exit codes: 0 no error finding, 1 an error finding, 2 the doctor itself could not run, 130 interrupted (Ctrl+C).

Raspberry Pi (README: "Raspberry Pi"): a 32-bit OS on a 64-bit kernel pulls with
  --platform linux/arm/v7 (Docker asks for arm/v8); Pi Zero/1: linux/arm/v6; Pi 5 with 16K
  pages: kernel=kernel8.img. No Node: sh collect.sh (dist/ in this package), paste its output.`;
