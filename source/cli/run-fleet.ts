import {diagnose} from '../diagnosis/diagnose.js';
import type {CollectOptions} from '../facts/collect-types.js';
import type {Host} from '../facts/seam/host.js';
import {collectFleet, type FleetMember, type FleetOptions} from '../fleet/collect-fleet.js';
import {listEngineTargets, namedTargets, type EngineTarget} from '../fleet/engine-targets.js';
import {buildFleetReport, fleetExitCode, type FleetEngine} from '../fleet/fleet-report.js';
import {buildReport, type Report} from '../presentation/report-model.js';
import {renderFleetJson, renderFleetMarkdown, renderFleetPlain} from '../presentation/render/fleet.js';
import type {Redactor} from '../report/redact.js';
import {redactReport} from '../report/redact-report.js';
import {VERSION} from '../version.js';
import type {CliOptions} from './args.js';
import type {OutputMode} from './mode.js';

export interface FleetRun {
	readonly options: CliOptions;
	readonly mode: OutputMode;
	readonly collect: Omit<CollectOptions, 'dockerContext' | 'dockerHost'>;
	readonly ascii: boolean;
	/** The redactor for one engine's report; undefined with --no-redact. */
	readonly redactorOf: ((report: Report) => Redactor) | undefined;
	readonly write: (text: string) => Promise<void>;
}

/** --all-contexts or several --context: every engine at once, one report each, the worst exit code. */
export async function runFleet(run: FleetRun): Promise<number> {
	const {options, collect} = run;
	const members = await collectFleet(await fleetTargets(options, collect.host), collect);
	const engines: FleetEngine[] = members.map(member => {
		const report = buildReport(member.facts, diagnose(member.facts), VERSION);
		const endpoint = member.facts.endpoint?.host || null;
		const redactor = run.redactorOf?.(report);
		return {
			context: member.target.name,
			endpoint: redactor && endpoint !== null ? redactor.redactText(endpoint) : endpoint,
			remote: member.remote,
			report: redactor ? redactReport(report, redactor) : report,
		};
	});
	const fleet = buildFleetReport(engines, {name: 'chatmock-doctor', version: VERSION});
	const text = run.mode === 'json' ? renderFleetJson(fleet) : run.mode === 'markdown' ? renderFleetMarkdown(fleet) : renderFleetPlain(fleet, {color: options.color, ascii: run.ascii});
	await run.write(text);
	return fleetExitCode(fleet);
}

/** The engines to check: every context (--all-contexts) or those named with --context. */
export async function fleetTargets(options: CliOptions, host: Host): Promise<EngineTarget[]> {
	return options.allContexts ? listEngineTargets(host) : namedTargets(options.dockerContexts);
}

/** For the screens: the same checks, each engine reported as it ends. */
export function checkFleet(contexts: readonly string[], collect: FleetOptions, onMember: (member: FleetMember) => void): Promise<FleetMember[]> {
	return collectFleet(
		contexts.map(name => ({name})),
		{...collect, onMember},
	);
}
