import assert from 'node:assert/strict';
import {createHash} from 'node:crypto';
import {describe, test} from 'node:test';
import {parseCli, UsageError} from '../../../source/cli/args.js';
import {sharesThisMachine} from '../../../source/facts/engine/engine-host.js';
import {createMemoryHost} from '../../../source/facts/seam/memory-host.js';
import {listEngineTargets} from '../../../source/fleet/engine-targets.js';
import {buildFleetReport, fleetExitCode, worstFinding, type FleetEngine} from '../../../source/fleet/fleet-report.js';
import {fleetExitCode as screenExitCode, initialFleet, reduceFleet} from '../../../source/presentation/interactive/fleet-state.js';
import {renderFleetJson, renderFleetMarkdown, renderFleetPlain} from '../../../source/presentation/render/fleet.js';
import {sampleReport} from '../report/sample-report.js';

const meta = (name: string, host: string) => JSON.stringify({Name: name, Metadata: {}, Endpoints: {docker: {Host: host}}});
const digest = (name: string) => createHash('sha256').update(name).digest('hex');

describe('the engines the docker CLI knows', () => {
	test('"default" first, then every context of the store by name; a broken meta.json is passed over', async () => {
		const host = createMemoryHost({
			env: {HOME: '/home/pi'},
			files: {
				[`/home/pi/.docker/contexts/meta/${digest('pi4')}/meta.json`]: meta('pi4', 'ssh://pi@pi4.local'),
				[`/home/pi/.docker/contexts/meta/${digest('nas')}/meta.json`]: meta('nas', 'tcp://nas:2376'),
				[`/home/pi/.docker/contexts/meta/${digest('broken')}/meta.json`]: '{not json',
				'/home/pi/.docker/contexts/meta/not-a-digest/meta.json': meta('stray', 'unix:///x'),
			},
		});
		assert.deepEqual(
			(await listEngineTargets(host)).map(t => t.name),
			['default', 'nas', 'pi4'],
		);
	});

	test('DOCKER_CONFIG is the store when set; no store is just "default"', async () => {
		const host = createMemoryHost({env: {HOME: '/root', DOCKER_CONFIG: '/cfg'}, files: {[`/cfg/contexts/meta/${digest('x')}/meta.json`]: meta('x', 'unix:///x.sock')}});
		assert.deepEqual(
			(await listEngineTargets(host)).map(t => t.name),
			['default', 'x'],
		);
		assert.deepEqual(
			(await listEngineTargets(createMemoryHost({env: {HOME: '/root'}}))).map(t => t.name),
			['default'],
		);
	});
});

describe('which engines speak for this machine', () => {
	test('sockets, pipes and the loopback do; ssh:// and other addresses do not', () => {
		for (const host of ['unix:///var/run/docker.sock', 'npipe:////./pipe/docker_engine', 'tcp://127.0.0.1:2375', 'tcp://localhost:2376', 'tcp://[::1]:2375']) {
			assert.equal(sharesThisMachine(host), true, host);
		}
		for (const host of ['ssh://pi@pi4.local', 'ssh://root@127.0.0.1:22', 'tcp://10.0.0.5:2376', 'tcp://nas.lan:2375', 'context pi (flag --context)', '']) {
			assert.equal(sharesThisMachine(host), false, host);
		}
	});
});

describe('the fleet report', () => {
	const withFindings = (errors: number, warnings: number) => {
		const base = sampleReport();
		const finding = (id: string, severity: 'error' | 'warning') => ({...base.findings[0]!, id: id as never, severity});
		const findings = [...Array.from({length: warnings}, (_, i) => finding(`w${i}`, 'warning')), ...Array.from({length: errors}, (_, i) => finding(`e${i}`, 'error'))];
		return {...base, findings, summary: {errors, warnings, infos: 0}};
	};
	const engines: FleetEngine[] = [
		{context: 'default', endpoint: 'unix:///var/run/docker.sock', remote: false, report: withFindings(0, 1)},
		{context: 'pi|4', endpoint: 'ssh://pi@<host-1>', remote: true, report: withFindings(1, 1)},
	];
	const fleet = buildFleetReport(engines, {name: 'chatmock-doctor', version: '9.9.9'});

	test('sums the engines, and exits with the worst of them', () => {
		assert.deepEqual(fleet.summary, {engines: 2, errors: 1, warnings: 2, infos: 0});
		assert.equal(fleetExitCode(fleet), 1);
		assert.equal(fleetExitCode(buildFleetReport([engines[0]!], fleet.tool)), 0);
	});

	test('a row shows the most severe finding, the first among equals', () => {
		assert.equal(worstFinding(engines[1]!.report)?.id, 'e0');
		assert.equal(worstFinding(engines[0]!.report)?.id, 'w0');
	});

	test('JSON: chatmock-doctor/fleet@1 with one report@1 per engine', () => {
		const parsed = JSON.parse(renderFleetJson(fleet)) as {schema: string; engines: {context: string; report: {schema: string}}[]};
		assert.equal(parsed.schema, 'chatmock-doctor/fleet@1');
		assert.deepEqual(
			parsed.engines.map(e => [e.context, e.report.schema]),
			[
				['default', 'chatmock-doctor/report@1'],
				['pi|4', 'chatmock-doctor/report@1'],
			],
		);
	});

	test('Markdown: a table of engines (pipes escaped), then a section per engine', () => {
		const text = renderFleetMarkdown(fleet);
		assert.match(text, /report for 2 engines/);
		assert.match(text, /^\| `default` \|/m);
		assert.ok(!/\| `pi\|4` \|/.test(text), 'a pipe in a context name must not split the row');
		assert.match(text, /^## Engine `default`$/m);
		assert.match(text, /^## Engine `pi\|4` \(judged on what the engine says of itself\)$/m);
	});

	test('plain: a line per engine, then each report', () => {
		const text = renderFleetPlain(fleet, {color: false, ascii: true});
		assert.match(text, /^2 Docker engines$/m);
		assert.match(text, /^ {2}pi\|4 +linux\/\S+ +error: e0 +ssh:\/\/pi@<host-1>$/m);
		assert.match(text, /^== default \(unix:\/\/\/var\/run\/docker\.sock\)$/m);
	});
});

describe('the fleet screen state', () => {
	test('rows fill in as engines end; Enter opens only a finished one; exit codes', () => {
		let state = initialFleet(['default', 'pi']);
		assert.equal(screenExitCode(state), 130);
		state = reduceFleet(state, {type: 'open'});
		assert.equal(state.opened, undefined, 'not while it is being checked');
		state = reduceFleet(state, {type: 'finished', row: {context: 'pi', platform: 'linux/arm64', errors: 1}});
		state = reduceFleet(state, {type: 'move', delta: 1});
		assert.equal(state.cursor, 1);
		state = reduceFleet(state, {type: 'move', delta: 1});
		assert.equal(state.cursor, 0, 'wraps');
		state = reduceFleet(state, {type: 'finished', row: {context: 'default', platform: 'linux/amd64', errors: 0}});
		assert.equal(screenExitCode(state), 1);
		assert.equal(reduceFleet(reduceFleet(state, {type: 'move', delta: -1}), {type: 'open'}).opened, 'pi');
	});
});

describe('several engines on the command line', () => {
	const parse = (...argv: string[]) => parseCli(argv, {});
	test('--context may be repeated; --all-contexts', () => {
		assert.deepEqual(parse('--context', 'a', '-c', 'b').dockerContexts, ['a', 'b']);
		assert.equal(parse('--context', 'a', '-c', 'b').dockerContext, undefined);
		assert.equal(parse('--context', 'a').dockerContext, 'a');
		assert.equal(parse('--all-contexts').allContexts, true);
	});
	test('what cannot go with several engines is a usage error', () => {
		for (const argv of [
			['--all-contexts', '--host', 'unix:///x'],
			['--all-contexts', '--context', 'a'],
			['--all-contexts', '--fix'],
			['-c', 'a', '-c', 'b', '--fix', '--yes'],
			['--all-contexts', '--no-engine'],
			['--all-contexts', '--root', '/mnt'],
			['triage', '--all-contexts'],
		]) {
			assert.throws(() => parse(...argv), UsageError, argv.join(' '));
		}
	});
});
