import type {Fact, Source} from '../facts/fact.js';
import type {ContainerFact, EmulationFacts, EndpointFacts, EngineFacts, EngineFailure, Facts, HostFacts, HostProbeFacts, ImageFact, PublishedFacts} from '../facts/types.js';
import type {Diagnosis, Finding, Verdict} from '../diagnosis/types.js';
import {hostProfile} from '../diagnosis/host-profile.js';
import {imageRunDetail, type ImageRun} from '../diagnosis/image-runs.js';
import {osName} from '../diagnosis/verdict.js';

export const REPORT_SCHEMA = 'chatmock-doctor/report@1';

/** A fact as reports show it: the value and its citation. */
export interface ReportFact {
	readonly value: unknown;
	readonly source: Source;
}

/**
 * The one data model behind every rendering (JSON, plain, Markdown, the screens): schema
 * `chatmock-doctor/report@1`. Field names are a public contract; add, never rename.
 */
export interface Report {
	readonly schema: typeof REPORT_SCHEMA;
	readonly tool: {readonly name: 'chatmock-doctor'; readonly version: string};
	readonly origin: Facts['origin'];
	readonly verdict: Verdict;
	readonly host: {
		readonly kernelArch: string | null;
		readonly userlandArch: string | null;
		readonly os: string | null;
		readonly model: string | null;
		readonly wsl: string | null;
		readonly container: string | false | null;
		readonly facts: Readonly<Record<string, ReportFact>>;
		/** Present when a remote engine's machine was read by a throwaway container on it (--probe-host). */
		readonly probe?: HostProbeFacts;
	};
	readonly engine: {
		readonly endpoint: EndpointFacts | null;
		readonly failure: EngineFailure | null;
		readonly facts: Readonly<Record<string, ReportFact>>;
		readonly emulation: EmulationFacts | null;
	} | null;
	readonly images: readonly (ImageFact & {readonly platform: string; readonly runs: ImageRun})[];
	readonly containers: readonly ContainerFact[];
	readonly published: PublishedFacts | null;
	readonly chosenImage: string | null;
	readonly findings: readonly Finding[];
	readonly summary: {readonly errors: number; readonly warnings: number; readonly infos: number};
}

export function buildReport(facts: Facts, diagnosis: Diagnosis, version: string): Report {
	const {host} = facts;
	const engineLooked = facts.engine !== undefined || facts.engineFailure !== undefined || facts.endpoint !== undefined;
	const count = (severity: Finding['severity']) => diagnosis.findings.filter(f => f.severity === severity).length;
	// The profile the diagnosis was made from (one for every image); computed here only for a diagnosis made without one.
	const profile = facts.images && facts.images.length > 0 ? (diagnosis.profile ?? hostProfile(facts)) : undefined;
	return {
		schema: REPORT_SCHEMA,
		tool: {name: 'chatmock-doctor', version},
		origin: facts.origin,
		verdict: diagnosis.verdict,
		host: {
			kernelArch: host.kernelMachine?.value ?? null,
			userlandArch: userlandArch(host),
			os: osLabel(host),
			model: host.boardModel?.value ?? host.cpuModel?.value ?? null,
			wsl: host.wsl?.value ?? null,
			container: host.inContainer?.value ?? null,
			facts: factsRecord(host),
			...(facts.hostProbe ? {probe: facts.hostProbe} : {}),
		},
		engine: engineLooked
			? {
					endpoint: facts.endpoint ?? null,
					failure: facts.engineFailure ?? null,
					facts: factsRecord(facts.engine ?? {}),
					emulation: facts.emulation ?? null,
				}
			: null,
		images: (facts.images ?? []).map(image => ({...image, platform: platformOf(image), runs: imageRunDetail(image, diagnosis.verdict, facts, profile).runs})),
		containers: facts.containers ?? [],
		published: facts.published ?? null,
		chosenImage: facts.chosenImage?.value ?? null,
		findings: diagnosis.findings,
		summary: {errors: count('error'), warnings: count('warning'), infos: count('info')},
	};
}

export function platformOf(image: Pick<ImageFact, 'os' | 'architecture' | 'variant'>): string {
	return [image.os, image.architecture, image.variant].filter(Boolean).join('/');
}

/** The userland as one word: dpkg's name, else the ELF header's, else LONG_BIT. */
export function userlandArch(host: HostFacts): string | null {
	if (host.dpkgArch) return host.dpkgArch.value;
	if (host.userlandElf) return `${host.userlandElf.value.machine} (${host.userlandElf.value.bits}-bit)`;
	if (host.longBit) return `${host.longBit.value}-bit`;
	return null;
}

export function osLabel(host: HostFacts): string | null {
	return osName(host) ?? host.kernelName?.value ?? null;
}

function factsRecord(record: HostFacts | EngineFacts): Record<string, ReportFact> {
	const out: Record<string, ReportFact> = {};
	for (const [key, value] of Object.entries(record) as [string, Fact<unknown> | undefined][]) {
		if (value && typeof value === 'object' && 'source' in value) out[key] = {value: value.value, source: value.source};
	}
	return out;
}
