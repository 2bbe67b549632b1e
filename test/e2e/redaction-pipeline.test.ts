// Redaction end to end: secrets planted in every place a machine keeps them (home, host name,
// env tokens, a Docker config with auths, DOCKER_HOST with credentials, a context's TLS folder,
// engine answers, container logs) go through probe → diagnose → report and snapshot → replay.
// No rendering and no snapshot may contain any of them; the verdict and finding ids stay.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {diagnose} from '../../source/diagnosis/diagnose.js';
import {collectFacts} from '../../source/facts/collect.js';
import type {Host} from '../../source/facts/seam/host.js';
import {createRecordingHost} from '../../source/facts/seam/recording-host.js';
import {createReplayHost} from '../../source/facts/seam/replay-host.js';
import {buildReport, type Report} from '../../source/presentation/report-model.js';
import {renderJson} from '../../source/presentation/render/json.js';
import {renderMarkdown} from '../../source/presentation/render/markdown.js';
import {renderPlain} from '../../source/presentation/render/plain.js';
import {createRedactor} from '../../source/report/redact.js';
import {redactReport} from '../../source/report/redact-report.js';
import {redactSnapshot} from '../../source/report/redact-snapshot.js';
import {readSnapshotFile} from '../../source/snapshot/read-snapshot.js';
import {PI_SECRETS, piHost} from '../unit/snapshot/scenarios.js';

const secrets = Object.entries(PI_SECRETS);

function assertNoSecrets(name: string, text: string) {
	for (const [label, value] of secrets) {
		assert.ok(
			!text.toLowerCase().includes(value.toLowerCase()),
			`${name} leaks ${label} (${value}) near: ${JSON.stringify(text.slice(Math.max(0, text.toLowerCase().indexOf(value.toLowerCase()) - 60), text.toLowerCase().indexOf(value.toLowerCase()) + value.length + 20))}`,
		);
	}
}

async function reportOf(host: Host): Promise<Report> {
	const {facts} = await collectFacts({host, timeoutMs: 500, offline: false, noEngine: false});
	return buildReport(facts, diagnose(facts), '0.1.0');
}

const renderings = (report: Report): [string, string][] => [
	['markdown', renderMarkdown(report)],
	['plain', renderPlain(report, {color: false, ascii: false})],
	['json', renderJson(report)],
];

for (const tcp of [false, true]) {
	describe(`redaction, engine over ${tcp ? 'tcp:// with credentials and TLS' : 'the local socket'}`, async () => {
		const redactor = createRedactor({hostname: PI_SECRETS.hostname, username: PI_SECRETS.username, home: PI_SECRETS.home});
		const recording = createRecordingHost(piHost({tcp}));
		const live = await reportOf(recording.host);
		// The probes never read these; a future probe might, so the snapshot must be safe when it does.
		void Object.keys(recording.host.env);
		for (const name of ['GITHUB_TOKEN', 'OPENAI_API_KEY', 'DOCKER_AUTH_CONFIG', 'HTTPS_PROXY', 'SSH_CONNECTION']) void recording.host.env[name];
		await recording.host.readText(`${PI_SECRETS.home}/.docker/config.json`);
		const snapshot = recording.snapshot();
		const redactedSnapshot = redactSnapshot(snapshot, redactor);
		const snapshotText = JSON.stringify(redactedSnapshot, null, 2);

		it('the unredacted outputs do carry the planted secrets (the test plants where it should)', () => {
			const all =
				renderings(live)
					.map(([, text]) => text)
					.join('\n') + JSON.stringify(snapshot);
			const found = secrets.filter(([, value]) => all.toLowerCase().includes(value.toLowerCase())).map(([label]) => label);
			for (const label of ['hostname', 'username', 'home', 'token', 'apiKey', 'registryAuth', 'identityToken', 'ip', 'mac', 'serial', 'jwt', 'proxyPassword']) {
				assert.ok(found.includes(label), `${label} never reached an output: ${found.join()}`);
			}
			if (tcp) assert.ok(found.includes('dockerHostPassword') && found.includes('dockerHostUser'));
		});

		it('no rendering of the redacted report carries a secret; verdict and ids unchanged', () => {
			const redacted = redactReport(live, redactor);
			for (const [name, text] of renderings(redacted)) assertNoSecrets(name, text);
			assert.deepEqual(redacted.verdict.platform, live.verdict.platform);
			assert.deepEqual(redacted.verdict.nativePlatforms, live.verdict.nativePlatforms);
			assert.deepEqual(
				redacted.findings.map(f => [f.id, f.severity]),
				live.findings.map(f => [f.id, f.severity]),
			);
			// Over tcp:// the engine is another machine: this host's facts (and its name) are not in the report, the endpoint's address is.
			assert.match(renderMarkdown(redacted), tcp ? /ip-\d+\.invalid/ : /&lt;host-1&gt;|host-1\.invalid|<host-1>/);
		});

		it('the redacted snapshot carries no secret', () => {
			assertNoSecrets('snapshot', snapshotText);
			assert.doesNotMatch(snapshotText, /"Env"/);
		});

		it('the redacted snapshot still replays to the same verdict and findings', async () => {
			const read = readSnapshotFile(snapshotText);
			assert.ok(!('error' in read), 'error' in read ? read.error : '');
			const replayed = await reportOf(createReplayHost(read));
			assert.deepEqual(replayed.verdict.platform, live.verdict.platform);
			assert.deepEqual(replayed.verdict.dockerDefault, live.verdict.dockerDefault);
			assert.deepEqual(
				replayed.findings.map(f => f.id),
				live.findings.map(f => f.id),
			);
			assert.deepEqual(replayed.engine?.endpoint?.reason, live.engine?.endpoint?.reason);
			for (const [name, text] of renderings(redactReport(replayed, redactor))) assertNoSecrets(`replayed ${name}`, text);
		});
	});
}
