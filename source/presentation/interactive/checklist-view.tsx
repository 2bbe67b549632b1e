import {Box, Static, Text} from 'ink';
import {useTerminalSize} from './use-terminal-size.js';
import {Mark, Spinner} from './components.js';
import {STEP_LABELS, finishedPrefix, type ChecklistRow} from './checklist-state.js';
import {useSafeText, useTheme} from './theme-context.js';
import {stepMark} from './theme.js';

export function ChecklistRowView({row}: {readonly row: ChecklistRow}) {
	const theme = useTheme();
	const safe = useSafeText();
	const mark = row.status === 'running' ? undefined : stepMark(theme, row.status);
	return (
		<Box>
			<Box flexShrink={0} marginRight={1}>
				{mark ? <Mark {...mark} /> : <Spinner />}
			</Box>
			<Text wrap="wrap">
				<Text bold={row.status === 'error'}>{STEP_LABELS[row.step]}</Text>
				{row.summary ? <Text color={theme.palette.muted}> {safe(row.summary)}</Text> : null}
			</Text>
		</Box>
	);
}

type StaticItem = {readonly key: string; readonly title: string} | {readonly key: string; readonly row: ChecklistRow};

export interface ChecklistProps {
	readonly title: string;
	/** The first check's rows, live until each finishes. */
	readonly rows: readonly ChecklistRow[];
	/** The finished checklists of later checks, oldest first; each is written below the last under `againTitle`. */
	readonly rechecks?: readonly (readonly ChecklistRow[])[];
	readonly againTitle?: string;
}

/**
 * The checklist: the title and the finished rows at the top go to <Static> (written once, never
 * redrawn); the rest stays live until it finishes. Rows keep their order. <Static> only ever
 * adds: a later check's checklist is written below the first (the screen under it follows the
 * newest), never over it.
 */
export function Checklist({title, rows, rechecks = [], againTitle = 'Checked again'}: ChecklistProps) {
	const done = finishedPrefix(rows);
	const items: StaticItem[] = [
		{key: 'title', title},
		...rows.slice(0, done).map(row => ({key: row.step, row})),
		...(done === rows.length ? rechecks.flatMap((again, index) => [{key: `again:${index}`, title: againTitle}, ...again.map(row => ({key: `again:${index}:${row.step}`, row}))]) : []),
	];
	const live = rows.slice(done);
	// <Static> is laid out apart from the screen's box: without a width its rows overflow narrow terminals.
	const {columns} = useTerminalSize();
	return (
		<>
			<Static items={items}>
				{item => (
					<Box key={item.key} width={columns} marginTop={'title' in item && item.key !== 'title' ? 1 : 0}>
						{'title' in item ? <Text bold>{item.title}</Text> : <ChecklistRowView row={item.row} />}
					</Box>
				)}
			</Static>
			{live.length > 0 ? (
				<Box flexDirection="column">
					{live.map(row => (
						<ChecklistRowView key={row.step} row={row} />
					))}
				</Box>
			) : null}
		</>
	);
}

/** A checklist drawn entirely live (the check-again screen, which must not add to the scrollback). */
export function LiveChecklist({rows}: {readonly rows: readonly ChecklistRow[]}) {
	return (
		<Box flexDirection="column">
			{rows.map(row => (
				<ChecklistRowView key={row.step} row={row} />
			))}
		</Box>
	);
}
