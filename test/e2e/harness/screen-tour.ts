import assert from 'node:assert/strict';
import type {Pane} from './tmux.js';

/** The screens the tour reaches, in order: what `look` is told. */
export type TourStop = 'verdict' | 'finding' | 'help' | 'report preview';

/**
 * The walk of a person who meets the doctor on a wrong-arch ChatMock (the arm64 image under the
 * tag, no emulator): the verdict (linux/amd64), the first finding, its help, back, the report
 * preview, back, q. `look` sees each stop's pane as it is reached (to check what only one
 * build shows, such as the layout). Returns the doctor's exit code.
 */
export async function tourTheScreens(pane: Pane, options: {readonly verdictTimeoutMs: number; readonly look?: (stop: TourStop) => void}): Promise<number> {
	const look = options.look ?? (() => undefined);
	const verdict = await pane.waitFor(s => /Findings \(\d+\)/.test(s), 'the verdict', {timeoutMs: options.verdictTimeoutMs});
	assert.match(verdict, /Use linux\/amd64/);
	assert.match(verdict, /❯ /, 'a selected finding');
	look('verdict');

	pane.keys('Enter');
	const finding = await pane.waitFor(s => s.includes('Evidence'), 'a finding');
	assert.match(finding, /q\/Esc back/);
	look('finding');

	pane.keys('?');
	const help = await pane.waitFor(s => s.includes('close help'), 'the help');
	assert.match(help, /this help/);
	look('help');

	pane.keys('q');
	await pane.waitFor(s => s.includes('Evidence') && !s.includes('close help'), 'back on the finding');
	pane.keys('q');
	await pane.waitFor(s => /Findings \(\d+\)/.test(s) && !s.includes('Evidence'), 'back on the verdict');

	pane.keys('p');
	const preview = await pane.waitFor(s => /Report preview \S+ lines \d/.test(s), 'the report preview');
	assert.match(preview, /linux\/amd64/);
	look('report preview');

	pane.keys('q');
	await pane.waitFor(s => /Findings \(\d+\)/.test(s) && !/Report preview/.test(s), 'the verdict again');
	pane.keys('q');
	return pane.exitCode();
}
