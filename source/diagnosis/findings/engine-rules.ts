import type {EngineFailure, SignalKind} from '../../facts/types.js';
import type {Finding, FindingId} from '../types.js';
import type {Rule, RuleContext} from './context.js';

interface EngineProblem {
	readonly id: FindingId;
	readonly failure: readonly EngineFailure['code'][];
	readonly signal?: SignalKind;
	readonly title: string;
	readonly why: string;
	readonly fix: (endpoint: string, context: RuleContext) => Finding['fix'];
}

const PROBLEMS: readonly EngineProblem[] = [
	{
		id: 'docker-unreachable',
		failure: ['docker.unreachable', 'docker.bad-endpoint', 'docker.error'],
		signal: 'daemon-unreachable',
		title: 'The Docker engine does not answer',
		why: 'Nothing listens at the endpoint the docker CLI would use: Docker is not installed, not running, or the CLI points at another engine (context or DOCKER_HOST).',
		fix: (endpoint, {facts}) => ({
			summary: `Start Docker (or point at the running one) so that ${endpoint} answers.`,
			commands: [
				'docker context ls',
				...(facts.host.osKind?.value === 'darwin' ? ['open -a Docker'] : ['sudo systemctl start docker', 'sudo systemctl enable docker']),
				'docker version',
				...(facts.endpoint?.alternatives ?? []).map(a => `DOCKER_HOST=${a.host} docker version   # ${a.product}`),
			],
		}),
	},
	{
		id: 'docker-permission-denied',
		failure: ['docker.eacces'],
		signal: 'permission-denied',
		title: 'This user may not talk to the Docker engine',
		why: "The engine's socket belongs to root and the docker group, and this user is in neither.",
		fix: () => ({
			summary: 'Add yourself to the docker group (root-equivalent power), then log out and in; or use rootless Docker.',
			commands: ['sudo usermod -aG docker $USER', 'newgrp docker', 'docker version'],
		}),
	},
	{
		id: 'docker-timeout',
		failure: ['docker.timeout'],
		title: 'The Docker engine did not answer in time',
		why: 'The endpoint accepted the connection but gave no answer before the deadline: the engine is hung, starting, or overloaded.',
		fix: endpoint => ({
			summary: `Restart the engine behind ${endpoint}, or give it longer with --timeout.`,
			commands: ['sudo systemctl restart docker', 'docker version', 'chatmock-doctor --timeout 10000'],
		}),
	},
	{
		id: 'docker-api-too-old',
		failure: ['docker.api-too-old'],
		title: 'The Docker engine is too old',
		why: 'Its API predates the platform and distribution features the fixes rely on (API 1.30+ to read published platforms, 1.32+ to pull a platform).',
		fix: () => ({summary: 'Upgrade Docker Engine.', commands: ['docker version', 'curl -fsSL https://get.docker.com | sh']}),
	},
];

export const engineRules: Rule = context => {
	const {facts} = context;
	const out: Finding[] = [];
	for (const problem of PROBLEMS) {
		const failure = facts.engineFailure && problem.failure.includes(facts.engineFailure.code) ? facts.engineFailure : undefined;
		const signal = problem.signal ? facts.signals.find(s => s.kind === problem.signal) : undefined;
		if (!failure && !signal) continue;
		const endpoint = failure?.endpoint ?? facts.endpoint?.host ?? 'unix:///var/run/docker.sock';
		out.push({
			id: problem.id,
			severity: 'error',
			title: problem.title,
			why: problem.why,
			evidence: [
				...(failure ? [{text: `${failure.message}${facts.endpoint ? ` (endpoint ${facts.endpoint.host}, chosen by ${facts.endpoint.reason})` : ''}`, source: failure.source}] : []),
				...(signal ? [{text: signal.source.excerpt ?? problem.title, source: signal.source}] : []),
			],
			fix: problem.fix(endpoint, context),
		});
	}
	return out;
};
