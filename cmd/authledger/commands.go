package main

// webhookFlags are the settings the webhooks commands take: the webhook
// settings of serve and the store settings.
var webhookFlags = append([]string{"webhooks-allow-private", "webhooks-disable-after", "webhooks-notify-email"}, storeFlags...)

// tsaFlags are the store settings and the RFC 3161 time-stamping settings
// (audit verify checks the tokens, audit anchor requests them).
var tsaFlags = append([]string{"audit-tsa-url", "audit-tsa-roots", "audit-tsa-hash"}, storeFlags...)

// Own flags shared by several commands.
var (
	jsonFlag    = flagSpec{name: "json", boolean: true, usage: "print one JSON document instead of text"}
	webhookURL  = flagSpec{name: "url", usage: "the endpoint's https URL"}
	webhookEvts = flagSpec{name: "events", usage: "comma-separated event types or prefixes ending in '.' (person.,session.created)"}
	webhookPII  = flagSpec{name: "include-pii", usage: "true or false: deliver personal data in the payloads"}
)

// commands is every runnable subcommand, in the order the help lists
// them. Each entry names its flags and its implementation; the words of a
// path before the last make the group commands (cli.go).
var commands = []command{
	{path: "serve", short: "run the server (no flags: embedded SQLite in ./data)",
		long: "Run the server (no flags: embedded SQLite in ./data).\n\n" +
			"Every flag can also be set by its environment variable; flags win.",
		settings: allSettings(), run: serve},
	{path: "migrate", short: "apply the schema migrations (PostgreSQL or SQLite) and exit",
		settings: storeFlags, run: migrate},
	{path: "projections status", short: "show each projector's checkpoint, lag and health",
		settings: storeFlags, flags: []flagSpec{jsonFlag}, run: projectionsStatusCmd},
	{path: "projections rebuild", short: "rebuild every projection from the log (blue/green), with a progress bar",
		settings: storeFlags, run: projectionsRebuildCmd},
	{path: "snapshots drop", short: "delete every aggregate snapshot (a cache: loads fold the log and write them again)",
		settings: storeFlags, run: snapshotsDropCmd},
	{path: "audit verify", short: "verify the audit hash chain (exit 1 and the first broken position)",
		settings: tsaFlags, flags: []flagSpec{
			{name: "from", usage: "verify after this log position (default: the start)"},
			{name: "to", usage: "verify up to this log position (default: the head)"},
			{name: "checkpoints", usage: "JSON file of checkpoints exported earlier with audit checkpoints, verified too"},
			jsonFlag}, run: auditVerifyCmd},
	{path: "audit export", short: "export the audit trail (streaming, progress bar)",
		settings: storeFlags, flags: []flagSpec{
			{name: "query", usage: "filter, as GET /v1/audit/events reads it (type=…&actor=…&from=…&to=…)"},
			{name: "format", usage: "ndjson or csv", def: ""},
			{name: "include-pii", boolean: true, usage: "include personal data (recorded as such in the trail)"},
			{name: "out", usage: "file to write (created with mode 0600; default stdout)"}}, run: auditExportCmd},
	{path: "audit checkpoints", short: "write the signed checkpoints and the public key as JSON",
		settings: storeFlags, flags: []flagSpec{
			{name: "out", usage: "file to write (created with mode 0600; default stdout)"}}, run: auditCheckpointsCmd},
	{path: "audit access-review", short: "who could sign in and who held which role, as of a time or position",
		settings: storeFlags, flags: []flagSpec{
			{name: "as-of", usage: "RFC 3339 time or log position the review is as of (required)"},
			{name: "organization", usage: "one organization, by id or slug (default: all)"},
			{name: "format", usage: "csv, ndjson or json (default csv)"},
			{name: "out", usage: "file to write (created with mode 0600; default stdout)"}}, run: auditAccessReviewCmd},
	{path: "audit anchor", short: "time-stamp the checkpoints still without an RFC 3161 token, once",
		settings: tsaFlags, run: auditAnchorRun},
	{path: "audit rotate-key", short: "new audit signing key; old checkpoints stay verifiable",
		settings: storeFlags, run: auditRotateKeyCmd},
	{path: "replay", short: "the six projections as they stood at a time or position (progress bar)",
		settings: storeFlags, flags: []flagSpec{
			{name: "until", usage: "RFC 3339 time or log position to stop at (required)"},
			{name: "into", usage: "directory (an SQLite ontology.db) or postgres URL to build into (required)"}},
		run: replayCmd},
	{path: "forget", operands: "<person-id>", short: "erase a person (crypto-shredding; see README), or with --email an invitee who never signed up",
		settings: storeFlags, flags: []flagSpec{
			{name: "email", usage: "erase the invitations to this address of someone who never had an account (no person id then)"}},
		run: forgetCmd},
	{path: "people set-role", operands: "<email-or-id> <role>", short: "set a person's platform role (grant the first admin)",
		settings: storeFlags, run: peopleSetRoleCmd},
	{path: "keys create", short: "create an operator key (its token is printed once)", settings: storeFlags,
		flags: []flagSpec{
			{name: "name", usage: "what the key is for (required)"},
			{name: "scope", usage: "comma-separated scopes (required), e.g. metrics:read,audit:read"},
			{name: "expires", usage: "lifetime such as 720h (default: never)"}}, run: keysCmd("create")},
	{path: "keys list", short: "list the operator keys (never their secrets)", settings: storeFlags, run: keysCmd("list")},
	{path: "keys revoke", operands: "<key-id>", short: "revoke an operator key", settings: storeFlags, run: keysCmd("revoke")},
	{path: "webhooks create", short: "create a webhook endpoint (its secret is printed once)", settings: webhookFlags,
		flags: []flagSpec{webhookURL, webhookEvts, webhookPII}, run: webhooksCmd("create")},
	{path: "webhooks list", short: "list the webhook endpoints", settings: webhookFlags, run: webhooksCmd("list")},
	{path: "webhooks get", operands: "<id>", short: "show a webhook endpoint", settings: webhookFlags, run: webhooksCmd("get")},
	{path: "webhooks update", operands: "<id>", short: "change a webhook endpoint", settings: webhookFlags,
		flags: []flagSpec{webhookURL, webhookEvts, webhookPII}, run: webhooksCmd("update")},
	{path: "webhooks enable", operands: "<id>", short: "enable a webhook endpoint", settings: webhookFlags, run: webhooksCmd("enable")},
	{path: "webhooks disable", operands: "<id>", short: "disable a webhook endpoint", settings: webhookFlags, run: webhooksCmd("disable")},
	{path: "webhooks delete", operands: "<id>", short: "delete a webhook endpoint", settings: webhookFlags, run: webhooksCmd("delete")},
	{path: "webhooks attempts", operands: "<id>", short: "a webhook endpoint's delivery attempts", settings: webhookFlags,
		run: webhooksCmd("attempts")},
	{path: "webhooks replay", operands: "<id>", short: "deliver again from a position or a time", settings: webhookFlags,
		flags: []flagSpec{
			{name: "after", usage: "log position to deliver after"},
			{name: "since", usage: "RFC 3339 time to deliver from"}}, run: webhooksCmd("replay")},
	{path: "backup", short: "online backup of the embedded stores (a secret itself: mode 0600)", settings: storeFlags,
		flags: []flagSpec{{name: "out", usage: "archive to create (required; never overwritten)"}}, run: backupCmd},
	{path: "restore", short: "restore a backup into an empty data directory", settings: storeFlags,
		flags: []flagSpec{
			{name: "from", usage: "archive made by authledger backup (required)"},
			{name: "force", boolean: true, usage: "replace the archived files in a non-empty directory (stop the server first)"}},
		run: restoreCmd},
	{path: "secret rotate", short: "rewrap every per-person key under a new secret's key-encryption key", settings: storeFlags,
		flags: []flagSpec{{name: "new-secret-env", usage: "name of the environment variable holding the new secret (never the secret itself)"}},
		run:   secretRotateCmd},
	{path: "healthcheck", short: "probe a health route: exit 0 if it answers 2xx, else 1", flags: []flagSpec{
		{name: "url", def: defaultHealthURL, usage: "health route to probe (/readyz or /healthz of this node)"},
		{name: "timeout", def: "3s", usage: "bound of the whole probe"},
		{name: "ca", usage: "PEM file of the CA that signed the node's certificate (for an https --url of a node serving its own TLS)"}},
		run: healthcheckCmd},
	{path: "version", short: "print the version, the VCS revision and the Go version", flags: []flagSpec{jsonFlag}, run: versionCmd},
}
