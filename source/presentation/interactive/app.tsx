import {Box, Text, useApp, useInput, useStdin} from 'ink';
import {useCallback, useEffect, useMemo, useReducer, useRef, useState} from 'react';
import type {Diagnosis, Finding} from '../../diagnosis/types.js';
import type {ComposeFs} from '../../fix/compose.js';
import {hasContainerOps} from '../../facts/engine/container-ops.js';
import {tryCheck} from '../../facts/try-check.js';
import type {BuildReportFn, CheckResult, Checked, CollectBase, CollectFactsFn, DiagnoseFn} from '../../fix/fix-deps.js';
import {planFixes, type ComposeStrategyFactory, type FixOutcome} from '../../fix/fix-flow.js';
import type {ProbeHttp} from '../../fix/recreate/prove.js';
import type {Clock} from '../../fix/throttle.js';
import type {Report} from '../report-model.js';
import {initialChecklist, reduceChecklist, settleChecklist, type ChecklistRow} from './checklist-state.js';
import {Checklist} from './checklist-view.js';
import {Footer, Mark} from './components.js';
import type {CopyText} from './copy-outcome.js';
import {FindingScreen} from './finding-screen.js';
import {rankFindings} from './findings-order.js';
import {FixScreen} from './fix-screen.js';
import {HelpScreen} from './help-screen.js';
import {CHECKING_KEYS} from './keys.js';
import {currentRoute, initialNavigation, reduceNavigation} from './navigation-state.js';
import {RecheckScreen} from './recheck-screen.js';
import {ReportPreviewScreen} from './report-preview-screen.js';
import {useSafeText, useTheme} from './theme-context.js';
import {useCheck, type RunCheck} from './use-check.js';
import {useTerminalSize} from './use-terminal-size.js';
import type {ShareText} from './use-share-text.js';
import {VerdictScreen} from './verdict-screen.js';
import {engineCli} from '../../diagnosis/findings/engine-cli.js';

export interface AppProps {
	readonly collect: CollectBase;
	readonly version: string;
	readonly collectFacts: CollectFactsFn;
	readonly diagnose: DiagnoseFn;
	readonly buildReport: BuildReportFn;
	readonly copy?: CopyText;
	/** The final, redacted Markdown of a report for `p`; without it the preview says it is not redacted. */
	readonly shareText?: ShareText;
	readonly composeFs?: ComposeFs;
	/** The fix's /health probe and compose recreate, injected by the CLI. */
	readonly probeHttp?: ProbeHttp;
	readonly composeStrategy?: ComposeStrategyFactory;
	readonly clock?: Clock;
	/**
	 * Where q leaves to when these screens are one engine of several: called (instead of exiting)
	 * with the report last shown, so the fleet's row shows the engine as the user left it.
	 */
	readonly onLeave?: (report?: Report) => void;
}

type Phase =
	{readonly kind: 'checking'} | {readonly kind: 'ready'; readonly checked: Checked; readonly report: Report; readonly ranked: readonly Finding[]} | {readonly kind: 'failed'; readonly message: string};

/** Exit code of a phase: 130 when the first check never finished, 1 while an error finding remains. */
export function exitCodeOf(phase: Phase): number {
	if (phase.kind === 'checking') return 130;
	if (phase.kind === 'failed') return 1;
	return phase.report.summary.errors > 0 ? 1 : 0;
}

/**
 * The root: runs the first check, owns navigation, and is the only place that exits. Children
 * report what happened through callbacks; nothing below calls exit().
 */
export function App({collect, version, collectFacts, diagnose, buildReport, copy, shareText, composeFs, probeHttp, composeStrategy, clock, onLeave}: AppProps) {
	const {exit} = useApp();
	const {isRawModeSupported} = useStdin();
	const theme = useTheme();
	const safe = useSafeText();
	const {columns, rows: terminalRows} = useTerminalSize();
	const [phase, setPhase] = useState<Phase>({kind: 'checking'});
	const [nav, dispatch] = useReducer(reduceNavigation, initialNavigation(0));

	const runCheck: RunCheck = useCallback(({signal, onStep}) => tryCheck(collectFacts, diagnose, collect, {signal, onStep}), [collectFacts, diagnose, collect]);
	const settle = useCallback(
		(result: CheckResult) => {
			if (!result.ok) {
				setPhase({kind: 'failed', message: result.message});
				return;
			}
			let report: Report;
			try {
				report = buildReport(result.checked.facts, result.checked.diagnosis, version);
			} catch (error) {
				setPhase({kind: 'failed', message: error instanceof Error ? error.message : String(error)});
				return;
			}
			const ranked = rankFindings(report.findings);
			setPhase({kind: 'ready', checked: result.checked, report, ranked});
			dispatch({type: 'reset', count: ranked.length});
		},
		[buildReport, version],
	);
	const {rows} = useCheck(runCheck, settle);
	/** The checklists of the checks made since the first (a fix's, or `r`): the screen follows the newest. */
	const [rechecks, setRechecks] = useState<readonly (readonly ChecklistRow[])[]>([]);
	const onChecked = useCallback(
		(checked: Checked, checklist: readonly ChecklistRow[]) => {
			setRechecks(previous => [...previous, checklist]);
			settle({ok: true, checked});
		},
		[settle],
	);

	const phaseRef = useRef(phase);
	phaseRef.current = phase;
	const leaveRef = useRef(onLeave);
	leaveRef.current = onLeave;
	const leave = useCallback(() => {
		const current = phaseRef.current;
		if (leaveRef.current) leaveRef.current(current.kind === 'ready' ? current.report : undefined);
		else exit(exitCodeOf(current));
	}, [exit]);
	useEffect(() => {
		if (nav.quit) leave();
	}, [nav.quit, leave]);
	const leaveLabel = onLeave ? 'all engines' : 'quit';

	useInput(
		(input, key) => {
			if (key.ctrl && input === 'c') {
				exit(130);
				return;
			}
			if (phase.kind !== 'ready') {
				if (input === 'q' || key.escape) leave();
				return;
			}
			if (input === '?') dispatch({type: 'help'});
			else if (nav.help && (input === 'q' || key.escape)) dispatch({type: 'help', open: false});
		},
		{isActive: isRawModeSupported},
	);

	// One engine of several: the title names it, so the user knows which one the fix will act on.
	const title =
		onLeave && collect.dockerContext !== undefined
			? `chatmock-doctor ${version} ${theme.glyphs.dash} checking the engine of context ${collect.dockerContext}`
			: `chatmock-doctor ${version} ${theme.glyphs.dash} checking this machine and its Docker engine`;
	return (
		<Box flexDirection="column">
			<Checklist title={title} rows={rows} rechecks={rechecks} />
			{phase.kind === 'checking' ? <Footer hints={CHECKING_KEYS} /> : null}
			{phase.kind === 'failed' ? (
				<Box flexDirection="column" marginTop={1}>
					<Text wrap="wrap">
						<Mark symbol={theme.glyphs.error} tone="error" /> {safe(`The check failed: ${phase.message}`)}
					</Text>
					<Footer hints={[{keys: 'q', label: leaveLabel}]} />
				</Box>
			) : null}
			{phase.kind === 'ready' ? (
				<>
					{nav.help ? <HelpScreen /> : null}
					{/* Hidden, not unmounted, while help shows: a running fix keeps running. */}
					<Box display={nav.help ? 'none' : 'flex'} flexDirection="column">
						<Screens
							phase={phase}
							nav={nav}
							dispatch={dispatch}
							columns={columns}
							rows={terminalRows}
							runCheck={runCheck}
							copy={copy}
							shareText={shareText}
							composeFs={composeFs}
							fixEffects={{...(probeHttp ? {probeHttp} : {}), ...(composeStrategy ? {composeStrategy} : {})}}
							cwd={collect.cwd}
							clock={clock}
							onChecked={onChecked}
							leaveLabel={leaveLabel}
						/>
					</Box>
				</>
			) : null}
		</Box>
	);
}

interface ScreensProps {
	readonly phase: Extract<Phase, {kind: 'ready'}>;
	readonly nav: ReturnType<typeof initialNavigation>;
	readonly dispatch: (action: Parameters<typeof reduceNavigation>[1]) => void;
	readonly columns: number;
	readonly rows: number;
	readonly runCheck: RunCheck;
	readonly copy: CopyText | undefined;
	readonly shareText: ShareText | undefined;
	/** Injected by the CLI; without it the fix leaves compose files alone. */
	readonly composeFs: ComposeFs | undefined;
	readonly fixEffects: {readonly probeHttp?: ProbeHttp; readonly composeStrategy?: ComposeStrategyFactory};
	readonly cwd: string | undefined;
	readonly clock: Clock | undefined;
	/** A newer check, with the checklist it drew: the verdict and the checklist above it follow it. */
	readonly onChecked: (checked: Checked, checklist: readonly ChecklistRow[]) => void;
	/** What q on the verdict does: quit, or back to all engines. */
	readonly leaveLabel: string;
}

/** A re-check with its checklist rows, gathered from its step events (the fix's re-check draws none of its own). */
async function checkWithRows(runCheck: RunCheck, signal: AbortSignal): Promise<{checked: Checked; rows: readonly ChecklistRow[]} | undefined> {
	let rows = initialChecklist();
	const result = await runCheck({signal, onStep: event => (rows = reduceChecklist(rows, event))});
	return result.ok ? {checked: result.checked, rows: settleChecklist(rows)} : undefined;
}

function Screens({phase, nav, dispatch, columns, rows, runCheck, copy, shareText, composeFs, fixEffects, cwd, clock, onChecked, leaveLabel}: ScreensProps) {
	const route = currentRoute(nav);
	const isActive = !nav.help;
	const {checked, report, ranked} = phase;
	const engine = checked.engine;
	const finding = route.screen === 'finding' || route.screen === 'fix' ? ranked[route.index] : undefined;
	const plan = useMemo(() => planFixes(finding ? [finding] : []), [finding]);
	/**
	 * The fix flow speaks diagnoses (its re-check answers one, its outcome names it as `after`);
	 * the screens need the whole check it came from. Looked up by identity when the fix reports
	 * its outcome through onFinished; the check it names is applied when the user leaves.
	 */
	const checks = useMemo(() => new WeakMap<Diagnosis, {checked: Checked; rows: readonly ChecklistRow[]}>(), []);
	const [fixChecked, setFixChecked] = useState<{checked: Checked; rows: readonly ChecklistRow[]} | undefined>(undefined);

	switch (route.screen) {
		case 'verdict':
			return (
				<VerdictScreen verdict={report.verdict} findings={ranked} selected={nav.selected} skipped={nav.skipped} columns={columns} isActive={isActive} dispatch={dispatch} leaveLabel={leaveLabel} />
			);
		case 'finding':
			return finding ? (
				<FindingScreen key={route.index} finding={finding} isActive={isActive} dispatch={dispatch} canRun={engine !== undefined && hasContainerOps(engine)} {...(copy ? {copy} : {})} />
			) : null;
		case 'fix': {
			if (!finding || !engine || !hasContainerOps(engine)) return null;
			const recheck = async (signal?: AbortSignal) => {
				const result = await checkWithRows(runCheck, signal ?? new AbortController().signal);
				if (!result) return undefined;
				checks.set(result.checked.diagnosis, result);
				return result.checked.diagnosis;
			};
			return (
				<FixScreen
					finding={finding}
					plan={plan}
					setup={{
						engine,
						nativePlatforms: report.verdict.nativePlatforms,
						before: report.findings,
						recheck,
						...(composeFs ? {composeFs} : {}),
						...(checked.facts.endpoint?.context === undefined ? {} : {engineContext: checked.facts.endpoint.context}),
						cli: engineCli(checked.facts.endpoint),
						...fixEffects,
						...(clock ? {clock} : {}),
						...(cwd === undefined ? {} : {cwd}),
					}}
					columns={columns}
					isActive={isActive}
					onFinished={(outcome: FixOutcome) => setFixChecked(outcome.after === undefined ? undefined : checks.get(outcome.after))}
					onBack={() => {
						setFixChecked(undefined);
						if (fixChecked) onChecked(fixChecked.checked, fixChecked.rows);
						else dispatch({type: 'back'});
					}}
					{...(clock ? {clock} : {})}
				/>
			);
		}
		case 'share':
			return <ReportPreviewScreen report={report} columns={columns} rows={rows} isActive={isActive} dispatch={dispatch} {...(shareText ? {shareText} : {})} {...(copy ? {copy} : {})} />;
		case 'recheck':
			return (
				<RecheckScreen
					before={report.findings}
					run={runCheck}
					isActive={isActive}
					onBack={(latest, checklist) => {
						if (latest) onChecked(latest, checklist);
						else dispatch({type: 'back'});
					}}
				/>
			);
	}
}
