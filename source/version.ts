/** Kept equal to package.json's version by a unit test (no JSON import at start-up). */
export const VERSION = '0.1.0';
