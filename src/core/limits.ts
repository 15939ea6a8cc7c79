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
  /** Items per page of any list. */
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
  /** One gateway notification (a Stripe event with expanded objects is tens of KiB; Alipay/WeChat a few). */
  webhookBodyBytesMax: 262_144,
  /** How far a provider's signed timestamp may be from our clock, either way, before a delivery counts as a replay. */
  webhookTimestampSkewMsMax: 300_000,
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
} as const;
