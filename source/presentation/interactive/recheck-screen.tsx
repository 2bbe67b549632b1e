import {Box, Text, useInput, useStdin} from 'ink';
import {useMemo} from 'react';
import type {Finding} from '../../diagnosis/types.js';
import type {Checked} from '../../fix/fix-deps.js';
import {compareFindings} from '../../fix/recheck.js';
import type {ChecklistRow} from './checklist-state.js';
import {LiveChecklist} from './checklist-view.js';
import {ComparisonView} from './comparison-view.js';
import {Footer, Mark} from './components.js';
import {DONE_KEYS} from './keys.js';
import {useSafeText, useTheme} from './theme-context.js';
import {useCheck, type RunCheck} from './use-check.js';

export interface RecheckScreenProps {
	readonly before: readonly Finding[];
	readonly run: RunCheck;
	readonly isActive: boolean;
	/** Back to the verdict, with the new check (and its checklist) when it finished. */
	readonly onBack: (checked: Checked | undefined, checklist: readonly ChecklistRow[]) => void;
}

/** Checks again (after a manual fix) and shows before → after. */
export function RecheckScreen({before, run, isActive, onBack}: RecheckScreenProps) {
	const {rows, result} = useCheck(run);
	const {isRawModeSupported} = useStdin();
	const theme = useTheme();
	const safe = useSafeText();
	useInput(
		(input, key) => {
			if (key.ctrl) return;
			if (key.return || key.escape || input === 'q') onBack(result?.ok ? result.checked : undefined, rows);
		},
		{isActive: isRawModeSupported && isActive},
	);
	const comparison = useMemo(() => (result?.ok ? compareFindings(before, result.checked.diagnosis.findings) : undefined), [before, result]);
	return (
		<Box flexDirection="column" marginTop={1}>
			<Text bold>Checking again</Text>
			<LiveChecklist rows={rows} />
			{result && !result.ok ? (
				<Text wrap="wrap">
					<Mark symbol={theme.glyphs.error} tone="error" /> {safe(`The check failed: ${result.message}`)}
				</Text>
			) : null}
			{comparison ? <ComparisonView comparison={comparison} /> : null}
			<Footer hints={result ? DONE_KEYS : [{keys: 'Esc', label: 'stop'}]} />
		</Box>
	);
}
