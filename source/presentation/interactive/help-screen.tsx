import {Box, Text} from 'ink';
import {Footer} from './components.js';
import {useTheme} from './theme-context.js';

/** Every key, in one place. */
export function HelpScreen() {
	const {glyphs, palette} = useTheme();
	const arrows = glyphs.arrowUp.length > 1 ? `${glyphs.arrowUp}/${glyphs.arrowDown}` : `${glyphs.arrowUp}${glyphs.arrowDown}`;
	const rows: [string, string][] = [
		[`${arrows} j k`, 'move through the findings; scroll the report'],
		['PgUp PgDn', 'scroll the report a page'],
		['Enter', 'open the selected finding; back from a finished fix (never starts one)'],
		['p', 'preview the report to paste into an issue'],
		['f', 'on a finding: start its fix, when the doctor can do it (Esc cancels; removing an image or rewriting a file asks first)'],
		['c', 'copy the commands or the report'],
		['s', 'skip this finding'],
		['r', 'check again after you changed something'],
		['y / n', 'answer a question (Enter and Esc answer no)'],
		['Esc', 'cancel a running fix; go back'],
		['q', 'go back; quit on the first screen'],
		['Ctrl+C', 'quit at once'],
		['?', 'this help'],
	];
	return (
		<Box flexDirection="column" marginTop={1}>
			<Text bold>Keys</Text>
			{rows.map(([keys, label]) => (
				<Box key={keys}>
					<Box width={10} flexShrink={0}>
						<Text bold color={palette.accent}>
							{keys}
						</Text>
					</Box>
					<Text wrap="wrap">{label}</Text>
				</Box>
			))}
			<Footer hints={[{keys: '?/q/Esc', label: 'close help'}]} />
		</Box>
	);
}
