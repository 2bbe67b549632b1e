import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {createRedactor} from '../../../source/report/redact.js';

const context = {hostname: 'alice-workstation.lan', username: 'alice', home: '/home/alice', extraSecrets: ['hunter2-extra']};

describe('redactText', () => {
	it('host name, short and full, including the engine Name, with stable placeholders', () => {
		const r = createRedactor(context);
		assert.equal(r.redactText('Name: alice-workstation'), 'Name: <host-1>');
		assert.equal(r.redactText('alice-workstation.lan and ALICE-WORKSTATION'), '<host-2> and <host-1>');
		assert.equal(r.redactText('alice-workstation'), '<host-1>');
	});

	it("home paths: the user's own is ~, other users get placeholders", () => {
		const r = createRedactor({...context, hostname: undefined});
		assert.equal(r.redactText('/home/alice/.docker/contexts/tls/abc/docker/key.pem'), '~/.docker/contexts/tls/abc/docker/key.pem');
		assert.equal(r.redactText('unix:///home/alice/.colima/default/docker.sock'), 'unix://~/.colima/default/docker.sock');
		assert.equal(r.redactText('/home/alice2/x /home/bob/y /Users/carol/z /Users/Shared/w'), '/home/<user-1>/x /home/<user-2>/y /Users/<user-3>/z /Users/Shared/w');
		assert.equal(r.redactText('C:\\Users\\dave\\.docker and "C:\\\\Users\\\\dave"'), 'C:\\Users\\<user-4>\\.docker and "C:\\\\Users\\\\<user-4>"');
		const w = createRedactor({home: 'C:\\Users\\Erin', username: 'Erin'});
		assert.equal(w.redactText('c:\\users\\erin\\.docker\\config.json'), '~\\.docker\\config.json');
		assert.equal(w.redactText('C:/Users/Erin/.docker'), '~/.docker');
	});

	it('the user name as a word, not inside other words; generic names stay', () => {
		const r = createRedactor(context);
		assert.equal(r.redactText('logged in as alice (malice? alicex)'), 'logged in as <user-1> (malice? alicex)');
		const pi = createRedactor({username: 'pi', hostname: 'raspberrypi', home: '/home/pi'});
		assert.equal(pi.redactText('Raspberry Pi on raspberrypi, linux/arm64 for pi in /home/pi/x'), 'Raspberry Pi on raspberrypi, linux/arm64 for pi in ~/x');
	});

	it('IPv4 and IPv6 addresses, but not versions, loopback or ports', () => {
		const r = createRedactor({});
		assert.equal(r.redactText('inet 192.168.1.23/24 gw 192.168.1.1, again 192.168.1.23.'), 'inet <ip-1>/24 gw <ip-2>, again <ip-1>.');
		assert.equal(r.redactText('kernel 5.10.63-v8+, API 1.41, Docker 24.0.7, build 1.2.3.4.5, go1.20.4'), 'kernel 5.10.63-v8+, API 1.41, Docker 24.0.7, build 1.2.3.4.5, go1.20.4');
		assert.equal(r.redactText('127.0.0.1:8000 0.0.0.0:8000 [::]:8000 ::1 12:34:56'), '127.0.0.1:8000 0.0.0.0:8000 [::]:8000 ::1 12:34:56');
		assert.equal(r.redactText('fe80::1c2b:3aff:fe4d:5e6f%eth0 and 2001:db8::8a2e:370:7334'), '<ip-3> and <ip-4>');
		assert.equal(r.redactText('sha256:0123456789abcdef'), 'sha256:0123456789abcdef');
	});

	it('MAC addresses', () => {
		const r = createRedactor({});
		assert.equal(r.redactText('ether dc:a6:32:01:02:03 / DC-A6-32-01-02-03'), 'ether <mac-1> / <mac-2>');
	});

	it('tokens in assignments, JSON, URLs, bearer and JWT strings', () => {
		const r = createRedactor(context);
		const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abcdefghij';
		const cases: [string, string][] = [
			['GITHUB_TOKEN=abc123def', 'GITHUB_TOKEN=<secret-1>'],
			['export OPENAI_API_KEY="sk-live with space"', 'export OPENAI_API_KEY="<secret-2>"'],
			['AWS_SECRET_ACCESS_KEY: wJalrXUtnFEMI', 'AWS_SECRET_ACCESS_KEY: <secret-3>'],
			['DB_PASSWORD=pw1 MYSQL_ROOT_PASSWORD=pw1', 'DB_PASSWORD=<secret-4> MYSQL_ROOT_PASSWORD=<secret-4>'],
			['{"auths":{"ghcr.io":{"auth":"YWxpY2U6cGFzcw=="}}}', '{"auths":{"ghcr.io":{"auth":"<secret-5>"}}}'],
			['DOCKER_HOST=tcp://bob:s3cret@10.1.2.3:2376', 'DOCKER_HOST=tcp://<user-1>:<secret-6>@ip-1.invalid:2376'],
			['ssh://carol@buildbox:22', 'ssh://<user-2>@host-1.invalid:22'],
			['https://ghcr.io/v2/ unix:///var/run/docker.sock', 'https://ghcr.io/v2/ unix:///var/run/docker.sock'],
			['http://proxyuser:proxypw@proxy.corp:3128', 'http://<user-3>:<secret-7>@proxy.corp:3128'],
			['Authorization: Bearer abcdefghijklmnop', 'Authorization: Bearer <secret-8>'],
			[`token ${jwt} and ghp_${'a'.repeat(36)}`, `token <secret-9> and <secret-10>`],
			['Env: ["CHATGPT_TOKEN=xyz12345"]', 'Env: ["CHATGPT_TOKEN=<secret-11>"]'],
			['"Env": "SESSION_SECRET=xyz"', '"Env": "SESSION_SECRET=<secret-12>"'],
			['password hunter2-extra here', 'password <secret-13> here'],
			['Serial\t\t: 10000000abcdef12', 'Serial\t\t: <secret-14>'],
			['Username: alice', 'Username: <user-4>'],
			['tcp://[fe80::1]:2376 and 10.1.2.3 and tcp://host-1.invalid:2376', 'tcp://ip-2.invalid:2376 and <ip-1> and tcp://host-1.invalid:2376'],
		];
		for (const [input, expected] of cases) assert.equal(r.redactText(input), expected, input);
	});

	it('ssh:// endpoints stay endpoints: not an e-mail, not a home folder', () => {
		const r = createRedactor({hostname: 'box', username: 'root', home: '/root', otherHostnames: ['pi4.local']});
		assert.equal(r.redactText('ssh://root@127.0.0.1:38061'), 'ssh://root@127.0.0.1:38061');
		assert.equal(r.redactText('ssh://pi@pi4.local'), 'ssh://pi@host-1.invalid');
		assert.equal(r.redactText('unix:///root/.docker/run/docker.sock and /root/x'), 'unix://~/.docker/run/docker.sock and ~/x');
		assert.equal(r.redactText('mail alice@example.org'), 'mail <email-1>');
	});

	it('the shortest token shapes and lone names are caught as they are in longer text', () => {
		const r = createRedactor(context);
		const alone = ['xoxb-1234567890', 'AKIAABCDEFGHIJKLMNOP', 'Bearer abcdefgh', 'alice', 'ALICE-WORKSTATION', 'dc:a6:32:01:02:03', '10.0.0.7', 'fe80::1'];
		for (const text of alone) {
			assert.notEqual(r.redactText(text), text, text);
			// The same string met again (a report repeats keys and values) gives the same answer.
			assert.equal(r.redactText(text), r.redactText(`${text}`), text);
			assert.equal(r.redactText(`(${text})`), `(${r.redactText(text)})`, text);
		}
	});

	it('the engine ID', () => {
		const r = createRedactor({});
		assert.equal(r.redactText('ID: ABCD:EFGH:IJKL:MNOP:QRST:UVWX:YZ12:3456:789A:BCDE:FGHI:JKLM'), 'ID: <secret-1>');
	});

	it('PEM blocks', () => {
		const r = createRedactor({});
		const out = r.redactText('-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----');
		assert.doesNotMatch(out, /MIIE/);
		assert.match(out, /<secret-1>/);
	});

	it('leaves report vocabulary alone', () => {
		const r = createRedactor({hostname: 'arm64', username: 'docker'});
		const text = 'Use linux/arm/v7: docker pull --platform linux/arm64 ghcr.io/thebtf/chatmock:latest; exit 255; key: value';
		assert.equal(r.redactText(text), text);
	});
});

describe('redactValue', () => {
	it('deep, by key, keys too; non-strings untouched', () => {
		const r = createRedactor(context);
		const input = {
			env: {GITHUB_TOKEN: 'ghtok', DOCKER_AUTH_CONFIG: '{"auths":{}}', HOME: '/home/alice', USER: 'alice', PATH: '/usr/bin'},
			config: {auths: {'ghcr.io': {auth: 'b64', identitytoken: 'idt', email: 'a@b.c'}}, credsStore: 'desktop', currentContext: 'colima'},
			files: {'/home/alice/.docker/config.json': {text: 'x'}},
			list: ['alice-workstation', 1, true, null],
			password: 12345,
			SkipTLSVerify: false,
		};
		const out = r.redactValue(input);
		assert.deepEqual(out, {
			env: {GITHUB_TOKEN: '<secret-1>', DOCKER_AUTH_CONFIG: '<secret-2>', HOME: '~', USER: '<user-1>', PATH: '/usr/bin'},
			config: {auths: {'ghcr.io': {auth: '<secret-3>', identitytoken: '<secret-4>', email: '<secret-5>'}}, credsStore: 'desktop', currentContext: 'colima'},
			files: {'~/.docker/config.json': {text: 'x'}},
			list: ['<host-1>', 1, true, null],
			password: '<secret-6>',
			SkipTLSVerify: false,
		});
		assert.equal(JSON.stringify(input).includes('ghtok'), true, 'input not mutated');
	});
});

describe('redaction context and idempotence', () => {
	it('takes home, user and host from the host, the caller first', async () => {
		const {redactionContextOf} = await import('../../../source/report/redaction-context.js');
		assert.deepEqual(redactionContextOf({env: {USER: 'envuser', HOSTNAME: 'envhost'}, home: '/home/alice'}, {hostname: 'real-host'}), {
			hostname: 'real-host',
			username: 'envuser',
			home: '/home/alice',
		});
		assert.deepEqual(redactionContextOf({env: {USERPROFILE: 'C:\\Users\\Erin', COMPUTERNAME: 'ERIN-PC'}}), {
			hostname: 'ERIN-PC',
			username: 'Erin',
			home: 'C:\\Users\\Erin',
		});
	});

	it('redacting twice changes nothing more', () => {
		const first = createRedactor(context);
		const text = 'alice-workstation /home/alice/x /home/bob/y C:\\Users\\dave tcp://u:p@10.1.2.3:2376 ssh://me@box GITHUB_TOKEN=abc fe80::1 dc:a6:32:01:02:03 Bearer abcdefghijk';
		const once = first.redactText(text);
		assert.equal(createRedactor({}).redactText(once), once);
		assert.equal(createRedactor(context).redactText(once), once);
	});
});
