import {Box, Text} from 'ink';
import type {FindingComparison} from '../../fix/recheck.js';
import {Mark} from './components.js';
import {useSafeText, useTheme} from './theme-context.js';
import {severityMark} from './theme.js';

/** Before → after of two checks: what is fixed, what remains, what is new. */
export function ComparisonView({comparison}: {readonly comparison: FindingComparison}) {
	const theme = useTheme();
	const safe = useSafeText();
	const {glyphs, palette} = theme;
	const rows = [
		...comparison.fixed.map(finding => ({finding, label: 'fixed', mark: {symbol: glyphs.ok, tone: 'success' as const}})),
		...comparison.remaining.map(finding => ({finding, label: 'still', mark: severityMark(theme, finding.severity)})),
		...comparison.added.map(finding => ({finding, label: 'new', mark: severityMark(theme, finding.severity)})),
	];
	return (
		<Box flexDirection="column" marginTop={1}>
			<Text bold>{`Before ${glyphs.arrowRight} after`}</Text>
			{rows.length === 0 ? <Text color={palette.muted}>No findings before or after.</Text> : null}
			{rows.map(({finding, label, mark}) => (
				<Text key={`${label}:${finding.id}:${finding.subject ?? ''}`} wrap="wrap">
					<Mark {...mark} /> {label.padEnd(5)} {finding.id}
					{finding.subject ? <Text color={palette.muted}> {safe(finding.subject)}</Text> : null}
				</Text>
			))}
		</Box>
	);
}
