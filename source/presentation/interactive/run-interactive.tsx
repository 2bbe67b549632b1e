import {render} from 'ink';
import type {ReactElement} from 'react';
import type {FleetMember} from '../../fleet/collect-fleet.js';
import type {Report} from '../report-model.js';
import {FleetScreen} from './fleet-screen.js';
import type {CollectOptions} from '../../facts/collect-types.js';
import {App, type AppProps} from './app.js';
import {ThemeProvider} from './theme-context.js';
import {createTheme} from './theme.js';

/** What the CLI passes: the App's own props (minus the test clock) plus how to draw and where. */
export interface RunInteractiveOptions extends Omit<AppProps, 'collect' | 'clock'> {
	readonly collect: Omit<CollectOptions, 'onStep' | 'signal'>;
	readonly ascii: boolean;
	readonly color: boolean;
	readonly stdin?: NodeJS.ReadStream;
	readonly stdout?: NodeJS.WriteStream;
	readonly stderr?: NodeJS.WriteStream;
}

/**
 * The interactive doctor. Resolves with the exit code: 0 when no error finding is left,
 * 1 when one is, 130 when the user stopped it (Ctrl+C, or q before the check finished).
 * Call only when stdin and stdout are terminals.
 */
export async function runInteractive(options: RunInteractiveOptions): Promise<number> {
	return renderUntilExit(<ThemeProvider theme={createTheme(options)}>{appFor(options, options.collect)}</ThemeProvider>, options);
}

export interface RunInteractiveFleetOptions extends RunInteractiveOptions {
	readonly contexts: readonly string[];
	readonly checkFleet: (onMember: (member: FleetMember) => void, signal: AbortSignal) => Promise<unknown>;
	readonly reportOf: (member: FleetMember) => Report;
}

/** Several engines: a row each; Enter opens that engine's usual screens (its check, findings and fix). */
export async function runInteractiveFleet(options: RunInteractiveFleetOptions): Promise<number> {
	return renderUntilExit(
		<ThemeProvider theme={createTheme(options)}>
			<FleetScreen
				contexts={options.contexts}
				check={options.checkFleet}
				reportOf={options.reportOf}
				// The engine's screens check, fix and re-check that context alone: every call goes to the selected engine.
				renderEngine={(context, leave) => appFor(options, {...options.collect, dockerContext: context, dockerHost: undefined}, leave)}
			/>
		</ThemeProvider>,
		options,
	);
}

function appFor(options: RunInteractiveOptions, collect: RunInteractiveOptions['collect'], onLeave?: (report?: Report) => void): ReactElement {
	return (
		<App
			collect={collect}
			version={options.version}
			collectFacts={options.collectFacts}
			diagnose={options.diagnose}
			buildReport={options.buildReport}
			{...(options.copy ? {copy: options.copy} : {})}
			{...(options.shareText ? {shareText: options.shareText} : {})}
			{...(options.composeFs ? {composeFs: options.composeFs} : {})}
			{...(options.probeHttp ? {probeHttp: options.probeHttp} : {})}
			{...(options.composeStrategy ? {composeStrategy: options.composeStrategy} : {})}
			{...(onLeave ? {onLeave} : {})}
		/>
	);
}

async function renderUntilExit(element: ReactElement, options: Pick<RunInteractiveOptions, 'stdin' | 'stdout' | 'stderr'>): Promise<number> {
	let signalled = false;
	const instance = render(element, {
		// The root handles Ctrl+C itself, so in-flight work is aborted through unmounting.
		exitOnCtrlC: false,
		...(options.stdin ? {stdin: options.stdin} : {}),
		...(options.stdout ? {stdout: options.stdout} : {}),
		...(options.stderr ? {stderr: options.stderr} : {}),
	});
	// Ctrl+C arrives as a key in raw mode; a signal from outside (kill, a closing SSH session) ends the same way.
	const onSignal = () => {
		signalled = true;
		instance.unmount();
	};
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);
	process.once('SIGHUP', onSignal);
	try {
		const result = await instance.waitUntilExit();
		if (signalled) return 130;
		return typeof result === 'number' ? result : 130;
	} finally {
		process.off('SIGINT', onSignal);
		process.off('SIGTERM', onSignal);
		process.off('SIGHUP', onSignal);
	}
}
