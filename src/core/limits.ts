/**
 * Every bound the system enforces, in one place. Names carry the unit and end with the bound
 * (`…Max`, `…Ms`), so a reader knows what a number means without looking it up.
 */
export const limits = {
  /** Lines in one journal entry; real postings have 2–20, a batch allocation may reach a few hundred. */
  journalLinesPerEntryMax: 500,
  /** Characters of free text on an entry or line. */
  memoCharsMax: 500,
  /** Characters of an idempotency key (a UUID is 36). */
  idempotencyKeyCharsMax: 200,
  /** Attempts for a transaction that failed on a serialization failure or deadlock. */
  transactionAttemptsMax: 5,
  /** Upper bound of the random back-off between such attempts. */
  transactionRetryBackoffMsMax: 50,
  /** Receipts the demo seeder will generate in one run. */
  demoReceiptsMax: 2_000_000,
  /** Request body size for the HTTP API. */
  httpBodyBytesMax: 1_048_576,
  /** Connections in the pool to a PostgreSQL server (PGlite always has exactly one). */
  dbPoolConnectionsMax: 10,
  /** Requests per minute from one IP address to the whole API (a browser session makes a few per click). */
  httpRequestsPerMinutePerIpMax: 1_200,
  /** Sign-in requests per minute from one IP address, whatever the outcome. */
  signinRequestsPerMinutePerIpMax: 30,
  /** Failed sign-ins for one login (or from one IP) within the window before it is locked. */
  signinFailuresMax: 5,
  /** The window in which failed sign-ins are counted, and how long a lock lasts. */
  signinFailureWindowMs: 15 * 60_000,
  /** Open items (unreconciled receipts, open instalments) the matcher compares one import against. */
  matchOpenItemsMax: 500_000,
  /** Statement lines one bulk "accept above a score" request applies. */
  statementBulkAcceptMax: 5_000,
  /** Items of one accepted match (receipts reconciled or instalments paid by one statement line). */
  statementMatchItemsMax: 50,
  /** Saved column mappings per tenant. */
  statementMappingsMax: 200,
  /** Items per page of any list. */
  /** Rows (cells of the dimensions asked) one pivot answers: more is report_too_large, never a truncated table. */
  pivotRowsMax: 5_000,
  /** Days a report may span: ten years of daily figures. */
  reportDaysMax: 3_700,
  /** Receipts the unallocated-receipts report lists (oldest first); its totals still cover every one. */
  unallocatedReportRowsMax: 1_000,
  pageSizeMax: 200,
  /** Lines of one order (订单明细). */
  orderLinesMax: 200,
  /** Instalments of one payment plan. */
  instalmentsPerPlanMax: 120,
  /** Allocations one request may make (one receipt over many orders and instalments). */
  allocationsPerRequestMax: 200,
  /** Contacts of one customer, and tags. */
  customerContactsMax: 20,
  customerTagsMax: 20,
  /** Attachment descriptions on one receipt (the files themselves live elsewhere). */
  receiptAttachmentsMax: 20,
  /** Characters of names, references and free text on business records. */
  nameCharsMax: 200,
  referenceCharsMax: 100,
  remarksCharsMax: 2_000,
  /** Quantity of an order line, in thousandths of a unit (one billion units). */
  quantityMilliMax: 1_000_000_000_000n,
  /** Open orders the automatic allocation considers for one receipt, oldest due first. */
  autoAllocateOrdersMax: 500,
  /** Receipts a refund from the advance balance may draw on. */
  refundSourcesMax: 100,
  /** Time a SIGTERM shutdown may take before the process exits anyway. */
  shutdownTimeoutMs: 15_000,
  /** Size of one uploaded bank statement file: a 200,000-entry CAMT.053 is about this big, and it is parsed in memory. */
  statementBytesMax: 64 * 1_048_576,
  /** Lines (entries, :61: fields, data rows) of one statement file; the import and matching budget is sized for this. */
  statementLinesMax: 200_000,
  /** Row-level warnings (skipped rows …) listed one by one for a statement file; the rest are counted in a summary. */
  statementRowWarningsMax: 100,
  /** Characters of a statement line's text searched for our numbers and bank references (SEPA remittance is 140). */
  matchTextCharsMax: 2_000,
  /** Words of that text compared with receipts' external references. */
  matchTextTokensMax: 40,
  /** Open items one statement line may be the sum of (one payment for several instalments or orders). */
  matchSumItemsMax: 5,
  /** Statement lines one open item may be the sum of (one receipt paid in several transfers). */
  matchSumLinesMax: 4,
  /** Open items of one customer (or lines of one payer) a sum search looks at, nearest date first. */
  matchSumCandidatesMax: 40,
  /** Steps of one sum search before it gives up: bounds the time per line whatever the data. */
  matchSumSearchStepsMax: 20_000,
  /** Customers a payer name is compared with in full after the n-gram index has picked them. */
  matchNameCandidatesMax: 10,
  /** Suggestions kept per statement line. */
  matchSuggestionsPerLineMax: 20,
  /** Days a match window may reach either side of a date. */
  matchDateWindowDaysMax: 366,
  /** One gateway notification (a Stripe event with expanded objects is tens of KiB; Alipay/WeChat a few). */
  webhookBodyBytesMax: 262_144,
  /** How far a provider's signed timestamp may be from our clock, either way, before a delivery counts as a replay. */
  webhookTimestampSkewMsMax: 300_000,
  /** Size of one uploaded import file (CSV or XLSX). */
  importBytesMax: 20 * 1_048_576,
  /** Data rows of one import file. */
  importRowsMax: 100_000,
  /** Errors an import job lists in its answer (the rest are in its errors.csv). */
  importErrorsListedMax: 200,
  /** A running import job that has not reported for this long belongs to a process that died. */
  importHeartbeatStaleMs: 5 * 60_000,
  /** Confirmed receipts of one tenant written together in one transaction (group commit). */
  receiptBatchSizeMax: 32,
  /** Webhook deliveries per minute from one address: providers send bursts from few addresses (2,000/s). */
  webhookRequestsPerMinutePerIpMax: 120_000,
  /** Integrations one tenant may configure. */
  integrationsPerTenantMax: 50,
  /** Characters of one integration secret or PEM key/certificate. */
  integrationSecretCharsMax: 20_000,
  /** Events one worker pass claims at once. */
  gatewayEventsPerBatchMax: 50,
  /** Times an event is tried (e.g. a refund that arrives before its payment) before it is marked failed. */
  gatewayEventAttemptsMax: 8,
  /** How long a claimed event is left to its worker before another process may take it over. */
  gatewayEventLeaseMs: 60_000,
  /** Refused webhook deliveries are kept this long, and at most this many per tenant. */
  webhookRejectionsRetentionMs: 7 * 24 * 3_600_000,
  webhookRejectionsPerTenantMax: 10_000,
  /** Outbox events one consumer handles in one transaction. */
  outboxBatchSizeMax: 500,
  /** How long an outbox consumer that found nothing waits before looking again (alert lag target: 2 s). */
  outboxIdleMs: 200,
  /** Outbox events kept after every consumer has passed them, and deleted per pruning pass at most. */
  outboxRetentionMs: 7 * 24 * 3_600_000,
  outboxPruneRowsMax: 50_000,
  /**
   * Retention of what the notification side and the scheduler leave behind (the daily prune job): read
   * notifications, and any notification however unread; finished email and webhook deliveries (with their
   * attempts); notification_events, whose only use is to refuse an event handed over twice — an outbox event can
   * be handed over again only while it is kept (outboxRetentionMs), so their window is well beyond it; finished
   * scheduler runs.
   */
  notificationsReadRetentionMs: 90 * 24 * 3_600_000,
  notificationsRetentionMs: 365 * 24 * 3_600_000,
  notifyDeliveriesRetentionMs: 30 * 24 * 3_600_000,
  notificationEventsRetentionMs: 30 * 24 * 3_600_000,
  scheduledRunsRetentionMs: 30 * 24 * 3_600_000,
  /** Rows one pruning statement deletes (a short transaction), and rows per table one prune run deletes at most. */
  pruneRowsPerStatementMax: 1_000,
  pruneRowsPerRunMax: 50_000,
  /**
   * The monthly roll-up's fold (reports.compact): how often, and rows per statement and per run. Between two
   * folds a key can grow to 16 rows (one per writing connection's stripe) — every few minutes keeps that small.
   */
  compactEveryMs: 5 * 60_000,
  compactRowsPerStatementMax: 5_000,
  compactRowsPerRunMax: 200_000,
  /** How often the scheduler looks for due jobs, and how long a started run is left to its process. */
  schedulerTickMs: 30_000,
  schedulerLeaseMs: 15 * 60_000,
  /** Alerts per page, open alerts one re-check pass looks at, and items one rule evaluation considers. */
  alertsRecheckMax: 5_000,
  alertItemsPerEvaluationMax: 10_000,
  /** Characters of a resolution note, and users or roles one rule notifies. */
  alertNoteCharsMax: 2_000,
  alertRecipientsMax: 50,
  /** Outbound webhook subscriptions one tenant may have. */
  webhookSubscriptionsPerTenantMax: 20,
  /** Event types one subscription may list. */
  webhookSubscriptionEventTypesMax: 50,
  /** Characters of a subscriber URL. */
  webhookUrlCharsMax: 2_048,
  /** How long one outbound delivery attempt may take, connect to last byte. */
  webhookDeliveryTimeoutMs: 10_000,
  /** Bytes of a receiver's answer read before the connection is cut; what is stored is shorter still. */
  webhookResponseBytesMax: 65_536,
  /** Characters of a receiver's answer kept in the delivery log. */
  webhookResponseStoredCharsMax: 1_024,
  /** An outbound webhook or email is retried for this long after it was enqueued, then marked failed. */
  notifyRetryWindowMs: 3 * 24 * 3_600_000,
  /** First retry delay; each further one doubles, up to notifyRetryDelayMsMax, with ±20 % jitter. */
  notifyRetryDelayMsMin: 30_000,
  notifyRetryDelayMsMax: 6 * 3_600_000,
  /** Deliveries (webhook or email) one worker pass claims at once, and the lease on each. */
  notifyDeliveriesPerBatchMax: 20,
  notifyDeliveryLeaseMs: 60_000,
  /** Bytes of one event's JSON payload (a notification's details, a webhook's data). */
  notifyPayloadBytesMax: 16_384,
  /** Users one event may notify in the app and by email. */
  notifyRecipientsMax: 500,
  /** Notifications per page of the bell's list. */
  notificationsPageSizeMax: 100,
  /** Delivery log entries per page. */
  webhookDeliveriesPageSizeMax: 100,
  /** Rows of one CSV or XLSX export: streamed, so memory does not grow with it; bounds time and file size. */
  exportRowsMax: 200_000,
  /** Rows of one PDF export: a PDF is for reading and printing (about 30 rows a page); larger sets are XLSX. */
  exportPdfRowsMax: 10_000,
  /** Report templates a person may save, bytes of one template's definition (JSON), characters of its description. */
  reportTemplatesPerUserMax: 100,
  /** Templates one list answers (own, shared with one's role, built-in): a person's view, not a tenant-wide dump. */
  reportTemplatesListedMax: 1_000,
  reportTemplateDefinitionBytesMax: 8_192,
  reportTemplateDescriptionCharsMax: 1_000,
  /** Users plus roles one schedule names, and people one run delivers to once the roles are expanded. */
  reportScheduleRecipientsMax: 50,
  reportDeliveryUsersMax: 100,
  /** Bytes of one delivered report file (kept in the database for its recipient to download). */
  reportDeliveryFileBytesMax: 5 * 1_048_576,
  /**
   * How long a delivered report file is kept (the daily prune job deletes it and its row): long enough for a
   * quarter's reports to be fetched again; its bell link then answers report_file_expired.
   */
  reportDeliveriesRetentionMs: 90 * 24 * 3_600_000,
  /** Rows of a delivered report file: a scheduled report is a summary, not a bulk export. */
  reportDeliveryRowsMax: 10_000,
  /** Bytes of the result JSON a report.delivered webhook carries; a larger result is left out (the event says so). */
  reportWebhookResultBytesMax: 12_288,
  /** Due schedules one delivery pass claims, and how long a claimed schedule is left to its process. */
  reportSchedulesPerPassMax: 20,
  reportScheduleLeaseMs: 10 * 60_000,
  /** Bytes of a file attached to an email; a larger delivery is linked instead. */
  emailAttachmentBytesMax: 5 * 1_048_576,
  /** Live updates (server-sent events): how often a process looks for new outbox events while someone listens … */
  livePollMs: 250,
  /** … a comment sent on a quiet stream so proxies keep it open, and how often the stream's session is checked again. */
  liveHeartbeatMs: 15_000,
  liveRecheckMs: 60_000,
  /** Open streams per user (tabs), and per server process. */
  liveStreamsPerUserMax: 8,
  liveStreamsMax: 2_000,
  /** Outbox rows read per poll (a burst is read in several polls, none skipped). */
  liveEventsPerPollMax: 1_000,
} as const;
