import {diagnose} from '../diagnosis/diagnose.js';
import {collectFacts} from '../facts/collect.js';
import type {Facts} from '../facts/types.js';
import type {Host} from '../facts/seam/host.js';
import {buildReport, type Report} from '../presentation/report-model.js';
import {renderJson} from '../presentation/render/json.js';
import {renderPlain} from '../presentation/render/plain.js';
import {VERSION} from '../version.js';
import {HELP, parseCli, UsageError, type CliOptions} from './args.js';
import {InputError, readInputFile, readStdin, writeOutputFile} from './io.js';
import {outputMode, type OutputMode} from './mode.js';
import {decideManners} from '../presentation/interactive/terminal.js';
import {createRedactor, type Redactor} from '../report/redact.js';
import {redactReport} from '../report/redact-report.js';
import {foreignHostnames, NO_REDACT_WARNING, redactionContextOf, reportHostnames} from '../report/redaction-context.js';
import {liveRedactionContext} from '../report/redaction-context-node.js';
import {createHostFor} from './host-for.js';
import type {RunInteractiveOptions} from '../presentation/interactive/run-interactive.js';
import {newerNodeLine, screensRunOn} from '../compat/newer-node.js';
import {neutralizeLine} from '../text/sanitize.js';

export interface CliIo {
	readonly argv: readonly string[];
	readonly env: Readonly<Record<string, string | undefined>>;
	readonly stdin: NodeJS.ReadStream;
	readonly stdout: NodeJS.WriteStream;
	readonly stderr: NodeJS.WriteStream;
	readonly platform: string;
	readonly cwd: string;
	/** Aborted on Ctrl+C / SIGTERM: every probe and engine call stops. */
	readonly signal: AbortSignal;
	/** The Node running the doctor (process.version when absent); tests pass an old one. */
	readonly nodeVersion?: string;
}

/** Messages on stderr echo what the user typed (an option, a path) or what a file said: one line, neutralised. */
const say = (io: CliIo, message: string) => io.stderr.write(`chatmock-doctor: ${neutralizeLine(message, 2000)}\n`);

/** Raised when Ctrl+C or SIGTERM ended the run: nothing half-collected may be reported as if it were the answer. */
export class Interrupted extends Error {}

/** The whole CLI as a function: parse, collect, diagnose, render. Returns the exit code; never throws. */
export async function runCli(io: CliIo): Promise<number> {
	let options: CliOptions;
	try {
		options = parseCli(io.argv, io.env);
	} catch (error) {
		if (error instanceof UsageError) {
			say(io, error.message);
			io.stderr.write('Run chatmock-doctor --help for usage.\n');
			return 2;
		}
		throw error;
	}
	if (options.help) {
		io.stdout.write(`${HELP}\n`);
		return 0;
	}
	if (options.version) {
		io.stdout.write(`${VERSION}\n`);
		return 0;
	}
	try {
		return await runCommand(options, io);
	} catch (error) {
		if (io.signal.aborted || error instanceof Interrupted) return interrupted(io);
		if (error instanceof InputError || error instanceof UsageError) {
			say(io, error.message);
			return 2;
		}
		const message = (error as Error)?.message ?? String(error);
		if (options.from !== undefined) {
			// A snapshot is foreign data: whatever in it broke the replay, the snapshot is what is wrong.
			say(io, `${options.from}: This snapshot is damaged: replaying it failed (${message.slice(0, 200)}). Make a new one with \`chatmock-doctor snapshot -o FILE\`.`);
			return 2;
		}
		say(io, `unexpected failure: ${message}`);
		io.stderr.write('Please report it with the output of: chatmock-doctor --json\n');
		return 2;
	}
}

function interrupted(io: CliIo): number {
	io.stderr.write('chatmock-doctor: interrupted; nothing was reported.\n');
	return 130;
}

/** Throws Interrupted once the run was aborted: called between collecting and reporting. */
function stopIfInterrupted(io: CliIo): void {
	if (io.signal.aborted) throw new Interrupted('interrupted');
}

async function runCommand(options: CliOptions, io: CliIo): Promise<number> {
	let mode = outputMode(options, {stdinIsTTY: Boolean(io.stdin.isTTY), stdoutIsTTY: Boolean(io.stdout.isTTY), env: io.env});
	// The screens need Node 20 (Ink 6): an older Node shows the plain report and says what a newer one adds.
	const screensMissing = mode === 'interactive' && !screensRunOn(io.nodeVersion ?? process.version);
	if (screensMissing) mode = 'plain';
	const manners = decideManners({env: io.env, platform: io.platform, noColorFlag: !options.color, asciiFlag: options.ascii});
	const {ascii} = manners;
	// Colour only on a terminal (a pipe or a file gets plain text), unless FORCE_COLOR asks for it.
	const forced = io.env['FORCE_COLOR'] !== undefined && io.env['FORCE_COLOR'] !== '0' && io.env['FORCE_COLOR'] !== 'false';
	options = {...options, color: manners.color && (Boolean(io.stdout.isTTY) || forced)};
	if (options.command === 'triage') {
		if (options.file === undefined && io.stdin.isTTY) io.stderr.write('Paste the text, then press Ctrl+D on a line of its own.\n');
		const text = options.file === undefined || options.file === '-' ? await readStdin(io.stdin, undefined, io.signal) : await readInputFile(options.file);
		stopIfInterrupted(io);
		const {triageText} = await import('../facts/triage/triage-text.js');
		return emit(triageText(text), mode, options, io, ascii);
	}
	// Ink and React are the biggest chunk to read and parse: start as soon as the screen is known to be wanted.
	const interactive = mode === 'interactive' ? import('../presentation/interactive/run-interactive.js') : undefined;
	interactive?.catch(() => undefined);
	const host = await createHostFor(options, io);
	const collect = {
		host,
		timeoutMs: options.timeoutMs,
		offline: options.offline,
		noEngine: options.noEngine,
		cwd: io.cwd,
		...(options.dockerHost === undefined ? {} : {dockerHost: options.dockerHost}),
		...(options.dockerContext === undefined ? {} : {dockerContext: options.dockerContext}),
		...(options.image === undefined ? {} : {imageRef: options.image}),
		...(options.probeHost ? {probeRemoteHost: true} : {}),
		...(options.probeImage === undefined ? {} : {probeImage: options.probeImage}),
	};
	if (options.command === 'snapshot') return writeSnapshot(options, io, collect);
	const fleet = options.allContexts || options.dockerContexts.length > 1;
	if (fleet && mode !== 'interactive') {
		const {runFleet} = await import('./run-fleet.js');
		if (!options.redact) io.stderr.write(`${NO_REDACT_WARNING}\n`);
		return runFleet({
			options,
			mode,
			collect: {...collect, signal: io.signal},
			ascii,
			// Each engine's report knows its own engine's and endpoint's names.
			redactorOf: options.redact ? report => redactorFor(host, reportHostnames(report)) : undefined,
			write: async text => {
				stopIfInterrupted(io);
				if (options.output === undefined) io.stdout.write(text);
				else {
					await writeOutputFile(options.output, text);
					io.stderr.write(`Report written to ${neutralizeLine(options.output)}\n`);
				}
			},
		});
	}
	if (mode === 'interactive') {
		const {runInteractive, runInteractiveFleet} = await (interactive ?? import('../presentation/interactive/run-interactive.js'));
		// The clipboard and Markdown load, and the redactor is made, on first use: off the path to the first frame.
		let redactor: Redactor | undefined;
		const [{nodeComposeFs}, {nodeProbeHttp}, {composeStrategyFactory}, {nodeComposeRunner}] = await Promise.all([
			import('../fix/node-compose-fs.js'),
			import('../fix/recreate/node-probe-http.js'),
			import('../fix/recreate/compose-strategy.js'),
			import('../fix/node-compose-runner.js'),
		]);
		const screens: RunInteractiveOptions = {
			composeFs: nodeComposeFs,
			probeHttp: nodeProbeHttp,
			composeStrategy: composeStrategyFactory({fs: nodeComposeFs, run: nodeComposeRunner, env: io.env}),
			collect,
			version: VERSION,
			ascii,
			color: options.color,
			collectFacts,
			diagnose,
			buildReport,
			copy: async (text: string) => {
				const [{copyText}, {createNodeClipboardDeps}] = await Promise.all([import('../report/clipboard.js'), import('../report/clipboard-node.js')]);
				return copyText(text, createNodeClipboardDeps({env: io.env, platform: io.platform, stdout: io.stdout}));
			},
			...(options.redact
				? {
						shareText: async (report: Report) => {
							redactor = redactorFor(host, reportHostnames(report));
							const {renderMarkdown} = await import('../presentation/render/markdown.js');
							return renderMarkdown(redactReport(report, redactor));
						},
					}
				: {}),
		};
		if (!fleet) return runInteractive(screens);
		const {fleetTargets, checkFleet} = await import('./run-fleet.js');
		const contexts = (await fleetTargets(options, host)).map(target => target.name);
		return runInteractiveFleet({
			...screens,
			contexts,
			checkFleet: (onMember, signal) => checkFleet(contexts, {...collect, signal}, onMember),
			reportOf: member => buildReport(member.facts, diagnose(member.facts), VERSION),
		});
	}
	if (options.fix) {
		const [{runFixNonInteractive}, {nodeComposeFs}, {nodeProbeHttp}, {composeStrategyFactory}, {nodeComposeRunner}] = await Promise.all([
			import('../fix/run-fix.js'),
			import('../fix/node-compose-fs.js'),
			import('../fix/recreate/node-probe-http.js'),
			import('../fix/recreate/compose-strategy.js'),
			import('../fix/node-compose-runner.js'),
		]);
		return runFixNonInteractive({
			collect: {...collect, signal: io.signal},
			yes: options.yes,
			collectFacts,
			diagnose,
			buildReport,
			composeFs: nodeComposeFs,
			probeHttp: nodeProbeHttp,
			// Why compose could not be used is written too: the fix then recreates through the engine.
			composeStrategy: composeStrategyFactory({fs: nodeComposeFs, run: nodeComposeRunner, env: io.env}, message =>
				io.stdout.write(`     compose: ${message}; recreating through the Docker engine instead\n`),
			),
			write: line => io.stdout.write(`${line}\n`),
		});
	}
	const {facts} = await collectFacts({...collect, signal: io.signal});
	stopIfInterrupted(io);
	const code = await emit(facts, mode, options, io, ascii, host);
	if (screensMissing) io.stdout.write(`\n${newerNodeLine(facts.host, io.nodeVersion ?? process.version)}\n`);
	return code;
}

type Collect = Parameters<typeof collectFacts>[0];

/** `snapshot`: every raw fact read, recorded through the seam, redacted unless --no-redact. */
async function writeSnapshot(options: CliOptions, io: CliIo, collect: Collect): Promise<number> {
	const [{createRecordingHost}, {serializeSnapshot}] = await Promise.all([import('../facts/seam/recording-host.js'), import('../snapshot/write-snapshot.js')]);
	const recording = createRecordingHost(collect.host, {version: VERSION});
	const {facts} = await collectFacts({...collect, host: recording.host, signal: io.signal});
	stopIfInterrupted(io);
	let snapshot = recording.snapshot();
	if (options.redact) {
		const {redactSnapshot} = await import('../report/redact-snapshot.js');
		const endpoints = [facts.endpoint?.host, ...snapshot.engine.connections.map(c => c.endpoint.host)];
		snapshot = redactSnapshot(snapshot, redactorFor(collect.host, foreignHostnames({engineName: facts.engine?.name?.value, endpoints})));
	} else {
		io.stderr.write(`${NO_REDACT_WARNING}\n`);
	}
	const text = serializeSnapshot(snapshot);
	if (options.output === undefined) io.stdout.write(text);
	else {
		await writeOutputFile(options.output, text);
		io.stderr.write(`Snapshot written to ${neutralizeLine(options.output)}\n`);
	}
	return 0;
}

/** Redaction knows this machine's names and the other machines' the facts name; a replayed snapshot was redacted when it was written. */
function redactorFor(host: Host | undefined, otherHostnames: readonly string[] = []): Redactor {
	const context = host === undefined ? {} : host.kind === 'live' ? liveRedactionContext(host) : redactionContextOf(host);
	return createRedactor({...context, otherHostnames});
}

async function emit(facts: Facts, mode: OutputMode, options: CliOptions, io: CliIo, ascii: boolean, host?: Host): Promise<number> {
	const diagnosis = diagnose(facts);
	let report = buildReport(facts, diagnosis, VERSION);
	if (options.redact) {
		report = redactReport(report, redactorFor(host, reportHostnames(report)));
	} else if (mode !== 'interactive') {
		io.stderr.write(`${NO_REDACT_WARNING}\n`);
	}
	const text = await render(report, mode, options, ascii);
	if (options.output !== undefined) {
		await writeOutputFile(options.output, text);
		io.stderr.write(`Report written to ${neutralizeLine(options.output)}\n`);
	} else {
		io.stdout.write(text);
	}
	return diagnosis.findings.some(f => f.severity === 'error') ? 1 : 0;
}

async function render(report: Report, mode: OutputMode, options: CliOptions, ascii: boolean): Promise<string> {
	if (mode === 'json') return renderJson(report);
	if (mode === 'markdown') {
		const {renderMarkdown} = await import('../presentation/render/markdown.js');
		return renderMarkdown(report);
	}
	return renderPlain(report, {color: options.color, ascii});
}
