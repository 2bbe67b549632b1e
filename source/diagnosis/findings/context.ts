import {cite, type Fact, type Source} from '../../facts/fact.js';
import type {Facts} from '../../facts/types.js';
import {DEFAULT_IMAGE} from '../../chatmock/images.js';
import type {HostProfile} from '../host-profile.js';
import type {Evidence, Finding, Verdict} from '../types.js';
import {engineCli, type EngineCli} from './engine-cli.js';

export interface RuleContext {
	readonly facts: Facts;
	readonly profile: HostProfile;
	readonly verdict: Verdict;
	/** The image the user runs: --image, CHATMOCK_IMAGE, compose, or the default. */
	readonly imageRef: string;
	/** How the commands a finding prints reach the engine that was checked. */
	readonly cli: EngineCli;
}

export type Rule = (context: RuleContext) => Finding[];

export function ruleContext(facts: Facts, profile: HostProfile, verdict: Verdict): RuleContext {
	return {facts, profile, verdict, imageRef: facts.chosenImage?.value ?? DEFAULT_IMAGE, cli: engineCli(facts.endpoint)};
}

/** Evidence from a fact: "kernel machine: aarch64 ($ uname -m)". */
export function evidenceOf(label: string, f: Fact<unknown> | undefined): Evidence[] {
	if (!f) return [];
	const value = Array.isArray(f.value) ? f.value.join(', ') : typeof f.value === 'object' ? JSON.stringify(f.value) : String(f.value);
	return [{text: `${label}: ${value}`, source: f.source}];
}

export function evidenceFrom(text: string, source?: Source): Evidence {
	return source ? {text, source} : {text};
}

export function quote(source: Source): string {
	return source.excerpt ? `"${source.excerpt}" (${cite(source)})` : cite(source);
}

export function composeLine(platform: string): string {
	return `platform: ${platform}   # under the chatmock service in docker-compose.yml`;
}
