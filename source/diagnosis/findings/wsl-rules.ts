import {evidenceOf, type Rule} from './context.js';

export const wsl1: Rule = ({facts}) => {
	const {host} = facts;
	if (host.wsl?.value !== 'wsl1') return [];
	const distro = host.wslDistro?.value ?? '<distro>';
	return [
		{
			id: 'wsl1',
			severity: facts.engine ? 'warning' : 'error',
			title: 'This Linux runs under WSL 1, which cannot run Docker',
			why: "WSL 1 translates Linux calls instead of running a Linux kernel, so neither dockerd nor Docker Desktop's WSL integration works in it.",
			evidence: [...evidenceOf('WSL', host.wsl), ...evidenceOf('kernel release', host.kernelRelease), ...evidenceOf('distro', host.wslDistro)],
			fix: {
				summary: "Convert the distro to WSL 2 (in PowerShell on Windows), then enable Docker Desktop's WSL integration for it.",
				commands: [`wsl --set-version ${distro} 2`, 'wsl --set-default-version 2', 'wsl -l -v'],
			},
		},
	];
};

export const wslIntegrationDisabled: Rule = ({facts, cli}) => {
	const signal = facts.signals.find(s => s.kind === 'wsl-integration-stub');
	const failure = facts.engineFailure?.code === 'docker.wsl-integration-disabled' ? facts.engineFailure : undefined;
	if (!signal && !failure) return [];
	const distro = facts.host.wslDistro?.value;
	return [
		{
			id: 'wsl-integration-disabled',
			severity: 'error',
			title: "Docker Desktop's WSL integration is off for this distro",
			why: "The `docker` command here is Docker Desktop's placeholder: it only prints a hint until integration is enabled for this distro.",
			evidence: [
				...(signal ? [{text: `docker said: ${signal.source.excerpt ?? 'WSL integration stub'}`, source: signal.source}] : []),
				...(failure ? [{text: failure.message, source: failure.source}] : []),
			],
			fix: {
				summary: "Enable WSL integration for this distro in Docker Desktop, then reload the shell's command cache.",
				commands: ['hash -r', `${cli.docker} version`],
				steps: [
					'Open Docker Desktop → Settings → Resources → WSL integration.',
					`Turn on integration for ${distro ? `"${distro}"` : 'this distro'} and press "Apply & restart".`,
					'If the toggle is greyed out, switch Docker Desktop to Linux containers first.',
					'In this shell run `hash -r` (the old placeholder may stay cached), then check again.',
				],
			},
		},
	];
};
