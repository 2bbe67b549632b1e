import type {CopyResult} from '../../report/clipboard.js';
import type {Tone} from './theme.js';

/**
 * Puts text on the clipboard and says how (`copyText` in report/clipboard.ts fits). A rejection
 * is a failed copy; it is shown as one.
 */
export type CopyText = (text: string) => Promise<CopyResult> | CopyResult;

export type CopyState = {readonly kind: 'idle'} | {readonly kind: 'copying'} | {readonly kind: 'done'; readonly result: CopyResult} | {readonly kind: 'failed'; readonly message: string};

export interface CopyLine {
	readonly tone: Tone;
	readonly mark: 'ok' | 'info' | 'error' | 'none';
	readonly text: string;
}

/**
 * What a copy did, in words that never claim more than happened: a program's exit code proves a
 * copy; OSC 52 was only sent (terminals never answer); a file is not a clipboard.
 * `what` names the text: "the report", "the command".
 */
export function describeCopy(state: CopyState, what: string, dash: string): CopyLine | undefined {
	switch (state.kind) {
		case 'idle':
			return undefined;
		case 'copying':
			return {tone: 'muted', mark: 'none', text: `Copying ${what}...`};
		case 'failed':
			return {tone: 'error', mark: 'error', text: `Could not copy ${what}: ${state.message}`};
		case 'done': {
			const {method, path, confirmed, tmuxBuffer} = state.result;
			if (method === 'file') return {tone: 'warning', mark: 'info', text: `Saved ${what} to ${path ?? 'a file'} (no clipboard available).`};
			if (method === 'tmux') return {tone: 'success', mark: 'ok', text: `Copied ${what} to tmux's paste buffer (prefix ] pastes it).`};
			if (method === 'osc52' && tmuxBuffer) return {tone: 'success', mark: 'ok', text: `Copied ${what} to tmux's paste buffer (prefix ] pastes it) and sent it on to your terminal's clipboard.`};
			if (method === 'osc52') {
				const saved = path === undefined ? '' : `; also saved to ${path}`;
				return {tone: 'info', mark: 'info', text: `Sent ${what} to your terminal's clipboard (OSC 52) ${dash} paste to check${saved}.`};
			}
			if (!confirmed) return {tone: 'info', mark: 'info', text: `Sent ${what} to ${method} ${dash} paste to check.`};
			return {tone: 'success', mark: 'ok', text: `Copied ${what} with ${method}.`};
		}
	}
}

export function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
