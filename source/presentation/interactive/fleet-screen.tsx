import {Box, Text, useApp, useInput, useStdin} from 'ink';
import {useCallback, useEffect, useReducer, type ReactNode} from 'react';
import type {FleetMember} from '../../fleet/collect-fleet.js';
import {worstFinding} from '../../fleet/fleet-report.js';
import type {Report} from '../report-model.js';
import {Footer, Mark, Spinner} from './components.js';
import {fleetExitCode, initialFleet, reduceFleet, type EngineVerdict, type FleetRow} from './fleet-state.js';
import {fit} from './terminal.js';
import {useSafeText, useTheme} from './theme-context.js';
import {severityMark, type Theme} from './theme.js';
import {useTerminalSize} from './use-terminal-size.js';

export interface FleetScreenProps {
	readonly contexts: readonly string[];
	/** Checks every engine; reports each as it ends. Aborted when the screen goes. */
	readonly check: (onMember: (member: FleetMember) => void, signal: AbortSignal) => Promise<unknown>;
	readonly reportOf: (member: FleetMember) => Report;
	/**
	 * The opened engine's own screens (the usual doctor, for that context). They call `leave` where
	 * the single-engine doctor would quit, with the report they last showed (undefined when their
	 * check never ended): the list comes back with that engine's row as they left it.
	 */
	readonly renderEngine: (context: string, leave: (report?: Report) => void) => ReactNode;
}

/**
 * Every engine at once: a row each (context, endpoint, verdict, worst finding), filled in as
 * each check ends, so a dead Pi shows as pending while the others are already readable.
 * Enter hands the terminal to that engine's usual screens, where the guided fix acts on it;
 * q there comes back here, the row showing what those screens found last.
 */
export function FleetScreen({contexts, check, reportOf, renderEngine}: FleetScreenProps) {
	const {exit} = useApp();
	const {isRawModeSupported} = useStdin();
	const theme = useTheme();
	const safe = useSafeText();
	const {columns} = useTerminalSize();
	const [state, dispatch] = useReducer(reduceFleet, contexts, initialFleet);

	useEffect(() => {
		const controller = new AbortController();
		void check(member => {
			dispatch({
				type: 'finished',
				row: {context: member.target.name, endpoint: member.facts.endpoint?.host ?? '', remote: member.remote, ...verdictOf(reportOf(member))},
			});
		}, controller.signal).catch(() => undefined);
		return () => controller.abort();
	}, [check, reportOf]);

	useInput(
		(input, key) => {
			if (key.ctrl && input === 'c') exit(130);
			else if (key.upArrow || input === 'k') dispatch({type: 'move', delta: -1});
			else if (key.downArrow || input === 'j') dispatch({type: 'move', delta: 1});
			else if (key.return) dispatch({type: 'open'});
			else if (input === 'q' || key.escape) exit(fleetExitCode(state));
		},
		{isActive: isRawModeSupported && state.opened === undefined},
	);

	const leave = useCallback((report?: Report) => dispatch(report ? {type: 'closed', verdict: verdictOf(report)} : {type: 'closed'}), []);
	if (state.opened !== undefined) return <>{renderEngine(state.opened, leave)}</>;
	const nameWidth = Math.min(24, Math.max(7, ...contexts.map(c => c.length)));
	return (
		<Box flexDirection="column">
			<Text bold>{safe(`chatmock-doctor ${theme.glyphs.dash} ${contexts.length} Docker engines`)}</Text>
			<Box flexDirection="column" marginTop={1}>
				{state.rows.map((row, index) => (
					<Text key={row.context} wrap="truncate-end">
						{index === state.cursor ? theme.glyphs.pointer : ' '} <RowMark row={row} theme={theme} /> {fit(safe(row.context), nameWidth, theme.ascii).padEnd(nameWidth)}{' '}
						{row.done ? rowText(row, safe, Math.max(20, columns - nameWidth - 6), theme.ascii) : `checking${theme.ascii ? '...' : '…'}`}
					</Text>
				))}
			</Box>
			<Footer
				hints={[
					{keys: `${theme.glyphs.arrowUp}${theme.glyphs.arrowDown} j/k`, label: 'select'},
					{keys: 'Enter', label: 'open this engine (check, findings, fix)'},
					{keys: 'q', label: 'quit'},
				]}
			/>
		</Box>
	);
}

function verdictOf(report: Report): EngineVerdict {
	const worst = worstFinding(report);
	return {platform: report.verdict.platform, errors: report.summary.errors, ...(worst ? {worst: {id: worst.id, severity: worst.severity}} : {})};
}

function RowMark({row, theme}: {readonly row: FleetRow; readonly theme: Theme}) {
	if (!row.done) return <Spinner />;
	if (row.worst === undefined) return <Mark symbol={theme.glyphs.ok} tone="success" />;
	const mark = severityMark(theme, row.worst.severity);
	return <Mark symbol={mark.symbol} tone={mark.tone} />;
}

function rowText(row: FleetRow, safe: (text: string) => string, width: number, ascii: boolean): string {
	const verdict = row.platform ? `use ${row.platform}` : 'no platform known';
	const worst = row.worst ? `${row.worst.severity}: ${row.worst.id}` : 'no problems';
	return fit(safe(`${verdict.padEnd(22)} ${worst.padEnd(30)} ${row.endpoint ?? ''}${row.remote ? ' (remote)' : ''}`), width, ascii);
}
