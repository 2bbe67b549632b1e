import type {Finding} from '../diagnosis/types.js';
import {neutralizeLine} from '../text/sanitize.js';
import type {ComposeFs} from './compose.js';
import {checkOnce} from '../facts/try-check.js';
import type {BuildReportFn, CollectBase, CollectFactsFn, DiagnoseFn} from './fix-deps.js';
import {hasContainerOps} from '../facts/engine/container-ops.js';
import {isEmptyPlan, planFixes, runFixFlow, shortId, type ComposeStrategyFactory, type ConfirmRequest, type FixStep} from './fix-flow.js';
import type {ProbeHttp} from './recreate/prove.js';
import {servingHeadline} from './recreate/health-proof.js';
import {describeProgress, emptySnapshot, reducePull, type PullSnapshot} from './pull-progress.js';
import {errorCount} from './recheck.js';
import {systemClock, throttleLatest, type Clock} from './throttle.js';
import {engineCli} from '../diagnosis/findings/engine-cli.js';

export interface RunFixOptions {
	readonly collectFacts: CollectFactsFn;
	readonly diagnose: DiagnoseFn;
	readonly buildReport: BuildReportFn;
	/** Collect options; a signal here cancels the whole run (Ctrl+C). */
	readonly collect: CollectBase & {readonly signal?: AbortSignal};
	/** --yes: also remove the old image and write the compose file. */
	readonly yes: boolean;
	/** One plain line of output (no escape sequences, no bars). */
	readonly write: (line: string) => void;
	readonly version?: string;
	readonly composeFs?: ComposeFs;
	readonly composeStrategy?: ComposeStrategyFactory;
	/** The /health probe (injected by the CLI). */
	readonly probeHttp?: ProbeHttp;
	readonly proveDeadlineMs?: number;
	/** Cancels the run; defaults to collect.signal. */
	readonly signal?: AbortSignal;
	readonly clock?: Clock;
	/** Interval of pull progress lines, ms (default 2000). */
	readonly progressIntervalMs?: number;
}

const STATUS_LABEL: Readonly<Record<FixStep['status'], string>> = {
	running: '[..]',
	waiting: '[??]',
	done: '[ok]',
	failed: '[failed]',
	skipped: '[skipped]',
	cancelled: '[cancelled]',
};

/**
 * `--fix` without a screen: applies the fixes that are safe to apply unasked (pull, verify, check
 * again); removing an image and writing the compose file need --yes. Exit 0 only when no error
 * finding is left, 130 when cancelled.
 */
export async function runFixNonInteractive(options: RunFixOptions): Promise<number> {
	const {write} = options;
	const line = (text: string) => write(neutralizeLine(text, 2000));
	const clock = options.clock ?? systemClock;
	const signal = options.signal ?? options.collect.signal;
	const {signal: _ignored, ...collect} = options.collect;

	line('Checking this machine and its Docker engine...');
	const first = await checkOnce(options.collectFacts, options.diagnose, collect, signal ? {signal} : {});
	if (signal?.aborted) return 130;
	if (!first) {
		line('The check failed; nothing was changed.');
		return 1;
	}
	const report = options.buildReport(first.facts, first.diagnosis, options.version ?? '0.0.0');
	const {verdict} = report;
	line(verdict.platform ? `Use ${verdict.platform} - ${verdict.machine}` : `No ChatMock platform runs here - ${verdict.machine}`);

	const plan = planFixes(first.diagnosis.findings);
	const cli = engineCli(first.facts.endpoint);
	if (isEmptyPlan(plan)) {
		const errors = report.summary.errors;
		line(errors === 0 ? 'Nothing to fix.' : 'Nothing the doctor can fix by itself. What to do:');
		printManual(first.diagnosis.findings, line);
		return errors === 0 ? 0 : 1;
	}
	if (!first.engine) {
		line('No connection to a Docker engine, so nothing can be fixed from here.');
		printManual(first.diagnosis.findings, line);
		return 1;
	}
	if (!hasContainerOps(first.engine)) {
		line('This engine client can look but not change anything (a replayed snapshot); nothing was changed.');
		printManual(first.diagnosis.findings, line);
		return 1;
	}

	let snapshot: PullSnapshot = emptySnapshot;
	const progress = throttleLatest<PullSnapshot>(value => line(`     ${describeProgress(value)}`), options.progressIntervalMs ?? 2000, clock);
	const lastStatus = new Map<string, FixStep['status']>();

	const confirm = async (request: ConfirmRequest): Promise<boolean> => {
		if (request.kind === 'recreate') {
			// The waiting step already printed what will happen.
			if (options.yes) return true;
			line(`     not recreating ${request.name} without --yes`);
			return false;
		}
		if (request.kind === 'measure') {
			if (options.yes) return true;
			line(`     not measuring without --yes (it runs ${request.name}'s image for a few seconds, emulated and native)`);
			return false;
		}
		if (request.kind === 'remove') {
			if (options.yes) return true;
			line(`     not removing ${shortId(request.imageId)} without --yes (${cli.docker} image rm ${shortId(request.imageId)})`);
			return false;
		}
		line(`     ${request.edit.path}:`);
		for (const diff of request.edit.diff) line(`     ${diff.kind} ${diff.text}`);
		if (options.yes) return true;
		line('     not writing the compose file without --yes');
		return false;
	};

	const outcome = await runFixFlow(plan, {
		engine: first.engine,
		nativePlatforms: verdict.nativePlatforms,
		before: first.diagnosis.findings,
		recheck: async recheckSignal => {
			const again = await checkOnce(options.collectFacts, options.diagnose, collect, recheckSignal ? {signal: recheckSignal} : {});
			return again?.diagnosis;
		},
		...(options.composeFs ? {composeFs: options.composeFs} : {}),
		...(options.composeStrategy ? {composeStrategy: options.composeStrategy} : {}),
		...(first.facts.endpoint?.context === undefined ? {} : {engineContext: first.facts.endpoint.context}),
		cli,
		...(options.probeHttp ? {probeHttp: options.probeHttp} : {}),
		...(options.proveDeadlineMs === undefined ? {} : {proveDeadlineMs: options.proveDeadlineMs}),
		clock,
		...(collect.cwd === undefined ? {} : {cwd: collect.cwd}),
		confirm,
		onStep: step => {
			if (step.kind === 'pull' && step.status !== 'running') progress.flush();
			if (step.kind === 'pull' && step.status === 'running') snapshot = emptySnapshot;
			if (lastStatus.get(step.key) === step.status) return;
			lastStatus.set(step.key, step.status);
			line(`${STATUS_LABEL[step.status]} ${step.title}${step.detail ? `: ${step.detail}` : ''}`);
			for (const extra of step.lines ?? []) line(`     ${extra}`);
		},
		onPullProgress: (_key, event) => {
			snapshot = reducePull(snapshot, event, clock.now());
			progress(snapshot);
		},
		...(signal ? {signal} : {}),
	});
	progress.cancel();

	if (outcome.cancelled) {
		line('Cancelled. The image you had is unchanged.');
		return 130;
	}
	// Healthy only when its /health answered; up (and why not asked) otherwise. Serving either way: no error.
	for (const container of outcome.serving ?? []) line(servingHeadline(container, {named: true}));
	for (const name of outcome.rolledBack ?? []) line(`${name} could not be moved to the new image; the old container is back as it was.`);
	// Another machine's compose file was left alone: what to add there, so its next `up` keeps the platform.
	for (const todo of outcome.byHand ?? []) line(`${todo.charAt(0).toUpperCase()}${todo.slice(1)}.`);
	const findings = outcome.after?.findings ?? first.diagnosis.findings;
	const errors = errorCount(findings);
	if (!outcome.after) line('Could not check again; the findings above may be out of date.');
	// A container the fix could not move (or had to put back) fails the run even when no error finding is left.
	const failedSteps = outcome.steps.filter(step => step.status === 'failed' && (step.kind === 'recreate' || step.kind === 'prove' || step.kind === 'rollback'));
	if (errors === 0 && failedSteps.length === 0 && (outcome.rolledBack ?? []).length === 0) {
		line('No errors left.');
		return outcome.after ? 0 : 1;
	}
	if (errors === 0) {
		line('The fix did not finish:');
		for (const step of failedSteps) line(`  ${step.title}: ${step.detail ?? 'failed'}`);
		return 1;
	}
	line(`${errors} error${errors === 1 ? '' : 's'} left:`);
	printManual(
		findings.filter(finding => finding.severity === 'error'),
		line,
	);
	return 1;
}

function printManual(findings: readonly Finding[], line: (text: string) => void): void {
	for (const finding of findings) {
		if (finding.severity !== 'error') continue;
		line(`  ${finding.id}: ${finding.fix.summary}`);
		(finding.fix.steps ?? []).forEach((step, index) => line(`    ${index + 1}. ${step}`));
		for (const command of finding.fix.commands) line(`    $ ${command}`);
	}
}
