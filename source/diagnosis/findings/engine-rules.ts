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

/** How Docker is started where it runs: Docker Desktop on macOS and Windows (PowerShell), the service elsewhere. */
function startCommands(os: string | undefined): string[] {
	if (os === 'darwin') return ['open -a Docker'];
	if (os === 'windows') return ['Start-Process "$Env:ProgramFiles\\Docker\\Docker\\Docker Desktop.exe"'];
	return ['sudo systemctl start docker', 'sudo systemctl enable docker'];
}

const PROBLEMS: readonly EngineProblem[] = [
	{
		id: 'docker-unreachable',
		failure: ['docker.unreachable', 'docker.bad-endpoint', 'docker.error'],
		signal: 'daemon-unreachable',
		title: 'The Docker engine does not answer',
		why: 'Nothing listens at the endpoint the docker CLI would use: Docker is not installed, not running, or the CLI points at another engine (context or DOCKER_HOST).',
		fix: (endpoint, {facts, cli}) => ({
			summary: `Start Docker (or point at the running one) so that ${endpoint} answers.`,
			commands: [
				'docker context ls',
				...startCommands(facts.host.osKind?.value),
				`${cli.docker} version`,
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
		fix: (_endpoint, {cli}) => ({
			summary: 'Add yourself to the docker group (root-equivalent power), then log out and in; or use rootless Docker.',
			commands: ['sudo usermod -aG docker $USER', 'newgrp docker', `${cli.docker} version`],
		}),
	},
	{
		id: 'docker-timeout',
		failure: ['docker.timeout'],
		title: 'The Docker engine did not answer in time',
		why: 'The endpoint accepted the connection but gave no answer before the deadline: the engine is hung, starting, or overloaded.',
		fix: (endpoint, {cli}) => ({
			summary: `Restart the engine behind ${endpoint}, or give it longer with --timeout.`,
			commands: ['sudo systemctl restart docker', `${cli.docker} version`, `${cli.doctor} --timeout 10000`],
		}),
	},
	{
		id: 'docker-api-too-old',
		failure: ['docker.api-too-old'],
		title: 'The Docker engine is too old',
		why: 'Its API predates the platform and distribution features the fixes rely on (API 1.30+ to read published platforms, 1.32+ to pull a platform).',
		fix: (_endpoint, {cli}) => ({summary: 'Upgrade Docker Engine.', commands: [`${cli.docker} version`, 'curl -fsSL https://get.docker.com | sh']}),
	},
];

/** The finding says what happened at the endpoint, not one sentence for every fault. */
const BY_CAUSE: Readonly<Record<NonNullable<EngineFailure['cause']>, {readonly title: string; readonly why: string}>> = {
	missing: {
		title: 'The Docker engine does not answer',
		why: 'There is no socket at the endpoint the docker CLI would use: Docker is not installed, not running, or the CLI points at another engine (context or DOCKER_HOST).',
	},
	refused: {title: 'The Docker engine does not answer', why: 'The connection was refused: nothing listens at the endpoint (Docker is not running there), or a firewall turns it away.'},
	unresolved: {title: "The Docker engine's host is not found", why: 'The endpoint names a host this machine cannot resolve: check the name in DOCKER_HOST or the context.'},
	'connect-timeout': {title: 'The Docker engine could not be reached in time', why: 'No connection was made before the deadline: the host is down, unreachable, or a firewall drops the packets.'},
	'answer-timeout': {
		title: 'The Docker engine did not answer in time',
		why: 'The endpoint accepted the connection but gave no answer before the deadline: the engine is hung, starting, or overloaded.',
	},
	tls: {
		title: 'The TLS connection to the Docker engine failed',
		why: "The engine could not be talked to over TLS: the certificate, key or CA (DOCKER_CERT_PATH or the context's tls folder) is broken, or does not match the engine.",
	},
	http: {title: 'The Docker engine answers with an error', why: "Something answers at the endpoint but returns an HTTP error instead of the engine's answer; its message is in the evidence."},
	'not-an-engine': {
		title: 'Something other than a Docker engine answers',
		why: 'The endpoint answers, but not as a Docker engine does (an HTML page, JSON that does not parse or has the wrong shape): it points at another service.',
	},
};

export const engineRules: Rule = context => {
	const {facts} = context;
	const out: Finding[] = [];
	for (const problem of PROBLEMS) {
		const failure = facts.engineFailure && problem.failure.includes(facts.engineFailure.code) ? facts.engineFailure : undefined;
		const signal = problem.signal ? facts.signals.find(s => s.kind === problem.signal) : undefined;
		if (!failure && !signal) continue;
		const endpoint = failure?.endpoint ?? facts.endpoint?.host ?? (facts.host.osKind?.value === 'windows' ? 'npipe:////./pipe/docker_engine' : 'unix:///var/run/docker.sock');
		out.push({
			id: problem.id,
			severity: 'error',
			title: (failure?.cause && BY_CAUSE[failure.cause]?.title) ?? problem.title,
			why: (failure?.cause && BY_CAUSE[failure.cause]?.why) ?? problem.why,
			evidence: [
				...(failure ? [{text: `${failure.message}${facts.endpoint ? ` (endpoint ${facts.endpoint.host}, chosen by ${facts.endpoint.reason})` : ''}`, source: failure.source}] : []),
				...(signal ? [{text: signal.source.excerpt ?? problem.title, source: signal.source}] : []),
			],
			fix: problem.fix(endpoint, context),
		});
	}
	return out;
};

/**
 * What could not be checked, said: a partial result must not read as a clean one (hung containers
 * that silently vanish used to end in "No problems found").
 */
export const incompleteRules: Rule = ({facts, cli}) => {
	const out: Finding[] = [];
	const parts = facts.incomplete ?? [];
	const config = parts.filter(p => p.part === 'docker-config');
	const partial = parts.filter(p => p.part !== 'docker-config');
	if (config.length > 0) {
		out.push({
			id: 'docker-config-invalid',
			severity: 'warning',
			title: "Docker's config.json is damaged",
			why: 'The docker CLI refuses to run with a config file it cannot parse, and the doctor cannot tell which context it would use.',
			evidence: config.map(p => ({text: p.message, source: p.source})),
			fix: {
				summary: 'Repair or move the file aside; the docker CLI writes a fresh one on the next login.',
				commands: ['mv ~/.docker/config.json ~/.docker/config.json.broken', `${cli.docker} version`],
			},
		});
	}
	if (partial.length > 0) {
		out.push({
			id: 'check-incomplete',
			severity: 'warning',
			title: 'This result is partial: part of the engine did not answer in time',
			why: 'Some calls to the engine timed out or failed, so containers or images it holds may be missing from this report; what is shown is only what answered.',
			evidence: partial.map(p => ({text: p.message, source: p.source})),
			fix: {
				summary: 'Check the engine (it may be overloaded or hung), then run again, with a longer --timeout if it is just slow.',
				commands: [`${cli.docker} ps -a`, `${cli.doctor} --timeout 10000`],
			},
		});
	}
	return out;
};
