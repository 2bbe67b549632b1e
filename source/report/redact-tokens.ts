/**
 * Token shapes that are secrets wherever they appear, without a key name beside them. Derived from
 * gitleaks' maintained ruleset (github.com/gitleaks/gitleaks, config/gitleaks.toml; the rule ids are
 * kept below so each shape can be checked against its source), limited to the rules that match on
 * the token's own prefix or structure: the keyword-context rules of gitleaks are covered here by the
 * generic `key=value` pass of redact.ts. Why a table of our own and not secretlint's packages: see
 * the README ("Redaction").
 *
 * Each pattern starts after a non-alphanumeric (an underscore counts as a separator: a token can hide
 * in a container name like `chatmock_ghp_…`) and is anchored on a prefix no ordinary word has.
 */
export interface TokenRule {
	/** gitleaks rule id (or ours, when gitleaks has none: marked `local:`). */
	readonly id: string;
	readonly pattern: string;
}

const START = '(?<![A-Za-z0-9])';
const END = '(?![A-Za-z0-9])';

export const TOKEN_RULES: readonly TokenRule[] = [
	{id: 'aws-access-token', pattern: `(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}${END}`},
	{id: 'gcp-api-key', pattern: `AIza[\\w-]{35}${END}`},
	{id: 'github-pat', pattern: `ghp_[0-9A-Za-z]{36}`},
	{id: 'github-oauth', pattern: `gho_[0-9A-Za-z]{36}`},
	{id: 'github-app-token', pattern: `(?:ghu|ghs)_[0-9A-Za-z]{36}`},
	{id: 'github-refresh-token', pattern: `ghr_[0-9A-Za-z]{36,76}`},
	{id: 'github-fine-grained-pat', pattern: `github_pat_\\w{82}`},
	{id: 'gitlab-pat', pattern: `glpat-[\\w-]{20,}`},
	{id: 'gitlab-ptt', pattern: `glptt-[0-9a-f]{40}`},
	{id: 'gitlab-rrt', pattern: `GR1348941[\\w-]{20}`},
	{id: 'gitlab-runner-authentication-token', pattern: `glrt-[0-9A-Za-z_-]{20,}`},
	{id: 'slack-bot-token', pattern: `xoxb-[0-9]{10,13}-[0-9]{10,13}[A-Za-z0-9-]*`},
	{id: 'slack-user-token', pattern: `xox[pe](?:-[0-9]{10,13}){3}-[A-Za-z0-9-]{28,34}`},
	{id: 'slack-legacy-token', pattern: `xox[abposr]-[A-Za-z0-9-]{8,}`},
	{id: 'slack-app-token', pattern: `xapp-\\d-[A-Z0-9]+-\\d+-[a-z0-9]+`},
	{id: 'slack-webhook-url', pattern: `(?:https?://)?hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{20,}`},
	{id: 'discord-webhook (local: gitleaks keys on the client id)', pattern: `(?:https?://)?(?:ptb\\.|canary\\.)?discord(?:app)?\\.com/api/webhooks/\\d+/[\\w-]{20,}`},
	{id: 'npm-access-token', pattern: `npm_[A-Za-z0-9]{36}${END}`},
	{id: 'pypi-upload-token', pattern: `pypi-AgEIcHlwaS5vcmc[\\w-]{50,}`},
	{id: 'rubygems-api-token', pattern: `rubygems_[a-f0-9]{48}`},
	{id: 'huggingface-access-token', pattern: `hf_[A-Za-z]{34}${END}`},
	{id: 'huggingface-organization-api-token', pattern: `api_org_[A-Za-z]{34}${END}`},
	{id: 'stripe-access-token', pattern: `(?:sk|rk)_(?:test|live|prod)_[A-Za-z0-9]{10,99}`},
	{id: 'anthropic-api-key', pattern: `sk-ant-(?:api03|admin01)-[\\w-]{20,}`},
	{id: 'openai-api-key', pattern: `sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}`},
	{id: 'sendgrid-api-token', pattern: `SG\\.[\\w-]{22}\\.[\\w-]{43}`},
	{id: 'twilio-api-key', pattern: `SK[0-9a-fA-F]{32}${END}`},
	{id: 'mailgun-private-api-token', pattern: `key-[a-f0-9]{32}${END}`},
	{id: 'mailchimp-api-key', pattern: `[a-f0-9]{32}-us\\d{1,2}${END}`},
	{id: 'shopify-access-token', pattern: `shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}`},
	{id: 'digitalocean-pat', pattern: `do[opr]_v1_[a-f0-9]{64}`},
	{id: 'linear-api-key', pattern: `lin_api_[A-Za-z0-9]{40}`},
	{id: 'postman-api-token', pattern: `PMAK-[a-fA-F0-9]{24}-[a-fA-F0-9]{34}`},
	{id: 'pulumi-api-token', pattern: `pul-[a-f0-9]{40}`},
	{id: 'doppler-api-token', pattern: `dp\\.pt\\.[A-Za-z0-9]{43}`},
	{id: 'databricks-api-token', pattern: `dapi[a-f0-9]{32}(?:-\\d)?${END}`},
	{id: 'grafana-cloud-api-token', pattern: `glc_[A-Za-z0-9+/]{32,400}={0,2}`},
	{id: 'grafana-service-account-token', pattern: `glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}`},
	{id: 'hashicorp-tf-api-token', pattern: `[a-z0-9]{14}\\.atlasv1\\.[a-z0-9_=-]{60,70}`},
	{id: 'vault-service-token', pattern: `hv[sb]\\.[\\w-]{24,}`},
	{id: 'age-secret-key', pattern: `AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}`},
	{id: '1password-secret-key', pattern: `A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}`},
	{id: 'planetscale-api-token', pattern: `pscale_(?:tkn|oauth|pw)_[\\w=.-]{32,64}`},
	{id: 'prefect-api-token', pattern: `pnu_[a-z0-9]{36}`},
	{id: 'readme-api-token', pattern: `rdme_[a-z0-9]{70}`},
	{id: 'sentry-org-token', pattern: `sntrys_eyJ[\\w=+/-]{20,}`},
	{id: 'new-relic-user-api-key', pattern: `NRAK-[A-Z0-9]{27}`},
	{id: 'flyio-access-token', pattern: `fo1_[\\w-]{43}`},
	{id: 'easypost-api-token', pattern: `EZAK[A-Za-z0-9]{54}`},
	{id: 'atlassian-api-token', pattern: `ATATT3[A-Za-z0-9_=-]{100,}`},
	{id: 'azure-ad-client-secret', pattern: `[A-Za-z0-9_~.]{3}\\dQ~[A-Za-z0-9_~.-]{31,34}`},
	{id: 'telegram-bot-api-token (local: gitleaks keys on "telegr")', pattern: `\\d{8,10}:AA[\\w-]{33}${END}`},
	{id: 'local: docker-hub-pat', pattern: `dckr_(?:pat|oat)_[\\w-]{16,}`},
	{id: 'local: tailscale-key', pattern: `tskey-(?:auth|api|client|webhook)-[\\w-]{16,}`},
	{id: 'jwt', pattern: `eyJ[A-Za-z0-9_-]{4,}\\.eyJ?[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*`},
];

/** One alternation of every rule: a report's strings are scanned once, not once per rule. */
export const KNOWN_TOKEN = new RegExp(`${START}(?:${TOKEN_RULES.map(rule => rule.pattern).join('|')})`, 'g');
