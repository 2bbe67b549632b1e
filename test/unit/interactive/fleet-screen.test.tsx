import assert from 'node:assert/strict';
import {Text} from 'ink';
import {useEffect} from 'react';
import {describe, test} from 'node:test';
import type {FleetMember} from '../../../source/fleet/collect-fleet.js';
import {FleetScreen} from '../../../source/presentation/interactive/fleet-screen.js';
import type {Report} from '../../../source/presentation/report-model.js';
import {sampleReport} from '../report/sample-report.js';
import {KEYS, renderInk} from './helpers.js';

const member = (name: string, host: string, remote: boolean): FleetMember => ({
	target: {name},
	remote,
	facts: {origin: 'live', host: {}, signals: [], endpoint: {host, reason: 'test', alternatives: []}},
});

function report(platform: string | null, error: boolean): Report {
	const base = sampleReport();
	const findings = error ? [{...base.findings[0]!, id: 'exec-format-error' as const, severity: 'error' as const}] : [];
	return {...base, verdict: {...base.verdict, platform}, findings, summary: {errors: error ? 1 : 0, warnings: 0, infos: 0}};
}

describe('the fleet screen', () => {
	test('rows fill in as each engine ends; Enter opens that engine; nothing opens while it is checked', async () => {
		let finish: ((name: string) => void) | undefined;
		const members: Record<string, FleetMember> = {default: member('default', 'unix:///var/run/docker.sock', false), pi: member('pi', 'ssh://pi@pi4.local', true)};
		const reports: Record<string, Report> = {default: report('linux/amd64', false), pi: report('linux/arm/v7', true)};
		const opened: string[] = [];
		const screen = renderInk(
			<FleetScreen
				contexts={['default', 'pi']}
				check={onMember =>
					new Promise(done => {
						finish = name => {
							onMember(members[name]!);
							if (name === 'default') done(undefined);
						};
					})
				}
				reportOf={m => reports[m.target.name]!}
				renderEngine={context => {
					opened.push(context);
					return <Text>engine screens of {context}</Text>;
				}}
			/>,
			{columns: 120},
		);
		await screen.waitFor(frame => frame.includes('2 Docker engines') && /pi\s+checking/.test(frame), 'both rows pending');
		finish!('pi');
		const frame = await screen.waitFor(f => /pi\s+use linux\/arm\/v7\s+error: exec-format-error\s+ssh:\/\/pi@pi4\.local \(remote\)/.test(f), 'the pi row');
		assert.match(frame, /default\s+checking/);
		screen.press(KEYS.enter);
		await screen.waitFor(f => /default\s+checking/.test(f), 'still the list');
		assert.deepEqual(opened, []);
		screen.press(KEYS.down);
		await screen.waitFor(f => /❯ \S+ pi/.test(f), 'the cursor on pi');
		screen.press(KEYS.enter);
		await screen.waitFor(f => f.includes('engine screens of pi'), 'the engine opened');
		finish!('default');
		screen.unmount();
	});

	test('leaving an engine brings the list back, its row as the engine screens left it (after a fix)', async () => {
		const fixed = report('linux/amd64', false);
		function FixedThenLeft({leave}: {readonly leave: (r?: Report) => void}) {
			useEffect(() => leave(fixed), [leave]);
			return <Text>fixing pi</Text>;
		}
		const screen = renderInk(
			<FleetScreen
				contexts={['default', 'pi']}
				check={async onMember => {
					onMember(member('default', 'unix:///var/run/docker.sock', false));
					onMember(member('pi', 'ssh://pi@pi4.local', true));
				}}
				reportOf={m => (m.target.name === 'pi' ? report('linux/arm/v7', true) : report('linux/amd64', false))}
				renderEngine={(_context, leave) => <FixedThenLeft leave={leave} />}
			/>,
			{columns: 120},
		);
		await screen.waitFor(f => /pi\s+use linux\/arm\/v7\s+error: exec-format-error/.test(f), 'the pi row before');
		screen.press(KEYS.down);
		await screen.waitFor(f => /❯ \S+ pi/.test(f), 'the cursor on pi');
		screen.press(KEYS.enter);
		const frame = await screen.waitFor(f => /pi\s+use linux\/amd64\s+no problems\s+ssh:\/\/pi@pi4\.local \(remote\)/.test(f), 'the pi row after');
		assert.match(frame, /❯ \S+ pi/, 'the cursor stays on the engine the user came back from');
		screen.press('q');
		assert.equal(await screen.waitUntilExit(), 0, 'no error finding left on any engine');
	});

	test('q when all have ended exits with the worst code', async () => {
		const screen = renderInk(
			<FleetScreen contexts={['pi']} check={async onMember => onMember(member('pi', 'ssh://pi@pi4.local', true))} reportOf={() => report('linux/arm/v7', true)} renderEngine={() => <Text>x</Text>} />,
		);
		await screen.waitFor(f => f.includes('error: exec-format-error'), 'the row');
		screen.press('q');
		assert.equal(await screen.waitUntilExit(), 1);
	});
});
