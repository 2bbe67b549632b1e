import {Box, Text, useInput, useStdin} from 'ink';
import type {Finding, Verdict} from '../../diagnosis/types.js';
import {Footer, Mark} from './components.js';
import {verdictKeys} from './keys.js';
import type {NavigationAction} from './navigation-state.js';
import {fit} from './terminal.js';
import {useSafeText, useTheme} from './theme-context.js';
import {severityMark, type Theme} from './theme.js';

/** "Use linux/arm64 — Raspberry Pi 4 Model B, 64-bit Raspberry Pi OS"; says so plainly when nothing runs. */
export function verdictLine(verdict: Verdict, theme: Pick<Theme, 'glyphs'>): string {
	const dash = theme.glyphs.dash;
	if (verdict.platform === null) return `No ChatMock image runs here ${dash} ${verdict.machine}`;
	return `Use ${verdict.platform} ${dash} ${verdict.machine}`;
}

export interface VerdictScreenProps {
	readonly verdict: Verdict;
	/** Already ranked by severity. */
	readonly findings: readonly Finding[];
	readonly selected: number;
	readonly skipped: readonly number[];
	readonly columns: number;
	readonly isActive: boolean;
	readonly dispatch: (action: NavigationAction) => void;
	/** What q does here (default "quit"; "all engines" when this is one engine of several). */
	readonly leaveLabel?: string;
}

export function VerdictScreen({verdict, findings, selected, skipped, columns, isActive, dispatch, leaveLabel}: VerdictScreenProps) {
	const theme = useTheme();
	const safe = useSafeText();
	const {isRawModeSupported} = useStdin();
	useInput(
		(input, key) => {
			if (key.ctrl || (key.meta && !key.escape)) return;
			if (key.upArrow || input === 'k') dispatch({type: 'move', delta: -1});
			else if (key.downArrow || input === 'j') dispatch({type: 'move', delta: 1});
			else if (key.return) dispatch({type: 'open'});
			else if (input === 'p') dispatch({type: 'share'});
			else if (input === 'r') dispatch({type: 'recheck'});
			else if (input === 'q' || key.escape) dispatch({type: 'back'});
		},
		{isActive: isRawModeSupported && isActive},
	);
	const {palette, glyphs} = theme;
	const tone = verdict.platform === null ? palette.error : palette.success;
	const pointerWidth = glyphs.pointer.length + 1;
	return (
		<Box flexDirection="column" marginTop={1}>
			<Box borderStyle={glyphs.border} borderColor={tone} paddingX={1}>
				<Text bold wrap="wrap">
					{safe(verdictLine(verdict, theme))}
				</Text>
			</Box>
			<Text wrap="wrap">{safe(verdict.reason)}</Text>
			{verdict.dockerDefault && verdict.dockerDefault !== verdict.platform ? (
				<Text color={palette.muted} wrap="wrap">
					{safe(`Docker picks ${verdict.dockerDefault} unless told otherwise.`)}
				</Text>
			) : null}
			<Box flexDirection="column" marginTop={1}>
				{findings.length === 0 ? (
					<Text>
						<Mark symbol={glyphs.ok} tone="success" /> Nothing to fix.
					</Text>
				) : (
					<Text bold>{`Findings (${findings.length})`}</Text>
				)}
				{findings.map((finding, index) => {
					const isSelected = index === selected;
					const mark = severityMark(theme, finding.severity);
					const titleWidth = Math.max(8, columns - pointerWidth - 2);
					return (
						<Box key={`${finding.id}:${finding.subject ?? ''}`} flexDirection="column">
							<Text>
								<Text color={palette.accent}>{isSelected ? glyphs.pointer : ' '.repeat(glyphs.pointer.length)}</Text> <Mark {...mark} /> <Text bold={isSelected}>{finding.id}</Text>
								{skipped.includes(index) ? <Text color={palette.muted}> (skipped)</Text> : null}
							</Text>
							<Text color={isSelected ? undefined : palette.muted}>
								{' '.repeat(pointerWidth + 2)}
								{fit(safe(finding.title), titleWidth - 2, theme.ascii)}
							</Text>
						</Box>
					);
				})}
			</Box>
			<Footer hints={verdictKeys(glyphs, findings.length > 0, leaveLabel)} />
		</Box>
	);
}
