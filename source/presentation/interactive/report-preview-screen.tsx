import {Box, Text, useInput, useStdin} from 'ink';
import {useState} from 'react';
import type {Report} from '../report-model.js';
import {neutralize} from '../../text/sanitize.js';
import {Footer, Mark} from './components.js';
import {describeCopy, type CopyLine, type CopyText} from './copy-outcome.js';
import {previewKeys} from './keys.js';
import type {NavigationAction} from './navigation-state.js';
import {clampOffset, footerLines, previewText, rangeLabel, scroll, wrapCells, type ScrollAction} from './report-preview-state.js';
import {fit} from './terminal.js';
import {useSafeText, useTheme} from './theme-context.js';
import type {Theme} from './theme.js';
import {useCopy} from './use-copy.js';
import {useShareText, type ShareText} from './use-share-text.js';

export interface ReportPreviewScreenProps {
	readonly report: Report;
	/** The final, redacted Markdown; without it the plain Markdown is shown, marked NOT redacted. */
	readonly shareText?: ShareText;
	readonly copy?: CopyText;
	readonly columns: number;
	readonly rows: number;
	readonly isActive: boolean;
	readonly dispatch: (action: NavigationAction) => void;
}

/** Lines around the text: the top margin, title, notice, and the footer's margin. */
const CHROME_LINES = 4;
/** Ink redraws the whole screen when its live output is as tall as the terminal: stay one short. */
const SPARE_LINES = 1;

/**
 * The exact text `c` puts on the clipboard for a GitHub issue, scrollable within the terminal's
 * height. Each row is wrapped here, so a row is one terminal line and "lines a-b of n" is exact.
 */
export function ReportPreviewScreen({report, shareText, copy, columns, rows, isActive, dispatch}: ReportPreviewScreenProps) {
	const theme = useTheme();
	const safe = useSafeText();
	const {isRawModeSupported} = useStdin();
	const shared = useShareText(report, shareText);
	const copying = useCopy(copy);
	/** The first row wanted, or the end: a status line appearing below keeps the last row in view. */
	const [wanted, setWanted] = useState<number | 'end'>(0);
	const [isNoClipboard, setNoClipboard] = useState(false);
	const {glyphs, palette} = theme;

	const isReady = shared.kind === 'ready';
	const canCopy = isReady && copy !== undefined;
	const hints = previewKeys(glyphs, canCopy);
	const status = statusRows(statusOf(copying.state, isNoClipboard, theme), columns, safe);
	const height = Math.max(3, rows - SPARE_LINES - CHROME_LINES - status.length - footerLines(hints, columns));
	const text = previewText(isReady ? shared.text : '', Math.max(10, columns - glyphs.gutter.length - 1), theme.ascii);
	const lastOffset = clampOffset(Number.MAX_SAFE_INTEGER, text.rows.length, height);
	const offset = wanted === 'end' ? lastOffset : clampOffset(wanted, text.rows.length, height);

	const move = (action: ScrollAction) => {
		const next = scroll(offset, action, text.rows.length, height);
		setWanted(next === lastOffset && next > 0 ? 'end' : next);
	};
	useInput(
		(input, key) => {
			if (key.ctrl || (key.meta && !key.escape)) return;
			if (key.upArrow || input === 'k') move({type: 'line', delta: -1});
			else if (key.downArrow || input === 'j') move({type: 'line', delta: 1});
			else if (key.pageUp) move({type: 'page', delta: -1});
			else if (key.pageDown || input === ' ') move({type: 'page', delta: 1});
			else if (key.home || input === 'g') move({type: 'home'});
			else if (key.end || input === 'G') move({type: 'end'});
			else if (input === 'c' && shared.kind === 'ready') {
				if (copy) copying.start(neutralize(shared.text));
				else setNoClipboard(true);
			} else if (input === 'q' || key.escape || key.leftArrow) dispatch({type: 'back'});
		},
		{isActive: isRawModeSupported && isActive},
	);

	const title = isReady ? `Report preview ${glyphs.dash} ${rangeLabel(text, offset, height, theme.ascii ? '-' : '\u2013')}` : 'Report preview';
	const visible = text.rows.slice(offset, offset + height);
	return (
		<Box flexDirection="column" marginTop={1}>
			<Text bold wrap="truncate-end">
				{fit(safe(title), columns, theme.ascii)}
			</Text>
			<Notice shared={shared} columns={columns} />
			{shared.kind === 'ready'
				? visible.map((row, index) => (
						<Text key={offset + index} wrap="truncate-end">
							<Text color={palette.muted}>{glyphs.gutter}</Text> {row.text}
						</Text>
					))
				: null}
			{shared.kind === 'failed'
				? wrapCells(safe(`Could not prepare the report to share: ${shared.message}. Nothing was copied.`), columns).map((line, index) => (
						<Text key={index} color={palette.error} wrap="truncate-end">
							{line}
						</Text>
					))
				: null}
			{status.map((line, index) => (
				<Text key={`status${index}`} wrap="truncate-end">
					{index === 0 && line.mark ? (
						<>
							<Mark symbol={line.mark} tone={line.tone} />{' '}
						</>
					) : null}
					<Text color={palette[line.tone]}>{line.text}</Text>
				</Text>
			))}
			<Footer hints={hints} />
		</Box>
	);
}

/** One line: whether the text is redacted, or what is happening to it. */
function Notice({shared, columns}: {readonly shared: ReturnType<typeof useShareText>; readonly columns: number}) {
	const theme = useTheme();
	const safe = useSafeText();
	const {glyphs} = theme;
	const [symbol, tone, text] =
		shared.kind === 'preparing'
			? [glyphs.ellipsis, 'muted' as const, 'Preparing the report']
			: shared.kind === 'failed'
				? [glyphs.error, 'error' as const, 'Not ready to share']
				: shared.isRedacted
					? [glyphs.ok, 'success' as const, 'Redacted: this is what gets shared']
					: [glyphs.warning, 'warning' as const, `NOT redacted ${glyphs.dash} check before sharing`];
	return (
		<Text wrap="truncate-end">
			<Mark symbol={symbol} tone={tone} /> {fit(safe(text), columns - symbol.length - 1, theme.ascii)}
		</Text>
	);
}

interface StatusRow {
	readonly mark?: string;
	readonly tone: CopyLine['tone'];
	readonly text: string;
}

function statusOf(state: Parameters<typeof describeCopy>[0], isNoClipboard: boolean, theme: Theme): {readonly mark?: string; readonly line: CopyLine} | undefined {
	const line =
		isNoClipboard && state.kind === 'idle'
			? ({tone: 'muted', mark: 'none', text: 'No clipboard here: select the text, or run chatmock-doctor --report -o report.md'} satisfies CopyLine)
			: describeCopy(state, 'the report', theme.glyphs.dash);
	if (!line) return undefined;
	return line.mark === 'none' ? {line} : {mark: theme.glyphs[line.mark], line};
}

/** The copy status wrapped to the width, so the text above knows how many lines are left. */
function statusRows(status: ReturnType<typeof statusOf>, columns: number, safe: (text: string) => string): StatusRow[] {
	if (!status) return [];
	const indent = status.mark ? status.mark.length + 1 : 0;
	return wrapCells(safe(status.line.text), Math.max(10, columns - indent)).map((text, index) => ({
		...(index === 0 && status.mark ? {mark: status.mark} : {}),
		tone: status.line.tone,
		text: index === 0 ? text : `${' '.repeat(indent)}${text}`,
	}));
}
