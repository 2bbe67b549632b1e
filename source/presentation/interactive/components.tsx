import {Box, Text} from 'ink';
import {useEffect, useState} from 'react';
import {useTheme} from './theme-context.js';
import type {Tone} from './theme.js';

/** A symbol in its tone's colour: the symbol carries the meaning, the colour only repeats it. */
export function Mark({symbol, tone}: {readonly symbol: string; readonly tone: Tone}) {
	const {palette} = useTheme();
	return <Text color={palette[tone]}>{symbol}</Text>;
}

/** One spinner frame; the interval is shared by nothing else, so keep one per live region. */
export function Spinner() {
	const {glyphs, palette} = useTheme();
	const [frame, setFrame] = useState(0);
	useEffect(() => {
		const timer = setInterval(() => setFrame(previous => (previous + 1) % glyphs.spinner.length), 120);
		return () => clearInterval(timer);
	}, [glyphs.spinner.length]);
	return <Text color={palette.accent}>{glyphs.spinner[frame] ?? glyphs.spinner[0]}</Text>;
}

export interface KeyHint {
	readonly keys: string;
	readonly label: string;
}

/** The keys of the current screen, wrapped to the terminal's width. */
export function Footer({hints}: {readonly hints: readonly KeyHint[]}) {
	const {palette} = useTheme();
	return (
		<Box marginTop={1} flexWrap="wrap" columnGap={2}>
			{hints.map(hint => (
				<Text key={hint.keys}>
					<Text bold color={palette.accent}>
						{hint.keys}
					</Text>{' '}
					<Text color={palette.muted}>{hint.label}</Text>
				</Text>
			))}
		</Box>
	);
}

/** A heading line. */
export function Heading({children}: {readonly children: string}) {
	return (
		<Text bold underline={false}>
			{children}
		</Text>
	);
}

/** A command the user can run, on a line of its own, never wrapped mid-word into a prompt. */
export function Command({text}: {readonly text: string}) {
	const {palette} = useTheme();
	return (
		<Text color={palette.command} wrap="wrap">
			{`$ ${text}`}
		</Text>
	);
}
