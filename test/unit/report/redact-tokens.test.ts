// Table-driven: real token shapes (from gitleaks' ruleset, config/gitleaks.toml, and the failures
// reproduced in the hostile-input run), each planted in a log line as it would appear, and each
// asserted gone from the redacted line. Tokens are assembled at run time so that no token-shaped
// literal sits in the repository. Readability cases assert what must stay.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {createRedactor} from '../../../source/report/redact.js';
import {TOKEN_RULES} from '../../../source/report/redact-tokens.js';

/** Deterministic filler of a given alphabet and length. */
function fill(alphabet: string, length: number, seed = 7): string {
	let out = '';
	let x = seed;
	for (let i = 0; i < length; i++) {
		x = (x * 1103515245 + 12345) % 2147483648;
		out += alphabet[x % alphabet.length];
	}
	return out;
}
const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const HEX = '0123456789abcdef';
const UPPER_B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const B64 = `${ALNUM}+/`;
const j = (...parts: string[]) => parts.join('');

/** [name, the line as logged, the secret parts that must not survive]. */
const CASES: [string, string, string[]][] = [
	['AWS access key id', `aws_access_key_id ${j('AKIA', fill(UPPER_B32, 16))}`, [j('AKIA', fill(UPPER_B32, 16))]],
	['AWS STS key id', `using ${j('ASIA', fill(UPPER_B32, 16, 3))}`, [j('ASIA', fill(UPPER_B32, 16, 3))]],
	['AWS secret key, bare', `secret wJal${fill(ALNUM, 29, 11)}/K7+9Q2 here`, [`wJal${fill(ALNUM, 29, 11)}/K7+9Q2`]],
	['Google API key', `maps key ${j('AIza', fill(`${ALNUM}_-`, 35))} loaded`, [j('AIza', fill(`${ALNUM}_-`, 35))]],
	['GitHub PAT', `git clone https://x:${j('ghp_', fill(ALNUM, 36))}@github.com/a/b`, [j('ghp_', fill(ALNUM, 36))]],
	['GitHub PAT after an underscore (container name)', `container ${j('chatmock_', 'ghp_', fill(ALNUM, 36, 5))} exited`, [j('ghp_', fill(ALNUM, 36, 5))]],
	['GitHub OAuth token', `token ${j('gho_', fill(ALNUM, 36, 9))}`, [j('gho_', fill(ALNUM, 36, 9))]],
	['GitHub app token', `${j('ghs_', fill(ALNUM, 36, 13))}`, [j('ghs_', fill(ALNUM, 36, 13))]],
	['GitHub refresh token', `refresh ${j('ghr_', fill(ALNUM, 36, 17))}`, [j('ghr_', fill(ALNUM, 36, 17))]],
	['GitHub fine-grained PAT', `${j('github_pat_', fill(`${ALNUM}_`, 82))}`, [j('github_pat_', fill(`${ALNUM}_`, 82))]],
	['GitLab PAT', `CI uses ${j('glpat-', fill(ALNUM, 20))}`, [j('glpat-', fill(ALNUM, 20))]],
	['GitLab pipeline trigger', `${j('glptt-', fill(HEX, 40))}`, [j('glptt-', fill(HEX, 40))]],
	['GitLab runner token', `runner ${j('glrt-', fill(ALNUM, 20, 21))}`, [j('glrt-', fill(ALNUM, 20, 21))]],
	['Slack bot token', `${j('xoxb-', '1234567890', '-', '1234567890123', '-', fill(ALNUM, 24))}`, [fill(ALNUM, 24)]],
	['Slack user token', `${j('xoxp-', '1234567890-1234567890-1234567890-', fill(HEX, 32))}`, [fill(HEX, 32)]],
	['Slack webhook URL', `POST ${j('https://hooks.', 'slack.com/services/', 'T', fill(UPPER_B32, 8), '/B', fill(UPPER_B32, 8), '/', fill(ALNUM, 24))}`, [fill(ALNUM, 24)]],
	['Discord webhook URL', `${j('https://discord.com/api/', 'webhooks/', '123456789012345678/', fill(`${ALNUM}_-`, 68))}`, [fill(`${ALNUM}_-`, 68)]],
	['npm token', `//registry/:_authToken=${j('npm_', fill(ALNUM, 36))}`, [j('npm_', fill(ALNUM, 36))]],
	['npm token, bare in a log', `publishing with ${j('npm_', fill(ALNUM, 36, 23))}`, [j('npm_', fill(ALNUM, 36, 23))]],
	['PyPI token', `${j('pypi-', 'AgEIcHlwaS5vcmc', fill(`${ALNUM}_-`, 60))}`, [fill(`${ALNUM}_-`, 60)]],
	['RubyGems key', `${j('rubygems_', fill(HEX, 48))}`, [j('rubygems_', fill(HEX, 48))]],
	['Hugging Face token', `HF login ${j('hf_', fill(LETTERS, 34))} ok`, [j('hf_', fill(LETTERS, 34))]],
	['Stripe live key', `charge with ${j('sk_', 'live_', fill(ALNUM, 24))}`, [j('sk_', 'live_', fill(ALNUM, 24))]],
	['Stripe restricted key', `${j('rk_', 'live_', fill(ALNUM, 24, 29))}`, [j('rk_', 'live_', fill(ALNUM, 24, 29))]],
	['OpenAI project key', `OPENAI ${j('sk-proj-', fill(`${ALNUM}_-`, 48))}`, [j('sk-proj-', fill(`${ALNUM}_-`, 48))]],
	['Anthropic key', `${j('sk-ant-api03-', fill(`${ALNUM}_-`, 93), 'AA')}`, [fill(`${ALNUM}_-`, 93)]],
	['SendGrid key', `${j('SG.', fill(ALNUM, 22), '.', fill(ALNUM, 43))}`, [fill(ALNUM, 43)]],
	['Twilio key', `twilio ${j('SK', fill(HEX, 32))}`, [j('SK', fill(HEX, 32))]],
	['Mailgun key', `${j('key-', fill(HEX, 32, 31))}`, [fill(HEX, 32, 31)]],
	['Mailchimp key', `${j(fill(HEX, 32, 37), '-us12')}`, [fill(HEX, 32, 37)]],
	['Shopify token', `${j('shpat_', fill(HEX, 32, 41))}`, [fill(HEX, 32, 41)]],
	['DigitalOcean token', `${j('dop_v1_', fill(HEX, 64))}`, [fill(HEX, 64)]],
	['Linear key', `${j('lin_api_', fill(ALNUM, 40))}`, [fill(ALNUM, 40)]],
	['Postman key', `${j('PMAK-', fill(HEX, 24), '-', fill(HEX, 34))}`, [fill(HEX, 34)]],
	['Pulumi token', `${j('pul-', fill(HEX, 40, 43))}`, [fill(HEX, 40, 43)]],
	['Doppler token', `${j('dp.pt.', fill(ALNUM, 43))}`, [fill(ALNUM, 43)]],
	['Databricks token', `${j('dapi', fill(HEX, 32, 47))}`, [fill(HEX, 32, 47)]],
	['Grafana service account', `${j('glsa_', fill(ALNUM, 32), '_', fill(HEX, 8))}`, [fill(ALNUM, 32)]],
	['Vault token', `VAULT ${j('hvs.', fill(`${ALNUM}_-`, 90))}`, [fill(`${ALNUM}_-`, 90)]],
	['age secret key', `${j('AGE-SECRET-KEY-1', fill('QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L', 58))}`, [fill('QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L', 58)]],
	['Docker Hub PAT', `${j('dckr_pat_', fill(`${ALNUM}_-`, 27))}`, [fill(`${ALNUM}_-`, 27)]],
	['Tailscale key', `${j('tskey-auth-', fill(ALNUM, 30))}`, [fill(ALNUM, 30)]],
	['Telegram bot token', `bot ${j('1234567890:AA', fill(`${ALNUM}_-`, 33))}`, [fill(`${ALNUM}_-`, 33)]],
	['JWT', `id_token ${j('eyJ', fill(ALNUM, 20), '.eyJ', fill(ALNUM, 30), '.', fill(`${ALNUM}_-`, 43))}`, [fill(ALNUM, 30)]],
	['Authorization: Bearer', `Authorization: Bearer ${fill(ALNUM, 32, 53)}`, [fill(ALNUM, 32, 53)]],
	['Authorization: Token', `Authorization: Token ${fill(ALNUM, 32, 59)}`, [fill(ALNUM, 32, 59)]],
	['docker login -u -p', `docker login -u alicesmith -p ${fill(ALNUM, 16, 61)} registry.lan`, [fill(ALNUM, 16, 61), 'alicesmith']],
	['docker login --password=', `docker login --username=alicesmith --password=${fill(ALNUM, 16, 67)}`, [fill(ALNUM, 16, 67), 'alicesmith']],
	['curl -u user:pass', `curl -u alicesmith:${fill(ALNUM, 12, 71)} https://api`, [fill(ALNUM, 12, 71), 'alicesmith']],
	['password in prose', `mysql: using password ${fill(ALNUM, 12, 73)} for root`, [fill(ALNUM, 12, 73)]],
	['passphrase=', `ssh-keygen passphrase=${fill(ALNUM, 12, 79)}`, [fill(ALNUM, 12, 79)]],
	['Cookie header', `Cookie: session=${fill(ALNUM, 24, 83)}; csrftoken=${fill(ALNUM, 24, 89)}`, [fill(ALNUM, 24, 83), fill(ALNUM, 24, 89)]],
	['Set-Cookie header', `Set-Cookie: sid=${fill(ALNUM, 24, 97)}; Path=/; HttpOnly`, [fill(ALNUM, 24, 97)]],
	['e-mail address', 'signed in as alice.smith+ci@example.org', ['alice.smith+ci@example.org']],
	['ChatMock auth.json account_id', `{"tokens": {"account_id": "${fill(HEX, 8)}-${fill(HEX, 4)}-${fill(HEX, 12)}"}}`, [fill(HEX, 12)]],
	['generic key=value', `MY_SERVICE_API_KEY=${fill(ALNUM, 20, 101)}`, [fill(ALNUM, 20, 101)]],
	['generic -p value', `mysql -p ${fill(ALNUM, 14, 103)} db`, [fill(ALNUM, 14, 103)]],
	['resolver error names the remote host', 'dial tcp: lookup: getaddrinfo ENOTFOUND alice-nas.lan', ['alice-nas']],
	['a prompt: user and host', 'alicesmith@alice-laptop:~$ docker ps', ['alicesmith', 'alice-laptop']],
	['uname -a names the host', 'Linux alice-laptop 6.1.21-v8+ #1642 SMP PREEMPT aarch64 GNU/Linux', ['alice-laptop']],
	['private key in one string', `-----BEGIN OPENSSH PRIVATE KEY-----\n${fill(B64, 70)}\n-----END OPENSSH PRIVATE KEY-----`, [fill(B64, 70)]],
];

describe('redaction of real token shapes (gitleaks-derived table)', () => {
	it(`has at least 40 cases and every rule has an id`, () => {
		assert.ok(CASES.length >= 40, `${CASES.length}`);
		assert.ok(TOKEN_RULES.length >= 40);
		for (const rule of TOKEN_RULES) assert.ok(rule.id.length > 0 && new RegExp(rule.pattern));
	});
	for (const [name, line, secrets] of CASES) {
		it(name, () => {
			const out = createRedactor({}).redactText(line);
			for (const secret of secrets) assert.ok(!out.includes(secret), `${name}: ${JSON.stringify(secret)} survives in ${JSON.stringify(out)}`);
			assert.match(out, /<(?:secret|user|host|email)-\d+>/);
		});
	}
	it('an OpenSSH key split over log lines: every body line hidden, the END kept', () => {
		const body = [fill(B64, 70, 1), fill(B64, 70, 2), fill(B64, 30, 3)];
		const lines = ['starting', '-----BEGIN OPENSSH PRIVATE KEY-----', ...body, '-----END OPENSSH PRIVATE KEY-----', 'exec format error'];
		const out = createRedactor({}).redactValue({logTail: lines}).logTail;
		for (const line of body) assert.ok(!out.join('\n').includes(line));
		assert.equal(out[0], 'starting');
		assert.equal(out.at(-1), 'exec format error');
		assert.equal(out.at(-2), '-----END OPENSSH PRIVATE KEY-----');
	});
	it("the engine's own host name and a remote endpoint's, everywhere", () => {
		const r = createRedactor({hostname: 'doctor-box', otherHostnames: ['alice-nas.lan', 'bobs-engine']});
		const out = r.redactText('Name: bobs-engine; dial alice-nas.lan:2376; lookup alice-nas failed');
		assert.doesNotMatch(out, /bobs-engine|alice-nas/);
	});
});

describe('what redaction keeps readable', () => {
	const keep = (text: string) => assert.equal(createRedactor({hostname: 'alice-laptop', username: 'alicesmith'}).redactText(text), text);
	it('`{"tokens": {` is not a value', () => keep('{"tokens": {"id_token": null}}'.replace(', "id_token": null', '').replace('{"id_token": null}', '{')));
	it('nested objects after a secret-named key stay JSON', () => {
		const out = createRedactor({}).redactText('{"tokens": {"access_token": "abcdefgh12345678"}}');
		assert.match(out, /^\{"tokens": \{"access_token": "<secret-1>"\}\}$/);
	});
	it('a loopback endpoint keeps scheme, address and port', () => keep('tcp://127.0.0.1:23750'));
	it('a private endpoint keeps scheme, a placeholder host and the port', () => {
		const out = createRedactor({}).redactText('DOCKER_HOST=tcp://engineuser:pw@10.99.1.2:2376');
		assert.match(out, /^DOCKER_HOST=tcp:\/\/<user-\d+>:<secret-\d+>@ip-\d+\.invalid:2376$/);
	});
	it('a remote engine by name keeps scheme and port', () => {
		assert.match(createRedactor({}).redactText('tcp://alice-nas:2376'), /^tcp:\/\/host-\d+\.invalid:2376$/);
	});
	it('port mappings, paths, image digests and report vocabulary', () => {
		keep('docker run -p 8000:8000 -p 127.0.0.1:9000:9000/tcp ghcr.io/thebtf/chatmock:latest');
		keep('mkdir -p /opt/chatmock && ssh -p 2222 host');
		keep('ghcr.io/thebtf/chatmock@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef');
		keep('exec /app/start.sh: exec format error; password required; Password: ');
		keep('docker run -u 1000 image');
		keep('chatmock@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef');
		keep('0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef');
		keep('Linux version 6.1.21-v8+ #1642 SMP PREEMPT');
	});
});
