// Generated from docs/openapi.json by `npm run openapi`. Do not edit: a test fails when it drifts.

export interface paths {
  '/api/v1/auth/login': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Log in with email and password */
    post: operations['login'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/logout': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Revoke the refresh token and its family */
    post: operations['logout'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/password-reset': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Email a one-time password reset link (same answer whether the account exists or not)
     * @description Answers 503 when the server has no SMTP settings: an organization admin can then issue a reset link from the members page.
     */
    post: operations['requestPasswordReset'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/password-reset/confirm': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Set a new password with a reset link; ends every session of the account */
    post: operations['confirmPasswordReset'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/refresh': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Rotate a refresh token (single use; reuse revokes the whole family)
     * @description A token presented again within a few seconds by the same client (two tabs refreshing at once) gets a fresh token of the same session instead; see docs/security.md.
     */
    post: operations['refreshSession'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/signup': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Create an account and its first organization */
    post: operations['signup'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/verify-email': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Confirm an email address with the link sent at sign-up */
    post: operations['verifyEmail'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/invitations/{token}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Preview an invitation before signing up with it */
    get: operations['getInvitation'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The current user and their organizations, or the calling API key and its organization
     * @description With a user token: `{user, memberships, …}`. With an API key: `{apiKey: {id, name, role}, organization: {id, name, slug}}` — how the SDK and CLI learn their organization from the key alone.
     */
    get: operations['getMe'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me/invitations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Invitations addressed to your email, waiting for you to accept or decline */
    get: operations['listMyInvitations'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me/invitations/{invitationId}/accept': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Accept an invitation: you become a member with the invited role */
    post: operations['acceptInvitation'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me/invitations/{invitationId}/decline': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Decline an invitation */
    post: operations['declineInvitation'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me/security-events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Your own security log: sign-ins, failed sign-ins and session events (never shown to organizations) */
    get: operations['listMySecurityEvents'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me/verification-email': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Send the email verification link again */
    post: operations['sendVerificationEmail'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/openai/chat/completions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * OpenAI-compatible chat completion (official OpenAI SDKs: base URL …/api/v1/openai)
     * @description Authenticated by an organization API key (`Authorization: Bearer po_…`). `model` is a model name of the organization, or `prompt:<name>`, `prompt:<name>@<label>`, `prompt:<name>#<version>` to run a managed prompt (its rendered messages first, then the request's; variables from `metadata.variables`; without label or version the latest version). With `stream: true` the answer is `text/event-stream`: `data: {chat.completion.chunk}` lines, then `data: [DONE]`; `stream_options.include_usage` adds a last chunk with `usage` and empty `choices`. Errors are OpenAI-shaped (`{error: {message, type, param, code}}`). Every call is recorded as an execution with source `openai`.
     */
    post: operations['createOpenAiChatCompletion'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/openai/models': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The organization's active models, in OpenAI's list format */
    get: operations['listOpenAiModels'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Create an organization (you become its admin) */
    post: operations['createOrganization'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/analytics': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Runs, failures, tokens, cost, latency and evaluation scores over time, from the hourly rollups
     * @description `from` is rounded down and `to` up to whole intervals (UTC). Points are dense: every interval of the range, zeros where nothing ran. With `groupBy`, one series per prompt (key: the name), model (key: the model id, label: its name) or prompt version (key: `<prompt>@<version>`); runs without a prompt have key `""`. At most 20 series: the least-run ones past 19 are summed into the series `(other)`.
     */
    get: operations['getAnalytics'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/analytics.csv': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The analytics points as CSV: one row per series and interval (the same query as getAnalytics) */
    get: operations['exportAnalyticsCsv'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/analytics/regressions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Prompt versions found worse than the version before them, newest first */
    get: operations['listRegressions'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/api-keys': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Active API keys (secrets are never returned) */
    get: operations['listApiKeys'];
    put?: never;
    /** Create an API key; the key is shown only in this response */
    post: operations['createApiKey'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/api-keys/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Revoke an API key */
    delete: operations['revokeApiKey'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/audit-logs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Audit events, newest first, with cursor pagination */
    get: operations['listAuditEvents'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/audit-logs/checkpoint': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The chain's signed checkpoint (count and head hash), to keep off-site for later verification */
    get: operations['getAuditCheckpoint'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/audit-logs/export.csv': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The filtered audit log as CSV */
    get: operations['exportAuditEvents'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/audit-logs/verify': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Recompute the hash chain, report the first broken event and compare the head with the signed checkpoint (and with an exported one, when given) */
    get: operations['verifyAuditChain'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/datasets': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Datasets, most recently changed first; `search` matches name and description */
    get: operations['listDatasets'];
    put?: never;
    /** Create an empty dataset (version 0) */
    post: operations['createDataset'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/datasets/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One dataset with its current version and item count */
    get: operations['getDataset'];
    put?: never;
    post?: never;
    /** Delete a dataset: its name is free again; evaluations keep the items they used */
    delete: operations['deleteDataset'];
    options?: never;
    head?: never;
    /** Rename a dataset or change its description (its items and version are unchanged) */
    patch: operations['updateDataset'];
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/datasets/{id}/export': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Download the items of the current version (or `?version=N`) as CSV (input variables, then `expected`) or JSON Lines */
    get: operations['exportDataset'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/datasets/{id}/import': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Add the rows of a CSV or JSON Lines file (up to 50 MB / 100,000 rows) as one new version; any bad row adds nothing */
    post: operations['importDatasetItems'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/datasets/{id}/items': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Items in insertion order, of the current version or of `?version=N` as it was then */
    get: operations['listDatasetItems'];
    put?: never;
    /** Add up to 10,000 items as one new version */
    post: operations['addDatasetItems'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/datasets/{id}/items-from-executions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Add one item per succeeded run (input = the run's variables, expected = its output) as one new version */
    post: operations['addDatasetItemsFromExecutions'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/datasets/{id}/items/{itemId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Remove an item from the dataset (a new version; older versions still have it) */
    delete: operations['deleteDatasetItem'];
    options?: never;
    head?: never;
    /** Edit an item of the current version (a new version; the item keeps its id and place) */
    patch: operations['updateDatasetItem'];
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/evaluations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Evaluations, newest first */
    get: operations['listEvaluations'];
    put?: never;
    /**
     * Start an evaluation: every dataset item × variant × repetition, scored by the evaluators
     * @description Variant 0 is the baseline. The run is a durable job: it survives restarts and killed workers and finishes each (item, variant, repetition) exactly once. Labels are resolved now (the evaluation records the versions it ran).
     */
    post: operations['createEvaluation'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/evaluations/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** An evaluation with its progress, summary per variant and comparisons with the baseline */
    get: operations['getEvaluation'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/evaluations/{id}/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Cancel: no new call starts, calls in flight are aborted, finished results are kept */
    post: operations['cancelEvaluation'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/evaluations/{id}/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * An evaluation's progress as server-sent events
     * @description `event: progress` `{done, failed, total, costUsd}` when it changes, `event: result` (an EvaluationResult) for each result as it is stored, then `event: done` `{evaluation}` when the evaluation has ended (at once for an ended one), and the stream closes.
     */
    get: operations['streamEvaluationEvents'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/evaluations/{id}/results': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Results in dataset order (then variant, repetition) */
    get: operations['listEvaluationResults'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/evaluations/{id}/results.csv': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every result as CSV: one row per item, variant and repetition, one column per score */
    get: operations['exportEvaluationResults'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Change feed: the organization's events as server-sent events
     * @description Each event is sent as `id: <event id>`, `event: <type>` (`prompt.version_created`, `prompt.label_moved`, `experiment.changed`, …) and `data: <PlatformEvent>`. A reconnecting client sends `Last-Event-ID` (or `?after=`) and first gets every event after that id, in order, then live events; without either it gets live events only. A `: keep-alive` comment comes every 15 s.
     */
    get: operations['streamEvents'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/executions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Run history, newest first */
    get: operations['listExecutions'];
    put?: never;
    /**
     * Run a prompt. With stream: true the answer streams as server-sent events
     * @description Streaming (`text/event-stream`): `event: start` `{executionId}` first (the id the run is stored under, also when it is stopped), then `event: delta` `{text}` for each provider chunk as it arrives, then `event: done` `{execution}`, or `event: error` `{problem, execution}`. Closing the connection cancels the upstream call; the run is stored as `cancelled`. Without streaming the stored execution is returned; a provider failure answers 502 with the provider's message.
     */
    post: operations['createExecution'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/executions/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One run */
    get: operations['getExecution'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/experiments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Experiments, newest first; filter by prompt or status */
    get: operations['listExperiments'];
    put?: never;
    /** Start an A/B experiment on a prompt (2–8 variants); at most one runs per prompt */
    post: operations['createExperiment'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/experiments/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** An experiment */
    get: operations['getExperiment'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/experiments/{id}/assign': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** The subject's variant: the same on every server and across restarts (counted as served) */
    post: operations['assignExperimentVariant'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/experiments/{id}/evaluation': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Use an offline evaluation's score as a quality metric of the variants (matched by prompt version) */
    put: operations['linkExperimentEvaluation'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/experiments/{id}/outcomes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Credit an outcome (binary 0/1 or a number) to the subject's variant; a later one replaces it */
    post: operations['recordExperimentOutcome'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/experiments/{id}/results': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Per variant: outcomes, posterior, 95 % interval, P(best), expected loss; and the decision */
    get: operations['getExperimentResults'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/experiments/{id}/results.csv': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The results per variant as CSV */
    get: operations['exportExperimentResults'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/experiments/{id}/stop': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Stop the experiment; optionally move a label to the winning variant in the same transaction */
    post: operations['stopExperiment'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/invitations/{invitationId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Revoke a pending invitation */
    delete: operations['revokeInvitation'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/members': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Members and pending invitations */
    get: operations['listMembers'];
    put?: never;
    /** Invite someone by email: always a pending invitation (a user with an account accepts it from GET /me/invitations; someone new signs up with the token) */
    post: operations['addMember'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/members/{userId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Remove a member, or leave the organization (your own user id; any role). The last admin can do neither; API keys the member created are revoked */
    delete: operations['removeMember'];
    options?: never;
    head?: never;
    /** Change a member's role */
    patch: operations['updateMember'];
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/members/{userId}/password-reset-link': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Issue a one-time password reset link for a member (shown once)
     * @description For servers without email. Allowed only to an admin of every organization the member belongs to; audited.
     */
    post: operations['createPasswordResetLink'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/models': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The model registry with prices */
    get: operations['listModels'];
    put?: never;
    /** Register a model of a provider */
    post: operations['createModel'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/models/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Edit a model's name, prices, context window or active flag */
    patch: operations['updateModel'];
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/overview': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** This month's runs, cost, failure rate and most-run prompts */
    get: operations['getOverview'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/prompts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Prompts with their labels and latest version; filter by search text or folder */
    get: operations['listPrompts'];
    put?: never;
    /** Create a prompt; returns its version 1 */
    post: operations['createPrompt'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/prompts-export': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Download one prompt (?name=) or all prompts with every version and label, as JSON or YAML */
    get: operations['exportPrompts'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/prompts-import': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Import an export document (JSON or YAML); existing names get new versions appended */
    post: operations['importPrompts'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/prompts/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One version of a prompt: ?version=N, ?label=L, or the latest (URL-encode / in names) */
    get: operations['getPrompt'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/prompts/{name}/diff': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** What changed between two versions: per field (template, messages, model, params, variables) and line hunks */
    get: operations['diffPromptVersions'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/prompts/{name}/labels/{label}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Point a label (production, staging, …) at a version; latest cannot be moved, a protected label needs a review (409) */
    put: operations['movePromptLabel'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/prompts/{name}/reviews': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Ask for approval to point a label at a version; the gate evaluation (if set) starts now */
    post: operations['openReview'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/prompts/{name}/rollback': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Save a new version with an old version's content (history is never rewritten) */
    post: operations['rollbackPrompt'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/prompts/{name}/share-links': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Share links of a prompt, newest first, revoked and expired ones included */
    get: operations['listShareLinks'];
    put?: never;
    /** Create a read-only link to a version (default latest, 30 days); the token is shown once */
    post: operations['createShareLink'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/prompts/{name}/share-links/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Revoke a share link: it stops working at once */
    delete: operations['revokeShareLink'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/prompts/{name}/used-by': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Prompts whose newest or labelled versions include this one with {{> name}} */
    get: operations['listPromptUsages'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/prompts/{name}/versions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every version of a prompt, newest first, with its labels */
    get: operations['listPromptVersions'];
    put?: never;
    /** Save a new immutable version (N+1); with baseVersion, 409 when a newer version exists */
    post: operations['createPromptVersion'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/providers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Providers (API keys are never returned, only a hint) */
    get: operations['listProviders'];
    put?: never;
    /** Add a provider; its default models are added with editable prices */
    post: operations['createProvider'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/providers/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One provider */
    get: operations['getProvider'];
    put?: never;
    post?: never;
    /** Delete a provider and its models */
    delete: operations['deleteProvider'];
    options?: never;
    head?: never;
    /** Rename a provider, change its base URL or replace/remove its key */
    patch: operations['updateProvider'];
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/providers/{id}/available-models': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The models the provider lists (its /models endpoint), to pick which to add
     * @description Admins only: it calls the provider. 502 with the reason when the provider cannot list them.
     */
    get: operations['listAvailableModels'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/providers/{id}/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A provider's latest health and its check history (kept 7 days), newest first */
    get: operations['getProviderHealth'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/providers/{id}/health-check': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Check a provider's health now (a models list or 1-token completion) and record it */
    post: operations['checkProviderHealth'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/reviews': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Reviews, newest first; filter by status and prompt */
    get: operations['listReviews'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/reviews/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A review with its approvals, comments, gate and whether it can merge */
    get: operations['getReview'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/reviews/{id}/approve': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Approve (not the author, not an API key); the approval that meets the requirement merges: the label moves */
    post: operations['approveReview'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/reviews/{id}/close': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Close an open review without merging (its author or an admin) */
    post: operations['closeReview'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/reviews/{id}/comments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Add a comment to a review */
    post: operations['commentOnReview'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/reviews/{id}/merge': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Merge an approved review whose evaluation gate passed after the last approval */
    post: operations['mergeReview'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/reviews/{id}/reject': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Reject a review (not the author, not an API key) */
    post: operations['rejectReview'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/reviews/{id}/rerequest': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Open a rejected or closed review again; a failed gate runs again */
    post: operations['rerequestReview'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/settings/review': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Protected labels, required approvals and the evaluation gate of reviews */
    get: operations['getReviewSettings'];
    /** Set the protected labels (moved only by a merged review), required approvals (1–5) and the gate */
    put: operations['updateReviewSettings'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/tokenize': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Count tokens of a text or chat for a model (exact where the tokenizer is known) */
    post: operations['tokenize'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/webhooks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The organization's webhooks, newest first, each with its last delivery */
    get: operations['listWebhooks'];
    put?: never;
    /** Add a webhook; its signing secret (generated when omitted) is returned this once */
    post: operations['createWebhook'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/webhooks/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A webhook (never its secret) */
    get: operations['getWebhook'];
    put?: never;
    post?: never;
    /** Delete a webhook and its delivery log */
    delete: operations['deleteWebhook'];
    options?: never;
    head?: never;
    /** Change URL, events, format, description or active; rotateSecret returns a new secret once */
    patch: operations['updateWebhook'];
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/webhooks/{id}/deliveries': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The delivery log, newest first (cursor pagination); filter by status */
    get: operations['listWebhookDeliveries'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/webhooks/{id}/deliveries/{deliveryId}/redeliver': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Send a delivery again now (same id and body) and answer with its outcome */
    post: operations['redeliverWebhookDelivery'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/webhooks/{id}/test': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Send a webhook.test delivery now and answer with its outcome */
    post: operations['testWebhook'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/workflow-runs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Runs, newest first; `status=waiting` is the approval inbox */
    get: operations['listWorkflowRuns'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/workflow-runs/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A run with every step: status, output, tokens and cost per node visit */
    get: operations['getWorkflowRun'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/workflow-runs/{id}/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Cancel a queued, running or waiting run (an ended run is returned unchanged) */
    post: operations['cancelWorkflowRun'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/workflow-runs/{id}/resume': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Answer the human node a run waits at; the run continues (409 if it is not waiting) */
    post: operations['resumeWorkflowRun'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/workflow-runs/{id}/stream': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A run's progress as server-sent events (its steps so far first)
     * @description `node-start {nodeId, nodeType, iteration}`, `node-end {nodeId, nodeType, iteration, status, output, error?, usage?, costUsd}`, `interrupt {nodeId, message}` when the run waits at a human node, `done {run}` when it has ended or waits (the stream then closes), `error {problem}`.
     */
    get: operations['streamWorkflowRun'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/workflow-settings': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The organization's workflow settings (HTTP tool allow-list) */
    get: operations['getWorkflowSettings'];
    /** Set the hosts HTTP tool nodes may call (admins) */
    put: operations['updateWorkflowSettings'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/workflows': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Workflows, most recently changed first */
    get: operations['listWorkflows'];
    put?: never;
    /** Create a workflow (version 1); an invalid graph → 400 with node-level errors */
    post: operations['createWorkflow'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/workflows/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A workflow with one version (the latest, a version number or a label) */
    get: operations['getWorkflow'];
    put?: never;
    post?: never;
    /** Delete a workflow with its versions and runs */
    delete: operations['deleteWorkflow'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/workflows/{name}/diff': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** What changed between two versions: nodes added, removed, changed (per data field) or moved, and edges added or removed */
    get: operations['diffWorkflowVersions'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/workflows/{name}/export': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A runnable LangGraph.js project of one version; its prompt nodes call this API */
    get: operations['exportWorkflow'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/workflows/{name}/labels/{label}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Point a label (e.g. production) at a version */
    put: operations['setWorkflowLabel'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/workflows/{name}/runs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Run a version (latest by default) with an input; `stream: true` answers with server-sent events
     * @description Without `stream`: 201 with the run, queued (follow it with GET …/workflow-runs/{id} or …/stream). With `stream: true`: `node-start {nodeId, nodeType, iteration}`, `node-end {nodeId, nodeType, iteration, status, output, error?, usage?, costUsd}`, `interrupt {nodeId, message}` when the run waits at a human node, `done {run}` when it has ended or waits (the stream then closes), `error {problem}`.
     */
    post: operations['runWorkflow'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/workflows/{name}/versions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A workflow's versions, newest first (without their graphs) */
    get: operations['listWorkflowVersions'];
    put?: never;
    /** Save a new, immutable version of the graph */
    post: operations['createWorkflowVersion'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/workflows/import': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Create a workflow, or its next version, from an exported LangGraph project's files */
    post: operations['importWorkflow'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/workflows/templates': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Starter graphs: classify and route, draft-critique-revise, parallel summaries, approval, HTTP lookup */
    get: operations['listWorkflowTemplates'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{orgId}/workflows/validate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Check a graph: every error names its node or edge, and the field inside the node */
    post: operations['validateWorkflow'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/shared/{token}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The version a share link points at, without signing in (404 once revoked or expired) */
    get: operations['getSharedPromptVersion'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/healthz': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Liveness */
    get: operations['getLiveness'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/readyz': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Readiness: database reachable and migrations current (503 otherwise); Redis down is `degraded` (200) */
    get: operations['getReadiness'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    Analytics: {
      /** Format: date-time */
      from: string;
      groupBy: ('prompt' | 'model' | 'version') | null;
      /** @enum {string} */
      interval: 'hour' | 'day';
      /** @description The same filters over the period of equal length just before */
      previousTotals: {
        cancelled: number;
        /** @description Exact decimal USD */
        costUsd: string;
        /** @description failed / executions; 0 without runs */
        errorRate: number;
        evaluationScore: number | null;
        executions: number;
        failed: number;
        inputTokens: number;
        interrupted: number;
        latencyMs: {
          mean: number | null;
          p50: number | null;
          p95: number | null;
        };
        outputTokens: number;
      };
      /** @description Open regression alerts of the prompts in view */
      regressions: components['schemas']['Regression'][];
      scoreKey: string | null;
      /** @description Score keys of evaluations finished in the range */
      scoreKeys: string[];
      series: {
        /** @description 'all', a prompt name, a model id, or '<prompt>@<version>'; '' for runs without a prompt, '(other)' for the series folded past the 19 most-run */
        key: string;
        /** @description Human-readable name of the key (a model name instead of its id) */
        label: string;
        points: {
          /** @description Exact decimal USD */
          costUsd: string;
          /** @description Mean of the score key over evaluation results finished in this bucket; null without any */
          evaluationScore: number | null;
          /** @description Finished runs (succeeded, failed, cancelled, interrupted) */
          executions: number;
          failed: number;
          inputTokens: number;
          /** @description Milliseconds, interpolated within the latency histogram bucket that holds the exact percentile (within 25 % of it above 10 ms); null without runs */
          latencyMs: {
            p50: number | null;
            p95: number | null;
          };
          outputTokens: number;
          /**
           * Format: date-time
           * @description Start of the hour or day (UTC)
           */
          t: string;
        }[];
        totals: {
          cancelled: number;
          /** @description Exact decimal USD */
          costUsd: string;
          /** @description failed / executions; 0 without runs */
          errorRate: number;
          evaluationScore: number | null;
          executions: number;
          failed: number;
          inputTokens: number;
          interrupted: number;
          latencyMs: {
            mean: number | null;
            p50: number | null;
            p95: number | null;
          };
          outputTokens: number;
        };
      }[];
      /** Format: date-time */
      to: string;
      totals: {
        cancelled: number;
        /** @description Exact decimal USD */
        costUsd: string;
        /** @description failed / executions; 0 without runs */
        errorRate: number;
        evaluationScore: number | null;
        executions: number;
        failed: number;
        inputTokens: number;
        interrupted: number;
        latencyMs: {
          mean: number | null;
          p50: number | null;
          p95: number | null;
        };
        outputTokens: number;
      };
    };
    ApiKey: {
      /** Format: date-time */
      createdAt: string;
      createdBy: {
        email: string;
        /** Format: uuid */
        id: string;
      } | null;
      /** Format: uuid */
      id: string;
      lastUsedAt: string | null;
      name: string;
      /** @description First characters of the key, to recognise it */
      prefix: string;
      /** @enum {string} */
      role: 'admin' | 'editor' | 'viewer';
    };
    Assignment: {
      /** Format: uuid */
      experimentId: string;
      /** Format: uuid */
      promptVersionId: string;
      variant: string;
      version: number;
    };
    AuditCheckpoint: {
      /** @description Hash of the newest event */
      headHash: string;
      /** Format: uuid */
      orgId: string;
      /** @description Number of events in the chain */
      seq: number;
      /** @description HMAC-SHA256 under a key derived from the master key, with its key id */
      signature: string;
      /** Format: date-time */
      updatedAt: string;
    };
    AuditEvent: {
      action: string;
      actor: {
        email: string | null;
        id: string | null;
        /** @enum {string} */
        type: 'user' | 'api_key' | 'system' | 'anonymous';
      };
      /** Format: date-time */
      at: string;
      details: {
        [key: string]: unknown;
      };
      /** Format: uuid */
      id: string;
      ip: string | null;
      resourceId: string | null;
      resourceType: string;
      userAgent: string | null;
    };
    Dataset: {
      /** Format: date-time */
      createdAt: string;
      description: string | null;
      /** Format: uuid */
      id: string;
      /** @description Items in the current version */
      itemCount: number;
      name: string;
      /** Format: date-time */
      updatedAt: string;
      /** @description 0 when created; every add, edit or delete of items makes the next one */
      version: number;
    };
    DatasetItem: {
      /** Format: date-time */
      createdAt: string;
      expected: string | null;
      /** Format: uuid */
      id: string;
      input: {
        [key: string]: string | number | boolean | null;
      };
      metadata: {
        [key: string]: unknown;
      };
      /** @description The run this item was made from, if any */
      sourceExecutionId: string | null;
    };
    Evaluation: {
      comparisons: {
        /** @constant */
        baseline: 0;
        ci95: [number, number];
        meanDifference: number;
        metric: string;
        /** @description Posterior probability that this variant scores better than the baseline (lower is better for ter, latency_ms, cost_usd) */
        probabilityBetter: number;
        variant: number;
      }[];
      concurrency: number;
      /** @description Exact decimal USD spent so far */
      costUsd: string;
      /** Format: date-time */
      createdAt: string;
      /** Format: uuid */
      datasetId: string;
      datasetName: string | null;
      datasetVersion: number;
      error: string | null;
      evaluators: components['schemas']['Evaluator'][];
      finishedAt: string | null;
      /** Format: uuid */
      id: string;
      maxCostUsd: string | null;
      name: string;
      progress: {
        done: number;
        failed: number;
        total: number;
      };
      repetitions: number;
      startedAt: string | null;
      /** @enum {string} */
      status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
      summary: {
        /** @description Exact decimal USD */
        costUsd: string;
        failed: number;
        latencyMs: {
          p50: number | null;
          p95: number | null;
        };
        metrics: {
          [key: string]: {
            /** @description Student's t interval of the mean over items (repetitions averaged per item first) */
            ci95: [number, number];
            /** @description Corpus-level score (bleu, chrf, ter) over the variant outputs */
            corpus?: number;
            /** @description Mean standard deviation across repetitions of one item (only with repetitions > 1) */
            itemStd?: number;
            mean: number;
            /** @description Results with this score */
            n: number;
          };
        };
        variant: number;
      }[];
      variants: {
        model: string;
        /** Format: uuid */
        modelId: string;
        name: string;
        params: components['schemas']['PromptParams'];
        prompt: {
          label: string | null;
          name: string;
          version: number;
        };
        /** Format: uuid */
        promptVersionId: string;
      }[];
    };
    EvaluationGate: {
      /** Format: uuid */
      datasetId: string;
      evaluators: components['schemas']['Evaluator'][];
      maxCostUsd?: number;
      /**
       * Format: uuid
       * @description Defaults to the reviewed version's model
       */
      modelId?: string;
      /** @description Each score's mean must satisfy its rule */
      thresholds: {
        max?: number;
        min?: number;
        /** @description A score key of the gate evaluators, e.g. exact_match */
        score: string;
      }[];
    };
    EvaluationResult: {
      costUsd: string;
      error: string | null;
      executionId: string | null;
      expected: string | null;
      input: {
        [key: string]: string | number | boolean | null;
      };
      /** Format: uuid */
      itemId: string;
      latencyMs: number | null;
      output: string | null;
      repetition: number;
      /** @description Evaluators that could not score this result (e.g. an unparseable judge reply), by score key */
      scoreErrors: {
        [key: string]: string;
      };
      scores: {
        [key: string]: number;
      };
      variant: number;
    };
    Evaluator:
      | {
          config?: Record<string, never>;
          name?: string;
          /** @constant */
          type: 'bleu';
        }
      | {
          config?: Record<string, never>;
          name?: string;
          /** @constant */
          type: 'chrf';
        }
      | {
          config?: Record<string, never>;
          name?: string;
          /** @constant */
          type: 'ter';
        }
      | {
          config?: {
            stemmer?: boolean;
            types?: ('rouge1' | 'rouge2' | 'rougeL' | 'rougeLsum')[];
          };
          name?: string;
          /** @constant */
          type: 'rouge';
        }
      | {
          config: {
            /** @description A local sentence-transformers model directory, or an embeddings model id */
            embedder: string;
          };
          name?: string;
          /** @constant */
          type: 'semantic-similarity';
        }
      | {
          config?: {
            ignoreCase?: boolean;
          };
          name?: string;
          /** @constant */
          type: 'exact-match';
        }
      | {
          config?: {
            ignoreCase?: boolean;
            pattern?: string;
          };
          name?: string;
          /** @constant */
          type: 'contains';
        }
      | {
          config: {
            ignoreCase?: boolean;
            pattern: string;
          };
          name?: string;
          /** @constant */
          type: 'regex';
        }
      | {
          config: {
            schema: {
              [key: string]: unknown;
            };
          };
          name?: string;
          /** @constant */
          type: 'json-schema';
        }
      | {
          config?: {
            ignoreCase?: boolean;
          };
          name?: string;
          /** @constant */
          type: 'levenshtein';
        }
      | {
          config: {
            /** Format: uuid */
            modelId: string;
            prompt: {
              label?: string;
              name: string;
              version?: number;
            };
          };
          name?: string;
          /** @constant */
          type: 'llm-judge';
        }
      | {
          config: {
            code: string;
          };
          name: string;
          /** @constant */
          type: 'custom';
        }
      | {
          config?: Record<string, never>;
          name?: string;
          /** @constant */
          type: 'latency';
        }
      | {
          config?: Record<string, never>;
          name?: string;
          /** @constant */
          type: 'cost';
        };
    ExecutedMessage: {
      content: string;
      /** @enum {string} */
      role: 'system' | 'user' | 'assistant' | 'tool';
      /** @description The call a `tool` message answers */
      toolCallId?: string;
      /** @description Tools an assistant turn called */
      toolCalls?: components['schemas']['ToolCall'][];
    };
    Execution: {
      attempts: number;
      /** @description Exact decimal USD */
      costUsd: string;
      /** Format: date-time */
      createdAt: string;
      error?: string;
      /** @description The experiment and variant that chose the prompt version */
      experiment: {
        /** Format: uuid */
        id: string;
        variant: string;
      } | null;
      /** @description null while running */
      finishedAt: string | null;
      /** Format: uuid */
      id: string;
      input: {
        /** @description As sent to the model, variables filled in */
        messages: components['schemas']['ExecutedMessage'][];
        params: components['schemas']['PromptParams'];
        /** @description The template or messages as written, for a run of an unsaved draft or ad-hoc text; a run of a saved version has promptVersion instead */
        source?:
          | {
              template: string;
            }
          | {
              messages: {
                content: string;
                /** @enum {string} */
                role: 'system' | 'user' | 'assistant';
              }[];
            };
        /** @description Tools offered to the model */
        tools?: components['schemas']['ToolDefinition'][];
        variables: {
          [key: string]: unknown;
        };
      };
      latencyMs: number;
      model: string;
      modelId: string | null;
      output: string;
      /** @description The evaluation or workflow run this call was made for */
      parent: {
        /** Format: uuid */
        id: string;
        /** @enum {string} */
        type: 'evaluation' | 'workflow';
      } | null;
      promptName: string | null;
      promptVersion: number | null;
      promptVersionId: string | null;
      /**
       * @description What made the call: every LLM call goes through one gateway and is recorded with its source
       * @enum {string}
       */
      source: 'playground' | 'api' | 'evaluation' | 'workflow' | 'openai';
      /**
       * @description `running` while the call is in flight; `interrupted` when the server running it stopped before it finished (output and tokens are what was seen until then)
       * @enum {string}
       */
      status: 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';
      /** @description Tools the model called in its answer */
      toolCalls?: components['schemas']['ToolCall'][];
      ttftMs: number | null;
      usage: {
        inputTokens: number;
        outputTokens: number;
      };
    };
    Experiment: {
      /** Format: date-time */
      createdAt: string;
      createdBy: {
        id: string | null;
        type: string;
      };
      description: string | null;
      /** @description An offline evaluation score linked as a quality metric */
      evaluation: {
        /** Format: uuid */
        evaluationId: string;
        scoreKey: string;
      } | null;
      /** Format: uuid */
      id: string;
      maxExpectedLoss: number;
      metric: {
        /** @default true */
        higherIsBetter: boolean;
        /** @enum {string} */
        kind: 'binary' | 'continuous';
        name: string;
      };
      minSamples: number;
      name: string;
      /** Format: uuid */
      promptId: string;
      promptName: string;
      /** @enum {string} */
      status: 'running' | 'stopped';
      stoppedAt: string | null;
      variants: {
        /** @description The label the variant was created from, if any */
        label: string | null;
        name: string;
        /** Format: uuid */
        promptVersionId: string;
        /** @description weight / sum of weights: the expected fraction of subjects */
        share: number;
        /** @description The prompt version this variant serves (labels are resolved at start) */
        version: number;
        weight: number;
      }[];
      /** @description The variant promoted when the experiment was stopped */
      winner: string | null;
    };
    ExperimentInput: {
      /** Format: date-time */
      createdAt: string;
      createdBy: {
        id: string | null;
        type: string;
      };
      description: string | null;
      /** @description An offline evaluation score linked as a quality metric */
      evaluation: {
        /** Format: uuid */
        evaluationId: string;
        scoreKey: string;
      } | null;
      /** Format: uuid */
      id: string;
      maxExpectedLoss: number;
      metric: {
        /** @default true */
        higherIsBetter: boolean;
        /** @enum {string} */
        kind: 'binary' | 'continuous';
        name: string;
      };
      minSamples: number;
      name: string;
      /** Format: uuid */
      promptId: string;
      promptName: string;
      /** @enum {string} */
      status: 'running' | 'stopped';
      stoppedAt: string | null;
      variants: {
        /** @description The label the variant was created from, if any */
        label: string | null;
        name: string;
        /** Format: uuid */
        promptVersionId: string;
        /** @description weight / sum of weights: the expected fraction of subjects */
        share: number;
        /** @description The prompt version this variant serves (labels are resolved at start) */
        version: number;
        weight: number;
      }[];
      /** @description The variant promoted when the experiment was stopped */
      winner: string | null;
    };
    ExperimentResults: {
      /** Format: date-time */
      computedAt: string;
      decision: {
        reason: string;
        /** @enum {string} */
        state: 'collecting' | 'undecided' | 'winner';
        winner: string | null;
      };
      evaluation: {
        /** Format: uuid */
        evaluationId: string;
        scoreKey: string;
        variants: {
          ci95: [number, number] | null;
          /** @description The evaluation variant run with the same prompt version */
          evaluationVariant: number | null;
          mean: number | null;
          n: number;
          name: string;
          probabilityBest: number | null;
        }[];
      } | null;
      /** Format: uuid */
      experimentId: string;
      metric: {
        /** @default true */
        higherIsBetter: boolean;
        /** @enum {string} */
        kind: 'binary' | 'continuous';
        name: string;
      };
      variants: {
        ci95: [number, number] | null;
        /** @description Posterior density of the mean, for drawing */
        curve: {
          density: number;
          x: number;
        }[];
        /** @description Expected shortfall against the best variant, in the metric's units */
        expectedLoss: number | null;
        mean: number | null;
        /** @description Subjects with an outcome */
        n: number;
        name: string;
        posterior:
          | {
              alpha: number;
              beta: number;
              /** @constant */
              kind: 'beta';
            }
          | {
              df: number;
              /** @constant */
              kind: 'student-t';
              location: number;
              scale: number;
            }
          | {
              /** @constant */
              kind: 'none';
              reason: string;
            };
        probabilityBest: number | null;
        /** @description Distinct subjects assigned to the variant (prompt fetches, runs, assign calls) */
        subjects: number;
        version: number;
      }[];
    };
    ExperimentResultsInput: {
      /** Format: date-time */
      computedAt: string;
      decision: {
        reason: string;
        /** @enum {string} */
        state: 'collecting' | 'undecided' | 'winner';
        winner: string | null;
      };
      evaluation: {
        /** Format: uuid */
        evaluationId: string;
        scoreKey: string;
        variants: {
          ci95: [number, number] | null;
          /** @description The evaluation variant run with the same prompt version */
          evaluationVariant: number | null;
          mean: number | null;
          n: number;
          name: string;
          probabilityBest: number | null;
        }[];
      } | null;
      /** Format: uuid */
      experimentId: string;
      metric: {
        /** @default true */
        higherIsBetter: boolean;
        /** @enum {string} */
        kind: 'binary' | 'continuous';
        name: string;
      };
      variants: {
        ci95: [number, number] | null;
        /** @description Posterior density of the mean, for drawing */
        curve: {
          density: number;
          x: number;
        }[];
        /** @description Expected shortfall against the best variant, in the metric's units */
        expectedLoss: number | null;
        mean: number | null;
        /** @description Subjects with an outcome */
        n: number;
        name: string;
        posterior:
          | {
              alpha: number;
              beta: number;
              /** @constant */
              kind: 'beta';
            }
          | {
              df: number;
              /** @constant */
              kind: 'student-t';
              location: number;
              scale: number;
            }
          | {
              /** @constant */
              kind: 'none';
              reason: string;
            };
        probabilityBest: number | null;
        /** @description Distinct subjects assigned to the variant (prompt fetches, runs, assign calls) */
        subjects: number;
        version: number;
      }[];
    };
    HealthCheck: {
      /** Format: date-time */
      checkedAt: string;
      error: string | null;
      /** Format: uuid */
      id: string;
      latencyMs: number | null;
      /** @description The model probed by a completion probe; null for a models-list probe */
      modelId: string | null;
      /** Format: uuid */
      providerId: string;
      /** @enum {string} */
      status: 'healthy' | 'degraded' | 'down';
    };
    Invitation: {
      /** Format: date-time */
      createdAt: string;
      email: string;
      /** Format: date-time */
      expiresAt: string;
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      role: 'admin' | 'editor' | 'viewer';
    };
    Member: {
      email: string;
      /** Format: date-time */
      joinedAt: string;
      name: string;
      /** @enum {string} */
      role: 'admin' | 'editor' | 'viewer';
      /** Format: uuid */
      userId: string;
    };
    Model: {
      active: boolean;
      contextWindow: number | null;
      /** Format: date-time */
      createdAt: string;
      displayName: string;
      /** @description The latest health check of the model's provider */
      health: components['schemas']['ProviderHealth'];
      /** Format: uuid */
      id: string;
      /** @description USD per million input tokens (exact decimal) */
      inputPricePerMTok: string;
      /** @description True for the built-in mock provider's models */
      isTestModel: boolean;
      /** @description The provider's model id, e.g. gpt-4o-mini */
      name: string;
      /** @description USD per million output tokens (exact decimal) */
      outputPricePerMTok: string;
      /** Format: uuid */
      providerId: string;
      providerName: string;
      /** @enum {string} */
      providerType: 'openai' | 'anthropic' | 'huggingface' | 'openai-compatible' | 'mock';
      settings: components['schemas']['ModelSettings'];
      /** @description This organization's use of the model in the current minute */
      usage: {
        requests: {
          limit: number | null;
          resetAt: string;
          used: number;
        };
        tokens: {
          limit: number | null;
          resetAt: string;
          used: number;
        };
      };
    };
    ModelSettings: {
      /** @description Per-organization limits enforced before calling the provider */
      limits?: {
        requestsPerMinute?: number;
        tokensPerMinute?: number;
      };
      /** @description Parameters this model rejects; they are left out of calls */
      unsupportedParams?: ('temperature' | 'topP' | 'maxTokens' | 'stop')[];
    };
    Organization: {
      /** Format: date-time */
      createdAt: string;
      /** Format: uuid */
      id: string;
      name: string;
      slug: string;
    };
    Overview: {
      cancelled: number;
      /** @description Exact decimal USD */
      costUsd: string;
      failed: number;
      /** @description failed / runs; 0 without runs */
      failureRate: number;
      /**
       * Format: date-time
       * @description Start of the current calendar month (UTC)
       */
      from: string;
      /** @description Runs whose server stopped before they finished */
      interrupted: number;
      runs: number;
      succeeded: number;
      /** Format: date-time */
      to: string;
      /** @description The most-run saved prompts this month, at most 5 */
      topPrompts: {
        /** @description Exact decimal USD */
        costUsd: string;
        name: string;
        runs: number;
      }[];
    };
    PendingInvitation: {
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      expiresAt: string;
      /** Format: uuid */
      id: string;
      /** @description Email of the member who sent it */
      invitedBy: string | null;
      organization: {
        /** Format: uuid */
        id: string;
        name: string;
        slug: string;
      };
      /** @enum {string} */
      role: 'admin' | 'editor' | 'viewer';
    };
    PlatformEvent:
      | {
          /** Format: date-time */
          createdAt: string;
          /** @description Increases in publication order across the installation; replay with "events after id" */
          id: number;
          /** Format: uuid */
          orgId: string;
          payload: {
            name: string;
            /** Format: uuid */
            promptId: string;
            version: number;
            /** Format: uuid */
            versionId: string;
          };
          /** @constant */
          type: 'prompt.version_created';
        }
      | {
          /** Format: date-time */
          createdAt: string;
          /** @description Increases in publication order across the installation; replay with "events after id" */
          id: number;
          /** Format: uuid */
          orgId: string;
          payload: {
            label: string;
            name: string;
            /** @description null when the label is new */
            previousVersion: number | null;
            /** Format: uuid */
            promptId: string;
            version: number;
          };
          /** @constant */
          type: 'prompt.label_moved';
        }
      | {
          /** Format: date-time */
          createdAt: string;
          /** @description Increases in publication order across the installation; replay with "events after id" */
          id: number;
          /** Format: uuid */
          orgId: string;
          payload: {
            /** Format: uuid */
            keyId: string;
          };
          /** @constant */
          type: 'access.api_key_revoked';
        }
      | {
          /** Format: date-time */
          createdAt: string;
          /** @description Increases in publication order across the installation; replay with "events after id" */
          id: number;
          /** Format: uuid */
          orgId: string;
          payload: {
            /** @description null when the member left */
            role: ('admin' | 'editor' | 'viewer') | null;
            /** Format: uuid */
            userId: string;
          };
          /** @constant */
          type: 'access.membership_changed';
        }
      | {
          /** Format: date-time */
          createdAt: string;
          /** @description Increases in publication order across the installation; replay with "events after id" */
          id: number;
          /** Format: uuid */
          orgId: string;
          payload: {
            /** Format: uuid */
            experimentId: string;
            name: string;
            /** Format: uuid */
            promptId: string;
            promptName: string;
            /** @enum {string} */
            status: 'running' | 'stopped';
            winner: string | null;
          };
          /** @constant */
          type: 'experiment.changed';
        }
      | {
          /** Format: date-time */
          createdAt: string;
          /** @description Increases in publication order across the installation; replay with "events after id" */
          id: number;
          /** Format: uuid */
          orgId: string;
          payload: {
            current: number;
            detail: string;
            /** @enum {string} */
            metric: 'failure_rate' | 'latency_p95' | 'evaluation_score';
            previous: number;
            previousVersion: number;
            probability: number;
            promptName: string;
            /** Format: uuid */
            regressionId: string;
            version: number;
          };
          /** @constant */
          type: 'analytics.regression_detected';
        }
      | {
          /** Format: date-time */
          createdAt: string;
          /** @description Increases in publication order across the installation; replay with "events after id" */
          id: number;
          /** Format: uuid */
          orgId: string;
          payload: {
            actor: {
              email: string | null;
              id: string | null;
            };
            label: string;
            /** Format: uuid */
            promptId: string;
            promptName: string;
            /** Format: uuid */
            reviewId: string;
            /** @enum {string} */
            status: 'open' | 'merged' | 'rejected' | 'closed';
            version: number;
          };
          /** @constant */
          type: 'review.opened';
        }
      | {
          /** Format: date-time */
          createdAt: string;
          /** @description Increases in publication order across the installation; replay with "events after id" */
          id: number;
          /** Format: uuid */
          orgId: string;
          payload: {
            actor: {
              email: string | null;
              id: string | null;
            };
            label: string;
            /** Format: uuid */
            promptId: string;
            promptName: string;
            /** Format: uuid */
            reviewId: string;
            /** @enum {string} */
            status: 'open' | 'merged' | 'rejected' | 'closed';
            version: number;
          };
          /** @constant */
          type: 'review.merged';
        }
      | {
          /** Format: date-time */
          createdAt: string;
          /** @description Increases in publication order across the installation; replay with "events after id" */
          id: number;
          /** Format: uuid */
          orgId: string;
          payload: {
            actor: {
              email: string | null;
              id: string | null;
            };
            label: string;
            /** Format: uuid */
            promptId: string;
            promptName: string;
            /** Format: uuid */
            reviewId: string;
            /** @enum {string} */
            status: 'open' | 'merged' | 'rejected' | 'closed';
            version: number;
          };
          /** @constant */
          type: 'review.rejected';
        }
      | {
          /** Format: date-time */
          createdAt: string;
          /** @description Increases in publication order across the installation; replay with "events after id" */
          id: number;
          /** Format: uuid */
          orgId: string;
          payload: {
            /** Format: uuid */
            datasetId: string;
            /** Format: uuid */
            evaluationId: string;
            name: string;
            /** @enum {string} */
            status: 'succeeded' | 'failed' | 'cancelled';
            /** @description Mean of each score per variant */
            summary: {
              metrics: {
                [key: string]: number;
              };
              variant: number;
            }[];
          };
          /** @constant */
          type: 'evaluation.finished';
        };
    Problem: {
      detail?: string;
      /** @description Validation errors, one per field at fault */
      errors?: {
        /** @description A machine-readable reason (workflow graphs: the error code) */
        code?: string;
        /** @description Workflow graphs: the edge at fault */
        edgeId?: string;
        message: string;
        /** @description Workflow graphs: the node at fault */
        nodeId?: string;
        path: string;
      }[];
      /** @description The stored run, when a provider call failed */
      executionId?: string;
      instance?: string;
      /** @description On a 409 for a stale baseVersion: the newest version of the prompt */
      latestVersion?: number;
      requestId?: string;
      retryAfterSeconds?: number;
      status: number;
      title: string;
      type: string;
    };
    PromptDiff: {
      /** @description Empty when the two versions have the same content */
      changes: {
        /** @description The new value; null when the field is gone */
        after: unknown;
        /** @description The old value; null when the field is new */
        before: unknown;
        /** @description template, messages[i], model, params, variables, type or description of the version */
        field: string;
        /** @description For a changed template or message content: a word-level diff of the two texts */
        words?: {
          /** @enum {string} */
          op: 'equal' | 'add' | 'remove';
          text: string;
        }[];
      }[];
      from: number;
      /** @description Line diff of the rendered body (template, or messages as "## role" blocks) */
      hunks: {
        lines: {
          /** @description 1-based line in the new body; null for a removed line */
          newLine: number | null;
          /** @description 1-based line in the old body; null for an added line */
          oldLine: number | null;
          /** @enum {string} */
          op: 'equal' | 'add' | 'remove';
          text: string;
          /** @description For a changed line (a removal paired with an addition): the words that changed */
          words?: {
            /** @enum {string} */
            op: 'equal' | 'add' | 'remove';
            text: string;
          }[];
        }[];
        newLines: number;
        newStart: number;
        oldLines: number;
        oldStart: number;
      }[];
      name: string;
      to: number;
    };
    PromptExportDocument: {
      exportedAt?: string;
      /** @constant */
      format: 'promptops.prompts/v1';
      prompts: {
        description?: string | null;
        /** @description Label → version number in this document (latest is implicit) */
        labels?: {
          [key: string]: number;
        };
        name: string;
        /** @enum {string} */
        type: 'text' | 'chat';
        versions: {
          commitMessage?: string | null;
          createdAt?: string;
          messages?:
            | {
                content: string;
                /** @enum {string} */
                role: 'system' | 'user' | 'assistant';
              }[]
            | null;
          /** @description Model name at export time (informational) */
          model?: string | null;
          params?: components['schemas']['PromptParams'];
          template?: string | null;
          variables?: {
            default?: string;
            description?: string;
            name: string;
            /** @enum {string} */
            type?: 'string' | 'number' | 'boolean' | 'json';
          }[];
          version: number;
        }[];
      }[];
    };
    PromptParams: {
      maxTokens?: number;
      stop?: string[];
      temperature?: number;
      topP?: number;
    };
    PromptSummary: {
      description: string | null;
      /** Format: uuid */
      id: string;
      /** @description Explicit labels → version number (latest is latestVersion) */
      labels: {
        [key: string]: number;
      };
      latestVersion: number;
      name: string;
      /** @enum {string} */
      type: 'text' | 'chat';
      /** Format: date-time */
      updatedAt: string;
    };
    PromptVersion: {
      commitMessage: string | null;
      /** Format: date-time */
      createdAt: string;
      /** @description Author: a user (id, email) or an API key (apiKeyName) */
      createdBy: {
        /** @description Set when an API key created the version */
        apiKeyName: string | null;
        email: string | null;
        id: string | null;
      };
      description: string | null;
      /** @description Set when a running experiment chose this version for the subject of the fetch */
      experiment?: {
        /** Format: uuid */
        id: string;
        variant: string;
      };
      /** Format: uuid */
      id: string;
      /** @description Labels pointing at this version (latest included when it is the newest) */
      labels: string[];
      messages:
        | {
            content: string;
            /** @enum {string} */
            role: 'system' | 'user' | 'assistant';
          }[]
        | null;
      modelId: string | null;
      name: string;
      params: components['schemas']['PromptParams'];
      /** Format: uuid */
      promptId: string;
      template: string | null;
      /** @enum {string} */
      type: 'text' | 'chat';
      /** @description Variables detected in the template, with any declared metadata */
      variables: {
        default?: string;
        description?: string;
        name: string;
        /** @enum {string} */
        type?: 'string' | 'number' | 'boolean' | 'json';
      }[];
      version: number;
    };
    Provider: {
      baseUrl: string | null;
      breaker: {
        openedAt?: string | null;
        /** @enum {string} */
        state: 'closed' | 'open' | 'half-open';
      };
      /** Format: date-time */
      createdAt: string;
      /** @description Custom header names with hints; values are never returned */
      headers: components['schemas']['ProviderHeader'][];
      health: components['schemas']['ProviderHealth'];
      /** Format: uuid */
      id: string;
      /** @description Last 4 characters of the API key, e.g. "…a1b2", when the key has at least 16 characters (else null); the key itself is never returned */
      keyHint: string | null;
      name: string;
      /** @description The provider's own limits from its latest response headers (null when unknown) */
      rateLimits: {
        requests: {
          limit: number | null;
          remaining: number | null;
          resetAt: string | null;
        } | null;
        tokens: {
          limit: number | null;
          remaining: number | null;
          resetAt: string | null;
        } | null;
      };
      settings: components['schemas']['ProviderSettings'];
      /** @enum {string} */
      type: 'openai' | 'anthropic' | 'huggingface' | 'openai-compatible' | 'mock';
      /** Format: date-time */
      updatedAt: string;
    };
    ProviderHeader: {
      /** @description Last 4 characters of the value when it has at least 16, else null; the value is never returned */
      hint: string | null;
      name: string;
    };
    ProviderHealth: {
      /** @description null when the provider was never checked */
      checkedAt: string | null;
      /** @description The provider's error message when it is degraded or down */
      error?: string;
      latencyMs: number | null;
      /**
       * @description healthy: answered fast; degraded: slow or rate-limited (429); down: error or timeout; unknown: never checked
       * @enum {string}
       */
      status: 'healthy' | 'degraded' | 'down' | 'unknown';
    };
    ProviderSettings: {
      breaker?: {
        /** @description Failures that open the circuit; default 5 */
        consecutiveFailures?: number;
        /** @description Wait before a probe call; default 30000 */
        halfOpenAfterMs?: number;
      };
      /** @description Retries on 429/5xx/network/timeouts before the first token; default 2 */
      maxRetries?: number;
      timeoutMs?: {
        /** @description Until response headers; default 10000 */
        connect?: number;
        /** @description Whole call including retries; default 600000 */
        total?: number;
        /** @description Until the first token; default 60000 */
        ttft?: number;
      };
    };
    ProviderSettingsRequest: {
      breaker?: {
        /** @description Failures that open the circuit; default 5 */
        consecutiveFailures?: number;
        /** @description Wait before a probe call; default 30000 */
        halfOpenAfterMs?: number;
      };
      /** @description Extra headers sent with every request (e.g. for a self-hosted gateway). On update the given headers are merged into the stored ones: a value replaces, null removes, an absent name is kept */
      headers?: {
        [key: string]: string | null;
      };
      /** @description Retries on 429/5xx/network/timeouts before the first token; default 2 */
      maxRetries?: number;
      timeoutMs?: {
        /** @description Until response headers; default 10000 */
        connect?: number;
        /** @description Whole call including retries; default 600000 */
        total?: number;
        /** @description Until the first token; default 60000 */
        ttft?: number;
      };
    };
    Regression: {
      /** @description The new version: failure rate, p95 ms, or mean score */
      current: number;
      detail: string;
      /** Format: date-time */
      detectedAt: string;
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      metric: 'failure_rate' | 'latency_p95' | 'evaluation_score';
      previous: number;
      previousVersion: number;
      /** @description Posterior probability that the new version is worse */
      probability: number;
      promptName: string;
      version: number;
    };
    Review: {
      /** @description Oldest first */
      activity: {
        author: {
          email: string | null;
          id: string | null;
        };
        body: string | null;
        /** Format: date-time */
        createdAt: string;
        /** Format: uuid */
        id: string;
        /** @enum {string} */
        kind: 'opened' | 'approved' | 'rejected' | 'commented' | 'rerequested' | 'merged' | 'closed';
      }[];
      approvals: {
        comment: string | null;
        /** Format: date-time */
        createdAt: string;
        user: {
          email: string | null;
          id: string | null;
        };
      }[];
      author: {
        /** @description Set when an API key opened the review */
        apiKeyName: string | null;
        email: string | null;
        id: string | null;
      };
      /** @description Where the label pointed when the review opened */
      baseVersion: number | null;
      closedAt: string | null;
      /** Format: date-time */
      createdAt: string;
      description: string | null;
      /** @description The evaluation gate, when the settings set one */
      gate: {
        detail: string | null;
        evaluationId: string | null;
        /** @enum {string} */
        status: 'pending' | 'running' | 'passed' | 'failed';
        thresholds: {
          actual: number | null;
          max: number | null;
          min: number | null;
          passed: boolean | null;
          score: string;
        }[];
      } | null;
      /** Format: uuid */
      id: string;
      label: string;
      /** @description Approvals met and the gate (if any) passed */
      mergeable: boolean;
      /** Format: uuid */
      promptId: string;
      promptName: string;
      requiredApprovals: number;
      /** @enum {string} */
      status: 'open' | 'merged' | 'rejected' | 'closed';
      /** Format: date-time */
      updatedAt: string;
      /** @description The version the label should point at */
      version: number;
    };
    ReviewSettings: {
      /** @description When set, every review runs this evaluation as it opens and merges only when it passes */
      evaluationGate: components['schemas']['EvaluationGate'] | null;
      /** @description Labels that move only through an approved review */
      protectedLabels: string[];
      requiredApprovals: number;
    };
    SecurityEvent: {
      /** @description auth.login, auth.login_failed, auth.logout, auth.refresh_reuse_detected */
      action: string;
      /** Format: date-time */
      at: string;
      details: {
        [key: string]: unknown;
      };
      /** Format: uuid */
      id: string;
      ip: string | null;
      userAgent: string | null;
    };
    SharedPromptVersion: {
      commitMessage: string | null;
      /** Format: date-time */
      createdAt: string;
      description: string | null;
      /** Format: date-time */
      expiresAt: string;
      messages:
        | {
            content: string;
            /** @enum {string} */
            role: 'system' | 'user' | 'assistant';
          }[]
        | null;
      model: string | null;
      name: string;
      params: components['schemas']['PromptParams'];
      template: string | null;
      /** @enum {string} */
      type: 'text' | 'chat';
      variables: {
        default?: string;
        description?: string;
        name: string;
        /** @enum {string} */
        type?: 'string' | 'number' | 'boolean' | 'json';
      }[];
      version: number;
    };
    ShareLink: {
      /** Format: date-time */
      createdAt: string;
      createdBy: {
        email: string | null;
        id: string | null;
      };
      /** Format: date-time */
      expiresAt: string;
      /** Format: uuid */
      id: string;
      promptName: string;
      revokedAt: string | null;
      version: number;
    };
    ToolCall: {
      /** @description JSON text of the arguments, as the model wrote it */
      arguments: string;
      id: string;
      name: string;
    };
    ToolDefinition: {
      description?: string;
      name: string;
      /** @description JSON Schema of the arguments */
      parameters?: {
        [key: string]: unknown;
      };
    };
    User: {
      /** Format: date-time */
      createdAt: string;
      email: string;
      /** @description Whether the user confirmed their address through an emailed link (only sent when SMTP is set up) */
      emailVerified: boolean;
      /** Format: uuid */
      id: string;
      name: string;
    };
    Webhook: {
      active: boolean;
      /** Format: date-time */
      createdAt: string;
      description: string | null;
      events: (
        | 'prompt.version.created'
        | 'prompt.label.moved'
        | 'review.opened'
        | 'review.merged'
        | 'review.rejected'
        | 'evaluation.finished'
        | 'experiment.changed'
        | 'analytics.regression.detected'
      )[];
      /** @enum {string} */
      format: 'json' | 'slack';
      /** Format: uuid */
      id: string;
      lastDelivery: {
        /** Format: date-time */
        at: string;
        responseStatus: number | null;
        status: string;
      } | null;
      /** @description Last four characters of the secret */
      secretHint: string;
      /** Format: date-time */
      updatedAt: string;
      url: string;
    };
    WebhookDelivery: {
      attempts: number;
      /** Format: date-time */
      createdAt: string;
      deliveredAt: string | null;
      durationMs: number | null;
      error: string | null;
      /** @description A webhook event name, or webhook.test */
      event: string;
      /** @description The platform event id; null for a test delivery */
      eventId: number | null;
      /** Format: uuid */
      id: string;
      nextAttemptAt: string | null;
      /** @description The event data: the `data` field of a JSON delivery, the source of a Slack message */
      payload: {
        [key: string]: unknown;
      };
      /** @description The first 2 KB of the last response */
      responseBody: string | null;
      responseStatus: number | null;
      /** @enum {string} */
      status: 'pending' | 'retrying' | 'succeeded' | 'failed';
      /** Format: uuid */
      webhookId: string;
    };
    Workflow: {
      /** Format: date-time */
      createdAt: string;
      description: string | null;
      /** Format: uuid */
      id: string;
      /** @description Label → version */
      labels: {
        [key: string]: number;
      };
      latestVersion: number;
      name: string;
      /** @description Nodes in the latest version */
      nodeCount: number;
      /** Format: date-time */
      updatedAt: string;
    };
    WorkflowGraph: {
      edges: {
        id: string;
        source: string;
        sourceHandle?: string | null;
        target: string;
      }[];
      nodes: {
        /** @default {} */
        data: {
          [key: string]: unknown;
        };
        id: string;
        position?: {
          x: number;
          y: number;
        };
        type: string;
      }[];
    };
    WorkflowGraphDiff: {
      /** @description Edges are matched by source, target and sourceHandle; their ids are not compared */
      edges: {
        added: {
          id: string;
          source: string;
          sourceHandle?: string | null;
          target: string;
        }[];
        removed: {
          id: string;
          source: string;
          sourceHandle?: string | null;
          target: string;
        }[];
      };
      nodes: {
        added: {
          /** @default {} */
          data: {
            [key: string]: unknown;
          };
          id: string;
          position?: {
            x: number;
            y: number;
          };
          type: string;
        }[];
        /** @description Type or data changes; a move alone is not a change */
        changed: {
          fields: {
            /** @description The new value; null when the field is gone */
            after: unknown;
            /** @description The old value; null when the field is new */
            before: unknown;
            /** @description A top-level key of the node's data */
            field: string;
          }[];
          id: string;
          /** @description The type in the newer version */
          type: string;
          /** @description The old type when it changed; null when it did not */
          typeBefore: string | null;
        }[];
        /** @description Nodes on both sides whose canvas position changed */
        moved: {
          after: {
            x: number;
            y: number;
          } | null;
          before: {
            x: number;
            y: number;
          } | null;
          id: string;
        }[];
        removed: {
          /** @default {} */
          data: {
            [key: string]: unknown;
          };
          id: string;
          position?: {
            x: number;
            y: number;
          };
          type: string;
        }[];
      };
    };
    WorkflowGraphDiffInput: {
      /** @description Edges are matched by source, target and sourceHandle; their ids are not compared */
      edges: {
        added: {
          id: string;
          source: string;
          sourceHandle?: string | null;
          target: string;
        }[];
        removed: {
          id: string;
          source: string;
          sourceHandle?: string | null;
          target: string;
        }[];
      };
      nodes: {
        added: {
          /** @default {} */
          data: {
            [key: string]: unknown;
          };
          id: string;
          position?: {
            x: number;
            y: number;
          };
          type: string;
        }[];
        /** @description Type or data changes; a move alone is not a change */
        changed: {
          fields: {
            /** @description The new value; null when the field is gone */
            after: unknown;
            /** @description The old value; null when the field is new */
            before: unknown;
            /** @description A top-level key of the node's data */
            field: string;
          }[];
          id: string;
          /** @description The type in the newer version */
          type: string;
          /** @description The old type when it changed; null when it did not */
          typeBefore: string | null;
        }[];
        /** @description Nodes on both sides whose canvas position changed */
        moved: {
          after: {
            x: number;
            y: number;
          } | null;
          before: {
            x: number;
            y: number;
          } | null;
          id: string;
        }[];
        removed: {
          /** @default {} */
          data: {
            [key: string]: unknown;
          };
          id: string;
          position?: {
            x: number;
            y: number;
          };
          type: string;
        }[];
      };
    };
    WorkflowGraphInput: {
      edges: {
        id: string;
        source: string;
        sourceHandle?: string | null;
        target: string;
      }[];
      nodes: {
        /** @default {} */
        data: {
          [key: string]: unknown;
        };
        id: string;
        position?: {
          x: number;
          y: number;
        };
        type: string;
      }[];
    };
    WorkflowRun: {
      costUsd: string;
      /** Format: date-time */
      createdAt: string;
      createdBy: {
        id: string | null;
        type: string;
      };
      endedAt: string | null;
      error: string | null;
      /** Format: uuid */
      id: string;
      input: {
        [key: string]: unknown;
      };
      output: unknown | null;
      /** @enum {string} */
      status: 'queued' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'cancelled';
      steps: {
        /** @description Exact decimal USD */
        costUsd: string;
        endedAt: string | null;
        error: string | null;
        /** @description The recorded LLM call of a prompt node */
        executionId: string | null;
        /** @description 1 for the first visit of the node; more when a loop runs it again */
        iteration: number;
        nodeId: string;
        nodeType: string;
        output: unknown | null;
        /** Format: date-time */
        startedAt: string;
        /** @enum {string} */
        status: 'running' | 'succeeded' | 'failed' | 'waiting' | 'skipped';
        usage: {
          inputTokens: number;
          outputTokens: number;
        } | null;
      }[];
      usage: {
        inputTokens: number;
        outputTokens: number;
      };
      version: number;
      /** @description The human node the run waits at */
      waiting: {
        message: string;
        nodeId: string;
      } | null;
      /** Format: uuid */
      workflowId: string;
      workflowName: string;
    };
    WorkflowSettings: {
      /** @description Hosts HTTP tool nodes may call; none by default. The egress policy applies on top. */
      httpAllowedHosts: string[];
    };
    WorkflowValidation: {
      errors: {
        /** @enum {string} */
        code:
          | 'no-start'
          | 'no-end'
          | 'unreachable'
          | 'dangling-edge'
          | 'cycle-without-loop'
          | 'bad-expression'
          | 'unknown-prompt'
          | 'unknown-model'
          | 'missing-branch'
          | 'unknown-type'
          | 'duplicate-id'
          | 'bad-data'
          | 'bad-template'
          | 'bad-edge'
          | 'dead-end';
        edgeId?: string;
        /** @description The path inside the node's data, e.g. `branches.0.when` */
        field?: string;
        message: string;
        nodeId?: string;
      }[];
      valid: boolean;
    };
    WorkflowVersion: {
      /** Format: date-time */
      createdAt: string;
      createdBy: {
        id: string | null;
        type: string;
      };
      graph: components['schemas']['WorkflowGraph'];
      /** Format: uuid */
      id: string;
      labels: string[];
      message: string | null;
      name: string;
      version: number;
      /** Format: uuid */
      workflowId: string;
    };
    WorkflowVersionDiff: {
      diff: components['schemas']['WorkflowGraphDiff'];
      from: number;
      name: string;
      to: number;
    };
    WorkflowVersionDiffInput: {
      diff: components['schemas']['WorkflowGraphDiffInput'];
      from: number;
      name: string;
      to: number;
    };
    WorkflowVersionInput: {
      /** Format: date-time */
      createdAt: string;
      createdBy: {
        id: string | null;
        type: string;
      };
      graph: components['schemas']['WorkflowGraphInput'];
      /** Format: uuid */
      id: string;
      labels: string[];
      message: string | null;
      name: string;
      version: number;
      /** Format: uuid */
      workflowId: string;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  login: {
    parameters: {
      query?: never;
      header?: {
        /** @description Browser sessions: keep the refresh token in an httpOnly cookie (set, read and cleared by the server) instead of JSON bodies. Only accepted from the server's own origin. */
        'x-promptops-session'?: 'cookie';
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** Format: email */
          email: string;
          password: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            accessToken: string;
            /** @description Always present, except when the X-PromptOps-Session: cookie header asked for it in a cookie */
            refreshToken?: string;
            user: components['schemas']['User'];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  logout: {
    parameters: {
      query?: never;
      header?: {
        /** @description Browser sessions: keep the refresh token in an httpOnly cookie (set, read and cleared by the server) instead of JSON bodies. Only accepted from the server's own origin. */
        'x-promptops-session'?: 'cookie';
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description Required, except with the X-PromptOps-Session: cookie header (the cookie carries it) */
          refreshToken?: string;
        };
      };
    };
    responses: {
      /** @description No content */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  requestPasswordReset: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** Format: email */
          email: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /**
             * @description Sent when the account exists; the answer is the same when it does not
             * @enum {boolean}
             */
            emailSent: true;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  confirmPasswordReset: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          password: string;
          token: string;
        };
      };
    };
    responses: {
      /** @description No content */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  refreshSession: {
    parameters: {
      query?: never;
      header?: {
        /** @description Browser sessions: keep the refresh token in an httpOnly cookie (set, read and cleared by the server) instead of JSON bodies. Only accepted from the server's own origin. */
        'x-promptops-session'?: 'cookie';
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description Required, except with the X-PromptOps-Session: cookie header (the cookie carries it) */
          refreshToken?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            accessToken: string;
            /** @description Always present, except when the X-PromptOps-Session: cookie header asked for it in a cookie */
            refreshToken?: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  signup: {
    parameters: {
      query?: never;
      header?: {
        /** @description Browser sessions: keep the refresh token in an httpOnly cookie (set, read and cleared by the server) instead of JSON bodies. Only accepted from the server's own origin. */
        'x-promptops-session'?: 'cookie';
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** Format: email */
          email: string;
          /** @description Accept a pending invitation while signing up */
          invitationToken?: string;
          name: string;
          /** @description Required unless an invitation token is given */
          organizationName?: string;
          password: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            accessToken: string;
            organization: components['schemas']['Organization'];
            /** @description Always present, except when the X-PromptOps-Session: cookie header asked for it in a cookie */
            refreshToken?: string;
            user: components['schemas']['User'];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  verifyEmail: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          token: string;
        };
      };
    };
    responses: {
      /** @description No content */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getInvitation: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        token: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            email: string;
            organization: {
              /** Format: uuid */
              id: string;
              name: string;
              slug: string;
            };
            /** @enum {string} */
            role: 'admin' | 'editor' | 'viewer';
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getMe: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json':
            | {
                /** @description The server can send email (SMTP is configured), so unverified users are asked to verify */
                emailVerificationAvailable: boolean;
                memberships: {
                  organization: {
                    /** Format: uuid */
                    id: string;
                    name: string;
                    slug: string;
                  };
                  /** @enum {string} */
                  role: 'admin' | 'editor' | 'viewer';
                }[];
                user: components['schemas']['User'];
              }
            | {
                apiKey: {
                  /** Format: uuid */
                  id: string;
                  name: string;
                  /** @enum {string} */
                  role: 'admin' | 'editor' | 'viewer';
                };
                organization: {
                  /** Format: uuid */
                  id: string;
                  name: string;
                  slug: string;
                };
              };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listMyInvitations: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['PendingInvitation'][];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  acceptInvitation: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        invitationId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': Record<string, never> | null;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            organization: {
              /** Format: uuid */
              id: string;
              name: string;
              slug: string;
            };
            /** @enum {string} */
            role: 'admin' | 'editor' | 'viewer';
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  declineInvitation: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        invitationId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': Record<string, never> | null;
      };
    };
    responses: {
      /** @description No content */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listMySecurityEvents: {
    parameters: {
      query?: {
        cursor?: string;
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['SecurityEvent'][];
            nextCursor: string | null;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  sendVerificationEmail: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description No fields */
    requestBody: {
      content: {
        'application/json': Record<string, never> | null;
      };
    };
    responses: {
      /** @description Default Response */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @enum {boolean} */
            emailSent: true;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  createOpenAiChatCompletion: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description OpenAI Chat Completions request */
    requestBody: {
      content: {
        'application/json': {
          /** @description Log probabilities are not supported */
          logprobs?: false | null;
          max_completion_tokens?: number | null;
          max_tokens?: number | null;
          /** @description Appended after a managed prompt's rendered messages */
          messages: (
            | {
                content:
                  | string
                  | {
                      text: string;
                      /** @enum {string} */
                      type: 'text';
                    }[];
                name?: string;
                /** @enum {string} */
                role: 'system' | 'developer';
              }
            | {
                content:
                  | string
                  | {
                      text: string;
                      /** @enum {string} */
                      type: 'text';
                    }[];
                name?: string;
                /** @enum {string} */
                role: 'user';
              }
            | {
                content?:
                  | (
                      | string
                      | {
                          text: string;
                          /** @enum {string} */
                          type: 'text';
                        }[]
                    )
                  | null;
                name?: string;
                refusal?: string | null;
                /** @enum {string} */
                role: 'assistant';
                tool_calls?: {
                  function: {
                    arguments: string;
                    name: string;
                  };
                  id: string;
                  /** @enum {string} */
                  type: 'function';
                }[];
              }
            | {
                content:
                  | string
                  | {
                      text: string;
                      /** @enum {string} */
                      type: 'text';
                    }[];
                /** @enum {string} */
                role: 'tool';
                tool_call_id: string;
              }
          )[];
          metadata?:
            | ({
                /** @description A managed prompt's variables: an object, or the same object as a JSON string (OpenAI's metadata values are strings) */
                variables?:
                  | {
                      [key: string]: string | number | boolean | null;
                    }
                  | string;
              } & {
                [key: string]: unknown;
              })
            | null;
          /** @description A model name of the organization, or `prompt:<name>`, `prompt:<name>@<label>`, `prompt:<name>#<version>` to run a managed prompt */
          model: string;
          /** @description Only 1 is supported */
          n?: 1 | null;
          /** @description Accepted; the provider decides */
          parallel_tool_calls?: boolean;
          /** @description Only `text`: JSON modes are not passed to providers */
          response_format?: {
            /** @enum {string} */
            type: 'text';
          };
          stop?: (string | string[]) | null;
          stream?: boolean | null;
          stream_options?: {
            include_usage?: boolean;
          } | null;
          temperature?: number | null;
          tool_choice?:
            | ('none' | 'auto' | 'required')
            | {
                function: {
                  name: string;
                };
                /** @enum {string} */
                type: 'function';
              };
          tools?: {
            function: {
              description?: string;
              name: string;
              parameters?: {
                [key: string]: unknown;
              };
              strict?: boolean | null;
            };
            /** @enum {string} */
            type: 'function';
          }[];
          top_p?: number | null;
          user?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json':
            | {
                choices: {
                  /** @enum {string} */
                  finish_reason: 'stop' | 'length' | 'tool_calls' | 'content_filter';
                  index: number;
                  logprobs: null;
                  message: {
                    content: string | null;
                    refusal: null;
                    /** @enum {string} */
                    role: 'assistant';
                    tool_calls?: {
                      function: {
                        arguments: string;
                        name: string;
                      };
                      id: string;
                      /** @enum {string} */
                      type: 'function';
                    }[];
                  };
                }[];
                created: number;
                id: string;
                model: string;
                /** @enum {string} */
                object: 'chat.completion';
                system_fingerprint: null;
                usage: {
                  completion_tokens: number;
                  prompt_tokens: number;
                  total_tokens: number;
                };
              }
            | string;
          'text/event-stream':
            | {
                choices: {
                  /** @enum {string} */
                  finish_reason: 'stop' | 'length' | 'tool_calls' | 'content_filter';
                  index: number;
                  logprobs: null;
                  message: {
                    content: string | null;
                    refusal: null;
                    /** @enum {string} */
                    role: 'assistant';
                    tool_calls?: {
                      function: {
                        arguments: string;
                        name: string;
                      };
                      id: string;
                      /** @enum {string} */
                      type: 'function';
                    }[];
                  };
                }[];
                created: number;
                id: string;
                model: string;
                /** @enum {string} */
                object: 'chat.completion';
                system_fingerprint: null;
                usage: {
                  completion_tokens: number;
                  prompt_tokens: number;
                  total_tokens: number;
                };
              }
            | string;
        };
      };
      /** @description OpenAI's error shape (this endpoint does not use problem+json) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error: {
              code: string | null;
              message: string;
              param: string | null;
              type: string;
            };
          };
          'text/event-stream': {
            error: {
              code: string | null;
              message: string;
              param: string | null;
              type: string;
            };
          };
        };
      };
      /** @description OpenAI's error shape (this endpoint does not use problem+json) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error: {
              code: string | null;
              message: string;
              param: string | null;
              type: string;
            };
          };
          'text/event-stream': {
            error: {
              code: string | null;
              message: string;
              param: string | null;
              type: string;
            };
          };
        };
      };
      /** @description OpenAI's error shape (this endpoint does not use problem+json) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error: {
              code: string | null;
              message: string;
              param: string | null;
              type: string;
            };
          };
          'text/event-stream': {
            error: {
              code: string | null;
              message: string;
              param: string | null;
              type: string;
            };
          };
        };
      };
      /** @description OpenAI's error shape (this endpoint does not use problem+json) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error: {
              code: string | null;
              message: string;
              param: string | null;
              type: string;
            };
          };
          'text/event-stream': {
            error: {
              code: string | null;
              message: string;
              param: string | null;
              type: string;
            };
          };
        };
      };
      /** @description OpenAI's error shape (this endpoint does not use problem+json) */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error: {
              code: string | null;
              message: string;
              param: string | null;
              type: string;
            };
          };
          'text/event-stream': {
            error: {
              code: string | null;
              message: string;
              param: string | null;
              type: string;
            };
          };
        };
      };
      /** @description OpenAI's error shape (this endpoint does not use problem+json) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error: {
              code: string | null;
              message: string;
              param: string | null;
              type: string;
            };
          };
          'text/event-stream': {
            error: {
              code: string | null;
              message: string;
              param: string | null;
              type: string;
            };
          };
        };
      };
      /** @description OpenAI's error shape (this endpoint does not use problem+json) */
      502: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error: {
              code: string | null;
              message: string;
              param: string | null;
              type: string;
            };
          };
          'text/event-stream': {
            error: {
              code: string | null;
              message: string;
              param: string | null;
              type: string;
            };
          };
        };
      };
      /** @description OpenAI's error shape (this endpoint does not use problem+json) */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error: {
              code: string | null;
              message: string;
              param: string | null;
              type: string;
            };
          };
          'text/event-stream': {
            error: {
              code: string | null;
              message: string;
              param: string | null;
              type: string;
            };
          };
        };
      };
      /** @description OpenAI's error shape (this endpoint does not use problem+json) */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error: {
              code: string | null;
              message: string;
              param: string | null;
              type: string;
            };
          };
          'text/event-stream': {
            error: {
              code: string | null;
              message: string;
              param: string | null;
              type: string;
            };
          };
        };
      };
    };
  };
  listOpenAiModels: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              created: number;
              id: string;
              /** @enum {string} */
              object: 'model';
              /** @description The provider the model belongs to */
              owned_by: string;
            }[];
            /** @enum {string} */
            object: 'list';
          };
        };
      };
      /** @description OpenAI's error shape (this endpoint does not use problem+json) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error: {
              code: string | null;
              message: string;
              param: string | null;
              type: string;
            };
          };
        };
      };
      /** @description OpenAI's error shape (this endpoint does not use problem+json) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error: {
              code: string | null;
              message: string;
              param: string | null;
              type: string;
            };
          };
        };
      };
    };
  };
  createOrganization: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Organization'];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getAnalytics: {
    parameters: {
      query: {
        /** @description Inclusive; rounded down to the interval */
        from: string;
        /** @description One series per prompt, model or prompt version; omit for one series */
        groupBy?: 'prompt' | 'model' | 'version';
        interval?: 'hour' | 'day';
        modelId?: string;
        promptName?: string;
        /** @description Needs promptName */
        promptVersion?: number;
        /** @description Evaluation score to average; default the score key most evaluations in the range have */
        scoreKey?: string;
        source?: 'playground' | 'api' | 'evaluation' | 'workflow' | 'openai';
        /** @description Exclusive; rounded up to the interval */
        to: string;
      };
      header?: never;
      path: {
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Analytics'];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  exportAnalyticsCsv: {
    parameters: {
      query: {
        /** @description Inclusive; rounded down to the interval */
        from: string;
        /** @description One series per prompt, model or prompt version; omit for one series */
        groupBy?: 'prompt' | 'model' | 'version';
        interval?: 'hour' | 'day';
        modelId?: string;
        promptName?: string;
        /** @description Needs promptName */
        promptVersion?: number;
        /** @description Evaluation score to average; default the score key most evaluations in the range have */
        scoreKey?: string;
        source?: 'playground' | 'api' | 'evaluation' | 'workflow' | 'openai';
        /** @description Exclusive; rounded up to the interval */
        to: string;
      };
      header?: never;
      path: {
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description CSV with the header key,label,t,executions,failed,input_tokens,output_tokens,cost_usd,latency_p50_ms,latency_p95_ms,evaluation_score */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/csv': string;
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/csv': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/csv': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/csv': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/csv': components['schemas']['Problem'];
        };
      };
    };
  };
  listRegressions: {
    parameters: {
      query?: {
        limit?: number;
        promptName?: string;
      };
      header?: never;
      path: {
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['Regression'][];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listApiKeys: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['ApiKey'][];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  createApiKey: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        orgId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name: string;
          /** @enum {string} */
          role: 'admin' | 'editor' | 'viewer';
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            /** @description The secret; shown only in this response */
            key: string;
            name: string;
            /** @enum {string} */
            role: 'admin' | 'editor' | 'viewer';
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  revokeApiKey: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description No content */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listAuditEvents: {
    parameters: {
      query?: {
        /** @description Action name or its prefix ("prompt" finds prompt.version.created) */
        action?: string;
        actorId?: string;
        cursor?: string;
        from?: string;
        limit?: number;
        resourceType?: string;
        to?: string;
      };
      header?: never;
      path: {
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['AuditEvent'][];
            nextCursor: string | null;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getAuditCheckpoint: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuditCheckpoint'];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  exportAuditEvents: {
    parameters: {
      query?: {
        /** @description Action name or its prefix ("prompt" finds prompt.version.created) */
        action?: string;
        actorId?: string;
        from?: string;
        resourceType?: string;
        to?: string;
      };
      header?: never;
      path: {
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description CSV, one event per row */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/csv': string;
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/csv': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/csv': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/csv': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/csv': components['schemas']['Problem'];
        };
      };
    };
  };
  verifyAuditChain: {
    parameters: {
      query?: {
        /** @description From an exported checkpoint: its headHash (needs seq) */
        headHash?: string;
        /** @description From an exported checkpoint: its seq */
        seq?: number;
      };
      header?: never;
      path: {
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            checked: number;
            firstBrokenId: string | null;
            ok: boolean;
            /** @description Why verification failed: a row does not match its hash or link; rows after the signed checkpoint are gone; the chain head differs from the checkpoint (re-hashed); the checkpoint is missing or its signature is invalid; the exported checkpoint given as anchor is not in the chain */
            reason:
              | (
                  | 'row_tampered'
                  | 'rows_missing'
                  | 'checkpoint_behind'
                  | 'head_mismatch'
                  | 'checkpoint_missing'
                  | 'checkpoint_signature_invalid'
                  | 'anchor_missing'
                  | 'anchor_mismatch'
                )
              | null;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listDatasets: {
    parameters: {
      query?: {
        cursor?: string;
        limit?: number;
        search?: string;
      };
      header?: never;
      path: {
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['Dataset'][];
            nextCursor: string | null;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  createDataset: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        orgId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          description?: string | null;
          name: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            dataset: components['schemas']['Dataset'];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getDataset: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            dataset: components['schemas']['Dataset'];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteDataset: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description No content */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateDataset: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          description?: string | null;
          name?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            dataset: components['schemas']['Dataset'];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  exportDataset: {
    parameters: {
      query: {
        format: 'csv' | 'jsonl';
        version?: number;
      };
      header?: never;
      path: {
        id: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The file */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/x-ndjson': string;
          'text/csv': string;
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/x-ndjson': components['schemas']['Problem'];
          'text/csv': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/x-ndjson': components['schemas']['Problem'];
          'text/csv': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/x-ndjson': components['schemas']['Problem'];
          'text/csv': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/x-ndjson': components['schemas']['Problem'];
          'text/csv': components['schemas']['Problem'];
        };
      };
    };
  };
  importDatasetItems: {
    parameters: {
      query: {
        /** @description CSV: the column that becomes `expected`; every other column is an input variable */
        expectedColumn?: string;
        format: 'csv' | 'jsonl';
      };
      header?: never;
      path: {
        id: string;
        orgId: string;
      };
      cookie?: never;
    };
    /** @description The file: CSV with a header row, or one JSON object per line */
    requestBody: {
      content: {
        'application/csv': unknown;
        'application/jsonl': unknown;
        'application/x-jsonlines': unknown;
        'application/x-ndjson': unknown;
        'text/csv': unknown;
        'text/plain': unknown;
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            added: number;
            version: number;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listDatasetItems: {
    parameters: {
      query?: {
        cursor?: string;
        limit?: number;
        /** @description Read the items as they were then */
        version?: number;
      };
      header?: never;
      path: {
        id: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['DatasetItem'][];
            nextCursor: string | null;
            version: number;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  addDatasetItems: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          items: {
            expected?: string | null;
            input: {
              [key: string]: string | number | boolean | null;
            };
            metadata?: {
              [key: string]: unknown;
            };
          }[];
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            added: number;
            version: number;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  addDatasetItemsFromExecutions: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          executionIds: string[];
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            added: number;
            version: number;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteDatasetItem: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        itemId: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            version: number;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateDatasetItem: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        itemId: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          expected?: string | null;
          input?: {
            [key: string]: string | number | boolean | null;
          };
          metadata?: {
            [key: string]: unknown;
          };
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            item: components['schemas']['DatasetItem'];
            version: number;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listEvaluations: {
    parameters: {
      query?: {
        cursor?: string;
        datasetId?: string;
        limit?: number;
        status?: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
      };
      header?: never;
      path: {
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              concurrency: number;
              /** @description Exact decimal USD spent so far */
              costUsd: string;
              /** Format: date-time */
              createdAt: string;
              /** Format: uuid */
              datasetId: string;
              datasetName: string | null;
              datasetVersion: number;
              error: string | null;
              finishedAt: string | null;
              /** Format: uuid */
              id: string;
              maxCostUsd: string | null;
              name: string;
              progress: {
                done: number;
                failed: number;
                total: number;
              };
              repetitions: number;
              startedAt: string | null;
              /** @enum {string} */
              status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
              variants: {
                model: string;
                /** Format: uuid */
                modelId: string;
                name: string;
                params: components['schemas']['PromptParams'];
                prompt: {
                  label: string | null;
                  name: string;
                  version: number;
                };
                /** Format: uuid */
                promptVersionId: string;
              }[];
            }[];
            nextCursor: string | null;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  createEvaluation: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        orgId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @default 10 */
          concurrency?: number;
          /** Format: uuid */
          datasetId: string;
          /** @description Defaults to the dataset's current version */
          datasetVersion?: number;
          evaluators: components['schemas']['Evaluator'][];
          /** @description No new call starts once this much has been spent; the evaluation then fails */
          maxCostUsd?: number | string;
          name?: string;
          /** @default 1 */
          repetitions?: number;
          variants: {
            /**
             * Format: uuid
             * @description Defaults to the prompt version's model
             */
            modelId?: string;
            name?: string;
            params?: components['schemas']['PromptParams'];
            prompt: {
              label?: string;
              name: string;
              version?: number;
            };
          }[];
        };
      };
    };
    responses: {
      /** @description Default Response */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            evaluation: components['schemas']['Evaluation'];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getEvaluation: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            evaluation: components['schemas']['Evaluation'];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  cancelEvaluation: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        orgId: string;
      };
      cookie?: never;
    };
    /** @description No fields */
    requestBody: {
      content: {
        'application/json': Record<string, never> | null;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            evaluation: components['schemas']['Evaluation'];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  streamEvaluationEvents: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description text/event-stream */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/event-stream': string;
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/event-stream': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/event-stream': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/event-stream': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/event-stream': components['schemas']['Problem'];
        };
      };
    };
  };
  listEvaluationResults: {
    parameters: {
      query?: {
        cursor?: string;
        limit?: number;
        variant?: number;
      };
      header?: never;
      path: {
        id: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['EvaluationResult'][];
            nextCursor: string | null;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  exportEvaluationResults: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description CSV */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/csv': string;
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/csv': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/csv': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/csv': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/csv': components['schemas']['Problem'];
        };
      };
    };
  };
  streamEvents: {
    parameters: {
      query?: {
        /** @description Replay events with a greater id first (the Last-Event-ID header does the same and wins) */
        after?: number;
      };
      header?: never;
      path: {
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description text/event-stream of PlatformEvent */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/event-stream': string;
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/event-stream': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/event-stream': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/event-stream': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/event-stream': components['schemas']['Problem'];
        };
      };
    };
  };
  listExecutions: {
    parameters: {
      query?: {
        cursor?: string;
        limit?: number;
        promptName?: string;
        /** @description What made the call: every LLM call goes through one gateway and is recorded with its source */
        source?: 'playground' | 'api' | 'evaluation' | 'workflow' | 'openai';
        /** @description `running` while the call is in flight; `interrupted` when the server running it stopped before it finished (output and tokens are what was seen until then) */
        status?: 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';
      };
      header?: never;
      path: {
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['Execution'][];
            nextCursor: string | null;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  createExecution: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        orgId: string;
      };
      cookie?: never;
    };
    /** @description Run a stored prompt version, a template or messages; a prompt name with a template or messages runs an unsaved draft of that prompt and files it in its history */
    requestBody: {
      content: {
        'application/json': {
          messages?: {
            content: string;
            /** @enum {string} */
            role: 'system' | 'user' | 'assistant';
          }[];
          /** Format: uuid */
          modelId: string;
          params?: components['schemas']['PromptParams'];
          prompt?: {
            label?: string;
            name: string;
            version?: number;
          };
          /** @default false */
          stream?: boolean;
          /** @description A user or session id: a prompt without version or label runs a running experiment's variant for it */
          subject?: string;
          template?: string;
          /** @default {} */
          variables?: {
            [key: string]: string | number | boolean | null;
          };
        };
      };
    };
    responses: {
      /** @description text/event-stream (stream: true) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': string;
          'text/event-stream': string;
        };
      };
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            execution: components['schemas']['Execution'];
          };
          'text/event-stream': {
            execution: components['schemas']['Execution'];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
          'text/event-stream': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
          'text/event-stream': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
          'text/event-stream': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
          'text/event-stream': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
          'text/event-stream': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
          'text/event-stream': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      502: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
          'text/event-stream': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
          'text/event-stream': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
          'text/event-stream': components['schemas']['Problem'];
        };
      };
    };
  };
  getExecution: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            execution: components['schemas']['Execution'];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listExperiments: {
    parameters: {
      query?: {
        cursor?: string;
        limit?: number;
        promptName?: string;
        status?: 'running' | 'stopped';
      };
      header?: never;
      path: {
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['Experiment'][];
            nextCursor: string | null;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  createExperiment: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        orgId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          description?: string;
          /** @description Largest expected loss (in the metric's units) the winner may carry; default 0.005 for binary metrics, required for continuous ones */
          maxExpectedLoss?: number;
          metric: {
            /** @default true */
            higherIsBetter?: boolean;
            /** @enum {string} */
            kind: 'binary' | 'continuous';
            name: string;
          };
          /**
           * @description Outcomes each variant needs before a winner can be declared
           * @default 100
           */
          minSamples?: number;
          name: string;
          promptName: string;
          variants: {
            /** @description Resolved to its version when the experiment starts */
            label?: string;
            name: string;
            version?: number;
            weight: number;
          }[];
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            experiment: components['schemas']['Experiment'];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getExperiment: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            experiment: components['schemas']['Experiment'];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  assignExperimentVariant: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          subject: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Assignment'];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  linkExperimentEvaluation: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** Format: uuid */
          evaluationId: string;
          scoreKey: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            experiment: components['schemas']['Experiment'];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  recordExperimentOutcome: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          subject: string;
          value: number;
        };
      };
    };
    responses: {
      /** @description Default Response */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @description True when the subject already had an outcome: the latest value counts */
            replaced: boolean;
            /** @description The subject's variant, which the outcome is credited to */
            variant: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getExperimentResults: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ExperimentResults'];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  exportExperimentResults: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description CSV */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/csv': string;
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/csv': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/csv': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/csv': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/csv': components['schemas']['Problem'];
        };
      };
    };
  };
  stopExperiment: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description Move a label to the winner's version in the same transaction */
          promote?: {
            /** @default production */
            label?: string;
            variant: string;
          };
        } | null;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            experiment: components['schemas']['Experiment'];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  revokeInvitation: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        invitationId: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description No content */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listMembers: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            invitations: components['schemas']['Invitation'][];
            items: components['schemas']['Member'][];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  addMember: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        orgId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** Format: email */
          email: string;
          /** @enum {string} */
          role: 'admin' | 'editor' | 'viewer';
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            invitation: components['schemas']['Invitation'];
            /** @description Shown once; someone without an account signs up with it, a user accepts from GET /me/invitations */
            invitationToken: string;
            /** @enum {string} */
            status: 'invited';
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  removeMember: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        orgId: string;
        userId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description No content */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateMember: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        orgId: string;
        userId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @enum {string} */
          role: 'admin' | 'editor' | 'viewer';
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Member'];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  createPasswordResetLink: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        orgId: string;
        userId: string;
      };
      cookie?: never;
    };
    /** @description No fields */
    requestBody: {
      content: {
        'application/json': Record<string, never> | null;
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: date-time */
            expiresAt: string;
            /** @description One-time link; shown once, valid until expiresAt */
            resetUrl: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listModels: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['Model'][];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  createModel: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        orgId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          active?: boolean;
          contextWindow?: number;
          displayName?: string;
          inputPricePerMTok: string | number;
          name: string;
          outputPricePerMTok: string | number;
          /** Format: uuid */
          providerId: string;
          settings?: components['schemas']['ModelSettings'];
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Model'];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateModel: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          active?: boolean;
          contextWindow?: number | null;
          displayName?: string;
          inputPricePerMTok?: string | number;
          outputPricePerMTok?: string | number;
          settings?: components['schemas']['ModelSettings'];
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Model'];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getOverview: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Overview'];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listPrompts: {
    parameters: {
      query?: {
        /** @description Only prompts under this folder, e.g. support/email */
        folder?: string;
        search?: string;
      };
      header?: never;
      path: {
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['PromptSummary'][];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  createPrompt: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        orgId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          commitMessage?: string;
          description?: string;
          messages?: {
            content: string;
            /** @enum {string} */
            role: 'system' | 'user' | 'assistant';
          }[];
          modelId?: string | null;
          name: string;
          params?: components['schemas']['PromptParams'];
          template?: string;
          /**
           * @description Inferred from template/messages when omitted
           * @enum {string}
           */
          type?: 'text' | 'chat';
          /** @description Optional metadata for detected variables */
          variables?: {
            default?: string;
            description?: string;
            name: string;
            /** @enum {string} */
            type?: 'string' | 'number' | 'boolean' | 'json';
          }[];
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PromptVersion'];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  exportPrompts: {
    parameters: {
      query?: {
        format?: 'json' | 'yaml';
        /** @description Export one prompt; omit for all */
        name?: string;
      };
      header?: never;
      path: {
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PromptExportDocument'];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  importPrompts: {
    parameters: {
      query?: {
        /** @description Import a single prompt under this name */
        rename?: string;
      };
      header?: never;
      path: {
        orgId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PromptExportDocument'];
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              created: boolean;
              createdVersions: number[];
              name: string;
            }[];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getPrompt: {
    parameters: {
      query?: {
        label?: string;
        /** @description true: expand {{> other/prompt}} includes in template/messages (runs always do) */
        resolve?: 'true' | 'false';
        /** @description A user or session id: without version or label, a running experiment's variant for it */
        subject?: string;
        version?: number;
      };
      header?: never;
      path: {
        name: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PromptVersion'];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  diffPromptVersions: {
    parameters: {
      query: {
        from: number;
        to: number;
      };
      header?: never;
      path: {
        name: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PromptDiff'];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  movePromptLabel: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        label: string;
        name: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          version: number;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            label: string;
            previousVersion: number | null;
            version: number;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  openReview: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          description?: string;
          label: string;
          version: number;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Review'];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  rollbackPrompt: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description When given, 409 unless it is still the newest version */
          baseVersion?: number;
          commitMessage?: string;
          /** @description The version whose content becomes the new version */
          version: number;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PromptVersion'];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listShareLinks: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['ShareLink'][];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  createShareLink: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /**
           * Format: date-time
           * @description Defaults to 30 days from now; at most one year ahead
           */
          expiresAt?: string;
          /** @description Defaults to the newest version at creation */
          version?: number;
        } | null;
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: date-time */
            createdAt: string;
            createdBy: {
              email: string | null;
              id: string | null;
            };
            /** Format: date-time */
            expiresAt: string;
            /** Format: uuid */
            id: string;
            promptName: string;
            revokedAt: string | null;
            /** @description Shown once; only its hash is stored */
            token: string;
            /** @description Viewable without an account until it expires or is revoked */
            url: string;
            version: number;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  revokeShareLink: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        name: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description No content */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listPromptUsages: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              /** @description Labels of the including version (latest when it is the newest) */
              labels: string[];
              name: string;
              /** @description The include as written, e.g. {{> support/tone@production}} */
              reference: string;
              version: number;
            }[];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listPromptVersions: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['PromptVersion'][];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  createPromptVersion: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description The version this edit started from: 409 (with latestVersion) when a newer one exists */
          baseVersion?: number;
          commitMessage?: string;
          description?: string;
          messages?: {
            content: string;
            /** @enum {string} */
            role: 'system' | 'user' | 'assistant';
          }[];
          modelId?: string | null;
          params?: components['schemas']['PromptParams'];
          template?: string;
          /**
           * @description Inferred from template/messages when omitted
           * @enum {string}
           */
          type?: 'text' | 'chat';
          /** @description Optional metadata for detected variables */
          variables?: {
            default?: string;
            description?: string;
            name: string;
            /** @enum {string} */
            type?: 'string' | 'number' | 'boolean' | 'json';
          }[];
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PromptVersion'];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listProviders: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['Provider'][];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  createProvider: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        orgId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          apiKey?: string;
          /** Format: uri */
          baseUrl?: string;
          name: string;
          /**
           * @description Add the provider type's default models with editable prices
           * @default true
           */
          seedModels?: boolean;
          settings?: components['schemas']['ProviderSettingsRequest'];
          /** @enum {string} */
          type: 'openai' | 'anthropic' | 'huggingface' | 'openai-compatible' | 'mock';
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Provider'];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getProvider: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Provider'];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteProvider: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description No content */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateProvider: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description null removes the stored key */
          apiKey?: string | null;
          baseUrl?: string | null;
          name?: string;
          settings?: components['schemas']['ProviderSettingsRequest'];
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Provider'];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listAvailableModels: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @description Model ids the provider's /models endpoint lists, sorted */
            models: string[];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      502: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getProviderHealth: {
    parameters: {
      query?: {
        /** @description How far back to look; history is kept for 7 days */
        hours?: number;
      };
      header?: never;
      path: {
        id: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            health: components['schemas']['ProviderHealth'];
            /** @description Newest first */
            items: components['schemas']['HealthCheck'][];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  checkProviderHealth: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /**
           * @description models: list the models; completion: ask the first active model for 1 token. Default: HEALTH_CHECK_PROBE
           * @enum {string}
           */
          probe?: 'models' | 'completion';
        } | null;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            health: components['schemas']['ProviderHealth'];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listReviews: {
    parameters: {
      query?: {
        cursor?: string;
        limit?: number;
        promptName?: string;
        status?: 'open' | 'merged' | 'rejected' | 'closed';
      };
      header?: never;
      path: {
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              approvals: {
                comment: string | null;
                /** Format: date-time */
                createdAt: string;
                user: {
                  email: string | null;
                  id: string | null;
                };
              }[];
              author: {
                /** @description Set when an API key opened the review */
                apiKeyName: string | null;
                email: string | null;
                id: string | null;
              };
              /** @description Where the label pointed when the review opened */
              baseVersion: number | null;
              closedAt: string | null;
              /** Format: date-time */
              createdAt: string;
              description: string | null;
              /** @description The evaluation gate, when the settings set one */
              gate: {
                detail: string | null;
                evaluationId: string | null;
                /** @enum {string} */
                status: 'pending' | 'running' | 'passed' | 'failed';
                thresholds: {
                  actual: number | null;
                  max: number | null;
                  min: number | null;
                  passed: boolean | null;
                  score: string;
                }[];
              } | null;
              /** Format: uuid */
              id: string;
              label: string;
              /** @description Approvals met and the gate (if any) passed */
              mergeable: boolean;
              /** Format: uuid */
              promptId: string;
              promptName: string;
              requiredApprovals: number;
              /** @enum {string} */
              status: 'open' | 'merged' | 'rejected' | 'closed';
              /** Format: date-time */
              updatedAt: string;
              /** @description The version the label should point at */
              version: number;
            }[];
            nextCursor: string | null;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getReview: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Review'];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  approveReview: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          comment?: string;
        } | null;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Review'];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  closeReview: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        orgId: string;
      };
      cookie?: never;
    };
    /** @description No fields */
    requestBody: {
      content: {
        'application/json': Record<string, never> | null;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Review'];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  commentOnReview: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          body: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Review'];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  mergeReview: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        orgId: string;
      };
      cookie?: never;
    };
    /** @description No fields */
    requestBody: {
      content: {
        'application/json': Record<string, never> | null;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Review'];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  rejectReview: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          comment?: string;
        } | null;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Review'];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  rerequestReview: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        orgId: string;
      };
      cookie?: never;
    };
    /** @description No fields */
    requestBody: {
      content: {
        'application/json': Record<string, never> | null;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Review'];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getReviewSettings: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReviewSettings'];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateReviewSettings: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        orgId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          evaluationGate?: components['schemas']['EvaluationGate'] | null;
          protectedLabels: string[];
          requiredApprovals: number;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReviewSettings'];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  tokenize: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        orgId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          messages?: {
            content: string;
            /** @enum {string} */
            role: 'system' | 'user' | 'assistant';
          }[];
          /** Format: uuid */
          modelId: string;
          text?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @description tokens × input price, exact decimal */
            estimatedInputCostUsd: string;
            /** @description False when the count is an estimate (e.g. Anthropic without count_tokens) */
            exact: boolean;
            /** @description How it was counted, e.g. o200k_base, anthropic-count-tokens, estimate */
            method: string;
            tokens: number;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listWebhooks: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['Webhook'][];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  createWebhook: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        orgId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @default true */
          active?: boolean;
          description?: string;
          events: (
            | 'prompt.version.created'
            | 'prompt.label.moved'
            | 'review.opened'
            | 'review.merged'
            | 'review.rejected'
            | 'evaluation.finished'
            | 'experiment.changed'
            | 'analytics.regression.detected'
          )[];
          /**
           * @default json
           * @enum {string}
           */
          format?: 'json' | 'slack';
          /** @description Generated when omitted; returned once */
          secret?: string;
          /**
           * Format: uri
           * @description http(s) URL; it must pass the egress policy
           */
          url: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            active: boolean;
            /** Format: date-time */
            createdAt: string;
            description: string | null;
            events: (
              | 'prompt.version.created'
              | 'prompt.label.moved'
              | 'review.opened'
              | 'review.merged'
              | 'review.rejected'
              | 'evaluation.finished'
              | 'experiment.changed'
              | 'analytics.regression.detected'
            )[];
            /** @enum {string} */
            format: 'json' | 'slack';
            /** Format: uuid */
            id: string;
            lastDelivery: {
              /** Format: date-time */
              at: string;
              responseStatus: number | null;
              status: string;
            } | null;
            /** @description Present only when the secret was just set or generated */
            secret?: string;
            /** @description Last four characters of the secret */
            secretHint: string;
            /** Format: date-time */
            updatedAt: string;
            url: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getWebhook: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Webhook'];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteWebhook: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description No content */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateWebhook: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          active?: boolean;
          description?: string | null;
          events?: (
            | 'prompt.version.created'
            | 'prompt.label.moved'
            | 'review.opened'
            | 'review.merged'
            | 'review.rejected'
            | 'evaluation.finished'
            | 'experiment.changed'
            | 'analytics.regression.detected'
          )[];
          /** @enum {string} */
          format?: 'json' | 'slack';
          /** @description Replace the secret with a new generated one, returned once */
          rotateSecret?: boolean;
          /**
           * Format: uri
           * @description http(s) URL; it must pass the egress policy
           */
          url?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            active: boolean;
            /** Format: date-time */
            createdAt: string;
            description: string | null;
            events: (
              | 'prompt.version.created'
              | 'prompt.label.moved'
              | 'review.opened'
              | 'review.merged'
              | 'review.rejected'
              | 'evaluation.finished'
              | 'experiment.changed'
              | 'analytics.regression.detected'
            )[];
            /** @enum {string} */
            format: 'json' | 'slack';
            /** Format: uuid */
            id: string;
            lastDelivery: {
              /** Format: date-time */
              at: string;
              responseStatus: number | null;
              status: string;
            } | null;
            /** @description Present only when the secret was just set or generated */
            secret?: string;
            /** @description Last four characters of the secret */
            secretHint: string;
            /** Format: date-time */
            updatedAt: string;
            url: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listWebhookDeliveries: {
    parameters: {
      query?: {
        cursor?: string;
        limit?: number;
        status?: 'pending' | 'retrying' | 'succeeded' | 'failed';
      };
      header?: never;
      path: {
        id: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['WebhookDelivery'][];
            nextCursor: string | null;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  redeliverWebhookDelivery: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        deliveryId: string;
        id: string;
        orgId: string;
      };
      cookie?: never;
    };
    /** @description No fields */
    requestBody: {
      content: {
        'application/json': Record<string, never> | null;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookDelivery'];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  testWebhook: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        orgId: string;
      };
      cookie?: never;
    };
    /** @description No fields */
    requestBody: {
      content: {
        'application/json': Record<string, never> | null;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookDelivery'];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listWorkflowRuns: {
    parameters: {
      query?: {
        cursor?: string;
        limit?: number;
        status?: 'queued' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'cancelled';
        workflowName?: string;
      };
      header?: never;
      path: {
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              costUsd: string;
              /** Format: date-time */
              createdAt: string;
              createdBy: {
                id: string | null;
                type: string;
              };
              endedAt: string | null;
              error: string | null;
              /** Format: uuid */
              id: string;
              /** @enum {string} */
              status: 'queued' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'cancelled';
              usage: {
                inputTokens: number;
                outputTokens: number;
              };
              version: number;
              /** @description The human node the run waits at */
              waiting: {
                message: string;
                nodeId: string;
              } | null;
              /** Format: uuid */
              workflowId: string;
              workflowName: string;
            }[];
            nextCursor: string | null;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getWorkflowRun: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            run: components['schemas']['WorkflowRun'];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  cancelWorkflowRun: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        orgId: string;
      };
      cookie?: never;
    };
    /** @description No fields */
    requestBody: {
      content: {
        'application/json': Record<string, never> | null;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            run: components['schemas']['WorkflowRun'];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  resumeWorkflowRun: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          decision: {
            approved: boolean;
            comment?: string;
            value?: unknown;
          };
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            run: components['schemas']['WorkflowRun'];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  streamWorkflowRun: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description text/event-stream */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/event-stream': string;
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/event-stream': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/event-stream': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/event-stream': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/event-stream': components['schemas']['Problem'];
        };
      };
    };
  };
  getWorkflowSettings: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            settings: components['schemas']['WorkflowSettings'];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateWorkflowSettings: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        orgId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['WorkflowSettings'];
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            settings: components['schemas']['WorkflowSettings'];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listWorkflows: {
    parameters: {
      query?: {
        cursor?: string;
        limit?: number;
        search?: string;
      };
      header?: never;
      path: {
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['Workflow'][];
            nextCursor: string | null;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  createWorkflow: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        orgId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          description?: string | null;
          graph: components['schemas']['WorkflowGraphInput'];
          message?: string | null;
          name: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            version: components['schemas']['WorkflowVersion'];
            workflow: components['schemas']['Workflow'];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getWorkflow: {
    parameters: {
      query?: {
        label?: string;
        version?: number;
      };
      header?: never;
      path: {
        name: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            version: components['schemas']['WorkflowVersion'];
            workflow: components['schemas']['Workflow'];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteWorkflow: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description No content */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  diffWorkflowVersions: {
    parameters: {
      query: {
        from: number;
        to: number;
      };
      header?: never;
      path: {
        name: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WorkflowVersionDiff'];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  exportWorkflow: {
    parameters: {
      query?: {
        format?: 'langgraph';
        version?: number;
      };
      header?: never;
      path: {
        name: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @description Path → file content of a runnable LangGraph.js project */
            files: {
              [key: string]: string;
            };
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  setWorkflowLabel: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        label: string;
        name: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          version: number;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            version: components['schemas']['WorkflowVersion'];
            workflow: components['schemas']['Workflow'];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  runWorkflow: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @default {} */
          input?: {
            [key: string]: unknown;
          };
          label?: string;
          /** @default false */
          stream?: boolean;
          version?: number;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            run: components['schemas']['WorkflowRun'];
          };
          'text/event-stream': {
            run: components['schemas']['WorkflowRun'];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
          'text/event-stream': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
          'text/event-stream': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
          'text/event-stream': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
          'text/event-stream': components['schemas']['Problem'];
        };
      };
    };
  };
  listWorkflowVersions: {
    parameters: {
      query?: {
        cursor?: string;
        limit?: number;
      };
      header?: never;
      path: {
        name: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              /** Format: date-time */
              createdAt: string;
              createdBy: {
                id: string | null;
                type: string;
              };
              /** Format: uuid */
              id: string;
              labels: string[];
              message: string | null;
              name: string;
              nodeCount: number;
              version: number;
              /** Format: uuid */
              workflowId: string;
            }[];
            nextCursor: string | null;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  createWorkflowVersion: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          graph: components['schemas']['WorkflowGraphInput'];
          message?: string | null;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            version: components['schemas']['WorkflowVersion'];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  importWorkflow: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        orgId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          files: {
            [key: string]: string;
          };
          /** @description Default: the exported workflow's name */
          name?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            version: components['schemas']['WorkflowVersion'];
            workflow: components['schemas']['Workflow'];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listWorkflowTemplates: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              description: string;
              graph: components['schemas']['WorkflowGraph'];
              id: string;
              name: string;
              /** @description Starter prompts the graph names; the UI creates those an organization does not have yet */
              prompts: {
                name: string;
                template: string;
              }[];
            }[];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  validateWorkflow: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        orgId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          graph: components['schemas']['WorkflowGraphInput'];
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WorkflowValidation'];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getSharedPromptVersion: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        token: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SharedPromptVersion'];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getLiveness: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @enum {string} */
            status: 'ok';
          };
        };
      };
    };
  };
  getReadiness: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            database: string;
            migrations: {
              applied: number;
              expected: number;
            };
            redis: {
              /** @description While Redis is down: what each use of it does instead */
              fallbacks?: {
                /**
                 * @description delivered in this process; other processes replay them from the outbox
                 * @enum {string}
                 */
                events: 'in-process';
                /**
                 * @description runners claim due jobs from the database
                 * @enum {string}
                 */
                jobs: 'database-polling';
                /**
                 * @description each instance shows what it saw itself
                 * @enum {string}
                 */
                providerRateLimits: 'in-process';
                /**
                 * @description counted per instance until Redis returns
                 * @enum {string}
                 */
                rateLimits: 'in-process';
              };
              /** @description When the current state began (absent without Redis) */
              since?: string;
              /** @enum {string} */
              status: 'up' | 'down' | 'off';
            };
            /** @enum {string} */
            status: 'ready' | 'degraded' | 'not_ready';
          };
        };
      };
      /** @description Default Response */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            database: string;
            migrations: {
              applied: number;
              expected: number;
            };
            redis: {
              /** @description While Redis is down: what each use of it does instead */
              fallbacks?: {
                /**
                 * @description delivered in this process; other processes replay them from the outbox
                 * @enum {string}
                 */
                events: 'in-process';
                /**
                 * @description runners claim due jobs from the database
                 * @enum {string}
                 */
                jobs: 'database-polling';
                /**
                 * @description each instance shows what it saw itself
                 * @enum {string}
                 */
                providerRateLimits: 'in-process';
                /**
                 * @description counted per instance until Redis returns
                 * @enum {string}
                 */
                rateLimits: 'in-process';
              };
              /** @description When the current state began (absent without Redis) */
              since?: string;
              /** @enum {string} */
              status: 'up' | 'down' | 'off';
            };
            /** @enum {string} */
            status: 'ready' | 'degraded' | 'not_ready';
          };
        };
      };
    };
  };
}
