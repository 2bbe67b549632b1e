import {parseReference} from './reference.js';

/**
 * The one answer to "is this a ChatMock image?", shared by image discovery, compose reading and
 * the fix: the repository's last component is `chatmock` (ghcr.io/thebtf/chatmock, a mirror's
 * …/chatmock, a local build). `acme/not-chatmock-proxy` is not.
 */
export function isChatmockReference(text: string): boolean {
	const ref = parseReference(text);
	return ref !== undefined && ref.path.split('/').pop() === 'chatmock';
}
