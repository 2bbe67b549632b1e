import type {FactsBuilder} from './facts-builder.js';
import type {PasteLine} from './paste-lines.js';

/**
 * The doctor's own words pasted back: collect.sh prints `(no ChatMock image)` under its image
 * listing, the checklist shows `✔ Local images  no ChatMock image`. Either says the engine was asked
 * and holds none, which a paste otherwise never tells (no image lines can also mean "not shown").
 * Only a line that is nothing else counts: prose saying "no ChatMock image runs here" is not a listing.
 */
const NO_IMAGES = /^[^\w(]*(?:Local images\s+)?(?:\(no ChatMock image\)|no ChatMock image)\s*$/;

export function readOwnLine(line: PasteLine, facts: FactsBuilder): void {
	if (line.text.includes('ChatMock image') && NO_IMAGES.test(line.text)) facts.setNoImages();
}
