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

/**
 * The checklist: the title and the finished rows at the top go to <Static> (written once, never
 * redrawn); the rest stays live until it finishes. Rows keep their order.
 */
export function Checklist({title, rows}: {readonly title: string; readonly rows: readonly ChecklistRow[]}) {
	const done = finishedPrefix(rows);
	const items: StaticItem[] = [{key: 'title', title}, ...rows.slice(0, done).map(row => ({key: row.step, row}))];
	const live = rows.slice(done);
	// <Static> is laid out apart from the screen's box: without a width its rows overflow narrow terminals.
	const {columns} = useTerminalSize();
	return (
		<>
			<Static items={items}>
				{item => (
					<Box key={item.key} width={columns}>
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
