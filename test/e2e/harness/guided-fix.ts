import assert from 'node:assert/strict';
import type {Pane} from './tmux.js';

/** The screen below the last "Fixing" title: what the running fix shows now. */
export const fixTail = (screen: string): string => screen.split('Fixing').at(-1) ?? '';

/**
 * The fix has ended: its footer offers only the way back. Never the word "after": the pull step
 * says "moves to the … image only after that image passes verification" while it runs, and a walk
 * that took that for the end left a question unanswered and waited out its deadline (seen on
 * loaded machines, where the pull took long enough for that frame to settle).
 */
export const FIX_DONE = /Enter\/q back/;

/** The re-check's comparison has been drawn under the fix. */
export const BEFORE_AFTER = /Before . after/;

const QUESTION = /[^\n]*\[y\/N\]/;

/** From the verdict: opens the first finding (errors come first), which must offer its fix, and presses f. */
export async function fixFirstFinding(pane: Pane): Promise<void> {
	await pane.waitFor(s => /Findings \(\d+\)/.test(s), 'the verdict');
	pane.keys('Enter');
	const opened = await pane.waitFor(s => s.includes('Evidence') || s.includes('Fix:'), 'the first finding (errors first)');
	assert.ok(opened.includes('f fix it now'), opened);
	pane.keys('f');
}

export interface FixWalk {
	/** The screen when the fix ended. */
	readonly screen: string;
	/** Every question asked, in order, as shown. */
	readonly questions: readonly string[];
}

/**
 * Answers each [y/N] question of the running fix with `answer(question)` until its footer says it
 * has ended. A key pressed while a question is still attaching its handler can be lost on a
 * loaded machine: it is pressed again until the question is gone, a few times at most.
 */
export async function walkFix(pane: Pane, answer: (question: string) => 'y' | 'n', timeoutMs = 180_000): Promise<FixWalk> {
	const questions: string[] = [];
	for (;;) {
		const screen = await pane.waitFor(s => QUESTION.test(fixTail(s)) || FIX_DONE.test(fixTail(s)), 'a question or the end of the fix', {timeoutMs});
		const asked = QUESTION.exec(fixTail(screen))?.[0];
		if (asked === undefined) return {screen, questions};
		if (questions.length >= 8) throw new Error(`the fix asked more than 8 questions:\n${screen}`);
		questions.push(asked.trim());
		const key = answer(asked);
		for (let attempt = 0; ; attempt++) {
			pane.keys(key);
			try {
				await pane.waitFor(s => !fixTail(s).includes(asked), `the answer to "${asked.trim()}"`, {timeoutMs: 20_000, settle: false});
				break;
			} catch (error) {
				if (attempt === 2) throw error;
			}
		}
	}
}
