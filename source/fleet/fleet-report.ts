import type {Finding, Severity} from '../diagnosis/types.js';
import type {Report} from '../presentation/report-model.js';

export const FLEET_SCHEMA = 'chatmock-doctor/fleet@1';

/** One engine's row: which context, where it points, whether its verdict rests on the engine's own words, and its report. */
export interface FleetEngine {
	readonly context: string;
	readonly endpoint: string | null;
	readonly remote: boolean;
	readonly report: Report;
}

/** `chatmock-doctor/fleet@1`: one `report@1` per engine. Field names are a public contract; add, never rename. */
export interface FleetReport {
	readonly schema: typeof FLEET_SCHEMA;
	readonly tool: Report['tool'];
	readonly engines: readonly FleetEngine[];
	readonly summary: {readonly engines: number; readonly errors: number; readonly warnings: number; readonly infos: number};
}

export function buildFleetReport(engines: readonly FleetEngine[], tool: Report['tool']): FleetReport {
	const sum = (key: 'errors' | 'warnings' | 'infos') => engines.reduce((total, e) => total + e.report.summary[key], 0);
	return {schema: FLEET_SCHEMA, tool, engines, summary: {engines: engines.length, errors: sum('errors'), warnings: sum('warnings'), infos: sum('infos')}};
}

const RANK: Record<Severity, number> = {error: 3, warning: 2, info: 1};

/** The finding a row shows: the most severe, first in the report's order among equals. */
export function worstFinding(report: Report): Finding | undefined {
	let worst: Finding | undefined;
	for (const finding of report.findings) if (worst === undefined || RANK[finding.severity] > RANK[worst.severity]) worst = finding;
	return worst;
}

/** The exit code of the whole run: the worst of the engines' (1 when any engine has an error finding). */
export function fleetExitCode(fleet: FleetReport): number {
	return fleet.summary.errors > 0 ? 1 : 0;
}
