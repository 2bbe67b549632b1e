import {Box, Text, useInput, useStdin} from 'ink';
import {useState} from 'react';
import {cite} from '../../facts/fact.js';
import type {Finding} from '../../diagnosis/types.js';
import {neutralize} from '../../text/sanitize.js';
import {Command, Footer, Mark} from './components.js';
import {describeCopy, type CopyText} from './copy-outcome.js';
import {findingKeys} from './keys.js';
import type {NavigationAction} from './navigation-state.js';
import {useSafeText, useTheme} from './theme-context.js';
import {severityMark} from './theme.js';
import {useCopy} from './use-copy.js';

export type {CopyText} from './copy-outcome.js';

export interface FindingScreenProps {
	readonly finding: Finding;
	readonly isActive: boolean;
	readonly dispatch: (action: NavigationAction) => void;
	/** False when the doctor has no engine connection to fix through. */
	readonly canRun?: boolean;
	readonly copy?: CopyText;
}

export function FindingScreen({finding, isActive, dispatch, canRun: engineReady = true, copy}: FindingScreenProps) {
	const theme = useTheme();
	const safe = useSafeText();
	const {isRawModeSupported} = useStdin();
	/** The commands as plain lines for a mouse selection: without a clipboard, or when copying failed. */
	const [isShownPlain, setShownPlain] = useState(false);
	/** `f` was pressed on a finding the doctor cannot fix itself: say so instead of doing nothing. */
	const [isCannotRun, setCannotRun] = useState(false);
	const copying = useCopy(copy);
	const canRun = engineReady && (finding.fix.actions?.length ?? 0) > 0;
	const commandCount = finding.fix.commands.length;
	const commandText = neutralize(finding.fix.commands.join('\n'));
	const isPlain = isShownPlain || copying.state.kind === 'failed';

	const onCopy = () => {
		if (!copy || commandCount === 0) setShownPlain(true);
		else copying.start(commandText);
	};

	useInput(
		(input, key) => {
			if (key.ctrl || (key.meta && !key.escape)) return;
			// Only `f` starts a fix: Enter opened this screen, and a repeated Enter must not pull or recreate anything.
			if (input === 'f') {
				if (canRun) dispatch({type: 'fix'});
				else setCannotRun(true);
			} else if (input === 'c') onCopy();
			else if (input === 's') dispatch({type: 'skip'});
			else if (input === 'r') dispatch({type: 'recheck'});
			else if (input === 'q' || key.escape || key.leftArrow) dispatch({type: 'back'});
		},
		{isActive: isRawModeSupported && isActive},
	);

	const {palette} = theme;
	const mark = severityMark(theme, finding.severity);
	const copyLine = describeCopy(copying.state, commandCount === 1 ? 'the command' : `${commandCount} commands`, theme.glyphs.dash);
	return (
		<Box flexDirection="column" marginTop={1}>
			<Text>
				<Mark {...mark} /> <Text bold>{finding.id}</Text> <Text color={palette.muted}>({finding.severity})</Text>
			</Text>
			<Text bold wrap="wrap">
				{safe(finding.title)}
			</Text>
			{finding.subject ? <Text color={palette.muted}>{safe(finding.subject)}</Text> : null}
			<Box marginTop={1}>
				<Text wrap="wrap">{safe(finding.why)}</Text>
			</Box>
			{finding.evidence.length > 0 ? (
				<Box flexDirection="column" marginTop={1}>
					<Text bold>Evidence</Text>
					{finding.evidence.map((evidence, index) => (
						<Box key={index} flexDirection="column">
							<Text wrap="wrap">
								{theme.glyphs.bullet} {safe(evidence.text)}
							</Text>
							{evidence.source ? (
								<Text color={palette.muted} wrap="wrap">
									{`  ${safe(cite(evidence.source))}`}
								</Text>
							) : null}
						</Box>
					))}
				</Box>
			) : null}
			<Box flexDirection="column" marginTop={1}>
				<Text bold wrap="wrap">
					Fix: {safe(finding.fix.summary)}
				</Text>
				{(finding.fix.steps ?? []).map((step, index) => (
					<Text key={index} wrap="wrap">
						{`${index + 1}. ${safe(step)}`}
					</Text>
				))}
				{isPlain ? null : finding.fix.commands.map((command, index) => <Command key={index} text={safe(command)} />)}
			</Box>
			{copyLine ? (
				<Text wrap="wrap">
					{copyLine.mark === 'none' ? null : (
						<>
							<Mark symbol={theme.glyphs[copyLine.mark]} tone={copyLine.tone} />{' '}
						</>
					)}
					<Text color={palette[copyLine.tone]}>{safe(copyLine.text)}</Text>
				</Text>
			) : null}
			{isPlain ? (
				<Box flexDirection="column" marginTop={1}>
					<Text color={palette.muted}>{finding.fix.commands.length === 0 ? 'No command for this one.' : 'Select and copy:'}</Text>
					{/* Plain lines, no prompt and no colour, so a mouse selection copies exactly the commands. */}
					{finding.fix.commands.map((command, index) => (
						<Text key={index}>{safe(command)}</Text>
					))}
				</Box>
			) : null}
			{isCannotRun ? (
				<Text color={palette.muted} wrap="wrap">
					{engineReady ? 'The doctor cannot do this one by itself: the steps above do it.' : 'No Docker engine is connected, so nothing can be fixed from here: the steps above do it.'}
				</Text>
			) : null}
			<Footer hints={findingKeys(canRun, copy !== undefined)} />
		</Box>
	);
}
