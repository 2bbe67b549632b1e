// Imported first by tests that render to a fake terminal: Ink decides once, when it is loaded,
// whether it runs in CI (then it draws only the last frame). These tests are about a person's
// terminal, also when the suite itself runs in CI.
for (const key of Object.keys(process.env)) {
	if (key === 'CI' || key === 'CONTINUOUS_INTEGRATION' || key.startsWith('CI_')) delete process.env[key];
}
