import {Box, Text, useInput, useStdin} from 'ink';
import type {Finding} from '../../diagnosis/types.js';
import {shortId, type ConfirmRequest, type FixOutcome, type FixPlan, type FixStep} from '../../fix/fix-flow.js';
import {describeProgress, formatBytes, fraction, type PullSnapshot} from '../../fix/pull-progress.js';
import type {Clock} from '../../fix/throttle.js';
import {ComparisonView} from './comparison-view.js';
import {Footer, Mark, Spinner} from './components.js';
import {CONFIRM_KEYS, DONE_KEYS, FIX_RUNNING_KEYS} from './keys.js';
import {fit} from './terminal.js';
import {useSafeText, useTheme} from './theme-context.js';
import type {Theme, Tone} from './theme.js';
import {useFixFlow, type FixFlowSetup} from './use-fix-flow.js';
import {servingHeadline} from '../../fix/recreate/health-proof.js';

export interface FixScreenProps {
	readonly finding: Finding;
	readonly plan: FixPlan;
	readonly setup: FixFlowSetup;
	readonly columns: number;
	readonly isActive: boolean;
	readonly onFinished: (outcome: FixOutcome) => void;
	readonly onBack: () => void;
	readonly clock?: Clock;
}

export function FixScreen({finding, plan, setup, columns, isActive, onFinished, onBack, clock}: FixScreenProps) {
	const {state, answer, cancel} = useFixFlow(plan, setup, onFinished, clock);
	const {isRawModeSupported} = useStdin();
	const theme = useTheme();
	const safe = useSafeText();
	useInput(
		(input, key) => {
			if (key.ctrl) return;
			if (state.confirm) {
				if (input === 'y' || input === 'Y') answer(true);
				else if (input === 'n' || input === 'N' || key.escape || key.return) answer(false);
				return;
			}
			if (state.phase === 'running') {
				if (key.escape || input === 'q') cancel();
				return;
			}
			if (key.return || key.escape || input === 'q') onBack();
		},
		{isActive: isRawModeSupported && isActive},
	);
	const hints = state.confirm ? CONFIRM_KEYS : state.phase === 'running' ? FIX_RUNNING_KEYS : DONE_KEYS;
	return (
		<Box flexDirection="column" marginTop={1}>
			<Text bold>{`Fixing ${finding.id}`}</Text>
			{state.steps.map(step => (
				<StepRow key={step.key} step={step} />
			))}
			{state.progress ? <PullProgressView snapshot={state.progress.snapshot} columns={columns} /> : null}
			{state.confirm ? <ConfirmView request={state.confirm} /> : null}
			{state.cancelling && state.phase === 'running' ? <Text color={theme.palette.muted}>Cancelling{theme.glyphs.ellipsis}</Text> : null}
			{state.phase === 'finished' && state.cancelled ? (
				<Text>
					<Mark symbol={theme.glyphs.warning} tone="warning" /> Cancelled. The image you had is unchanged.
				</Text>
			) : null}
			{state.serving.map(container => (
				<Text key={`serving:${container.name}`} bold wrap="wrap">
					<Mark symbol={theme.glyphs.ok} tone="success" /> {safe(servingHeadline(container, {named: state.serving.length > 1}))}
				</Text>
			))}
			{state.rolledBack.map(name => (
				<Text key={`back:${name}`} wrap="wrap">
					<Mark symbol={theme.glyphs.error} tone="error" /> {`${name} could not be moved to the new image; the old container is back as it was.`}
				</Text>
			))}
			{state.comparison ? <ComparisonView comparison={state.comparison} /> : null}
			<Footer hints={hints} />
		</Box>
	);
}

function fixStepMark(theme: Theme, status: FixStep['status']): {symbol: string; tone: Tone} | undefined {
	switch (status) {
		case 'done':
			return {symbol: theme.glyphs.ok, tone: 'success'};
		case 'failed':
			return {symbol: theme.glyphs.error, tone: 'error'};
		case 'cancelled':
			return {symbol: theme.glyphs.warning, tone: 'warning'};
		case 'skipped':
			return {symbol: theme.glyphs.skipped, tone: 'muted'};
		case 'waiting':
			return {symbol: '?', tone: 'info'};
		default:
			return undefined;
	}
}

function StepRow({step}: {readonly step: FixStep}) {
	const theme = useTheme();
	const safe = useSafeText();
	const mark = fixStepMark(theme, step.status);
	return (
		<Box flexDirection="column">
			<Box>
				<Box flexShrink={0} marginRight={1}>
					{mark ? <Mark {...mark} /> : <Spinner />}
				</Box>
				<Text wrap="wrap">
					{safe(step.title)}
					{step.detail ? <Text color={step.status === 'failed' ? theme.palette.error : theme.palette.muted}>{`: ${safe(step.detail)}`}</Text> : null}
				</Text>
			</Box>
			{(step.lines ?? []).map((line, index) => (
				<Text key={index} color={theme.palette.muted} wrap="wrap">
					{`    ${safe(line)}`}
				</Text>
			))}
		</Box>
	);
}

const MAX_LAYER_ROWS = 4;

/** Total bar, bytes and speed, then the layers still moving (a few, so the live region stays short). */
export function PullProgressView({snapshot, columns}: {readonly snapshot: PullSnapshot; readonly columns: number}) {
	const theme = useTheme();
	const {glyphs, palette} = theme;
	const share = fraction(snapshot);
	const barWidth = Math.max(10, Math.min(30, columns - 12));
	const filled = share === undefined ? 0 : Math.round(share * barWidth);
	const active = snapshot.layers.filter(layer => !layer.done).slice(0, MAX_LAYER_ROWS);
	const finished = snapshot.layers.filter(layer => layer.done).length;
	return (
		<Box flexDirection="column" marginLeft={2}>
			{share === undefined ? null : (
				<Text>
					<Text color={palette.accent}>{glyphs.barFull.repeat(filled)}</Text>
					<Text color={palette.muted}>{glyphs.barEmpty.repeat(barWidth - filled)}</Text> {`${Math.floor(share * 100)}%`}
				</Text>
			)}
			<Text wrap="wrap">{describeProgress(snapshot)}</Text>
			{active.map(layer => (
				<Text key={layer.id} color={palette.muted}>
					{fit(`${layer.id.slice(0, 12)} ${layer.status}${layer.total ? ` ${formatBytes(layer.downloaded)}/${formatBytes(layer.total)}` : ''}`, columns - 2, theme.ascii)}
				</Text>
			))}
			{snapshot.layers.length > 0 ? <Text color={palette.muted}>{`${finished} of ${snapshot.layers.length} layers done`}</Text> : null}
		</Box>
	);
}

function ConfirmView({request}: {readonly request: ConfirmRequest}) {
	const theme = useTheme();
	const safe = useSafeText();
	const {palette} = theme;
	if (request.kind === 'remove') {
		return (
			<Box flexDirection="column" marginTop={1}>
				<Text wrap="wrap">{safe(`Remove the old image ${shortId(request.imageId)}? The new ${request.ref} stays; volumes and containers are not touched.`)}</Text>
				<Text bold>Remove it? [y/N]</Text>
			</Box>
		);
	}
	if (request.kind === 'measure') {
		return (
			<Box flexDirection="column" marginTop={1}>
				<Text wrap="wrap">
					{safe(`${request.name} runs ${request.emulated} under an emulator. Time the same short loop in it and in the ${request.native} image (a few seconds of CPU, two throwaway containers)?`)}
				</Text>
				<Text bold>Measure it? [y/N]</Text>
			</Box>
		);
	}
	if (request.kind === 'recreate') {
		return (
			<Box flexDirection="column" marginTop={1}>
				<Text wrap="wrap">{safe(`Recreate ${request.name} on ${request.image} (${request.platform})${request.how === 'compose' ? ' with compose' : ''}:`)}</Text>
				{request.lines.map((line, index) => (
					<Text key={index} color={palette.muted} wrap="wrap">{`  ${safe(line)}`}</Text>
				))}
				<Text bold>Recreate it? [y/N]</Text>
			</Box>
		);
	}
	const {edit} = request;
	return (
		<Box flexDirection="column" marginTop={1}>
			<Text bold wrap="wrap">
				{safe(edit.path)}
			</Text>
			{edit.diff.map((line, index) => {
				const tone = line.kind === '+' ? palette.success : line.kind === '-' ? palette.error : palette.muted;
				return (
					<Text key={index} color={tone}>
						{`${line.kind} ${safe(line.text)}`}
					</Text>
				);
			})}
			<Text bold wrap="wrap">
				{safe(`Write this? The old file is kept as ${edit.path.split(/[\\/]/).at(-1) ?? 'the file'}.bak. [y/N]`)}
			</Text>
		</Box>
	);
}
