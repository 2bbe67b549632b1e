/**
 * What the proof of a recreated container learned of ChatMock's own /health:
 * - asked: it answered 2xx (or 'ok' from a client that tells success only by its exit code), and how it was asked;
 * - not asked: no way to reach it from here (no reachable port, no HTTP client in the image), and why.
 * A container whose /health was not asked still counts as serving (it stayed up, its healthcheck
 * held), but nothing may call it healthy.
 */
export type HealthProof = {readonly asked: true; readonly how: string; readonly status: number | 'ok'} | {readonly asked: false; readonly why: string};

/** A container recreated on the verified image and proven to serve. */
export interface ServingContainer {
	readonly name: string;
	readonly health: HealthProof;
}

/** The proof's own line about /health. */
export function healthProofLine(health: HealthProof): string {
	return health.asked ? `${health.how} answered ${health.status}` : `/health was not checked: ${health.why}`;
}

/**
 * The one headline for a serving container, plain and on the screen: "healthy" only when
 * ChatMock's /health answered; otherwise up, and why /health was not asked.
 */
export function servingHeadline({name, health}: ServingContainer, options: {readonly named: boolean}): string {
	const state = health.asked ? 'healthy' : `up; its /health was not asked: ${health.why}`;
	return `ChatMock is running natively (${state})${options.named ? `: ${name}` : ''}`;
}
