import {fact, type Fact, type Source} from '../fact.js';
import type {EngineFacts} from '../types.js';

/**
 * Maps the JSON of the Engine API's GET /version and GET /info (the same JSON that
 * `docker version --format '{{json .Server}}'` and `docker info --format '{{json .}}'` print)
 * to engine facts. Used by the live engine probe and by triage; unknown shapes give no facts.
 */
export function engineFactsFromApi(version: unknown, info: unknown, sources: {readonly version: Source; readonly info: Source}): EngineFacts {
	const v = asRecord(version);
	const i = asRecord(info);
	const fromV = <T>(value: T | undefined): Fact<T> | undefined => (value === undefined ? undefined : fact(value, sources.version));
	const fromI = <T>(value: T | undefined): Fact<T> | undefined => (value === undefined ? undefined : fact(value, sources.info));
	const platform = asRecord(v?.['Platform']);
	const components = Array.isArray(v?.['Components']) ? (v['Components'] as unknown[]).map(c => str(asRecord(c)?.['Name'])).filter((n): n is string => n !== undefined) : undefined;
	const securityOptions = Array.isArray(i?.['SecurityOptions']) ? (i['SecurityOptions'] as unknown[]).filter((s): s is string => typeof s === 'string') : undefined;
	return compact({
		versionArch: fromV(str(v?.['Arch'])),
		versionOs: fromV(str(v?.['Os'])),
		serverVersion: fromV(str(v?.['Version'])) ?? fromI(str(i?.['ServerVersion'])),
		apiVersion: fromV(str(v?.['ApiVersion'])),
		minApiVersion: fromV(str(v?.['MinAPIVersion'])),
		platformName: fromV(str(platform?.['Name'])),
		components: fromV(components && components.length > 0 ? components : undefined),
		kernelVersion: fromI(str(i?.['KernelVersion'])) ?? fromV(str(v?.['KernelVersion'])),
		osType: fromI(str(i?.['OSType'])),
		infoArchitecture: fromI(str(i?.['Architecture'])),
		operatingSystem: fromI(str(i?.['OperatingSystem'])),
		name: fromI(str(i?.['Name'])),
		securityOptions: fromI(securityOptions),
		driver: fromI(str(i?.['Driver'])),
	});
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function str(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Drops undefined members so that "unknown" is absent, never present-but-undefined. */
export function compact<T extends object>(value: T): T {
	return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
