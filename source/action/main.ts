// The GitHub Action's entry (action.yml runs it): reads the workflow's event and environment,
// then triages the issue. Exit 0 when done or when there was nothing to do, 1 when GitHub refused.
import {readFileSync} from 'node:fs';
import {createGitHubApi} from './github-api.js';
import {readIssueEvent} from './issue-event.js';
import {runTriageAction} from './run-action.js';

async function main(env: NodeJS.ProcessEnv): Promise<number> {
	const eventPath = env['GITHUB_EVENT_PATH'];
	const token = env['GITHUB_TOKEN'] ?? '';
	if (eventPath === undefined || token === '') {
		process.stderr.write('chatmock-doctor triage: needs GITHUB_EVENT_PATH and GITHUB_TOKEN (run it from a workflow on `issues` events)\n');
		return 2;
	}
	let payload: unknown;
	try {
		payload = JSON.parse(readFileSync(eventPath, 'utf8'));
	} catch (error) {
		process.stderr.write(`chatmock-doctor triage: cannot read the event: ${(error as Error).message}\n`);
		return 2;
	}
	const event = readIssueEvent(payload, env['GITHUB_REPOSITORY']);
	if (event === undefined) {
		process.stdout.write('not an issue event: nothing to do\n');
		return 0;
	}
	const serverUrl = env['GITHUB_SERVER_URL'] ?? 'https://github.com';
	const api = createGitHubApi({apiUrl: env['GITHUB_API_URL'] ?? 'https://api.github.com', serverUrl, token});
	try {
		await runTriageAction({api, event, serverUrl, secrets: [token], log: line => process.stdout.write(`${line}\n`)});
		return 0;
	} catch (error) {
		process.stderr.write(`chatmock-doctor triage: ${(error as Error).message}\n`);
		return 1;
	}
}

main(process.env).then(
	code => {
		process.exitCode = code;
	},
	(error: unknown) => {
		process.stderr.write(`chatmock-doctor triage: unexpected failure: ${(error as Error)?.message ?? String(error)}\n`);
		process.exitCode = 1;
	},
);
