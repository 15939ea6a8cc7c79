/**
 * A payment-gateway notification after its signature was verified, in one shape for every provider
 * (Stripe, Alipay, WeChat Pay, generic HMAC). Amounts are bigint minor units of `currency`.
 */
export type GatewayProvider = 'stripe' | 'alipay' | 'wechatpay' | 'generic';

export interface VerifiedGatewayEvent {
  provider: GatewayProvider;
  /** The provider's event id (Stripe evt_…, Alipay notify_id, WeChat id, generic `id`): dedupe key with the integration. */
  eventId: string;
  /** The provider's own type string (payment_intent.succeeded, TRADE_SUCCESS, TRANSACTION.SUCCESS, …). */
  providerType: string;
  /** When the provider says it happened (ISO instant). */
  occurredAt: string;
  /** What it means for the money; null for events we store but do not act on (ignored types). */
  normalized: NormalizedGatewayEvent | null;
  /** How the delivery was verified, for the event log (e.g. method 'rsa2', detail 'key of app 2019…'). */
  verification?: { method: string; detail: string };
  /**
   * The notification as a person can read it, when the raw body is not (WeChat Pay: the envelope with the
   * resource decrypted). Absent when the raw body is already readable.
   */
  readablePayload?: string;
}

export type NormalizedGatewayEvent =
  | PaymentSucceeded
  | PaymentFailed
  | RefundSucceeded
  | DisputeOpened
  | FeeCharged;

interface GatewayMoney {
  amountMinor: bigint;
  currency: string;
  /** Business date YYYY-MM-DD in UTC of occurredAt unless the provider gives a local date. */
  date: string;
  /** The provider's payment/transaction id (pi_…, trade_no, transaction_id): ties refunds and disputes to the payment. */
  paymentRef: string;
}

export interface MatchHints {
  /** Our order number if the payment carries one (metadata.order_number, out_trade_no, …). */
  orderNumber?: string;
  /** Our customer code or id if the payment carries one (metadata.customer_code / customer_id). */
  customerCode?: string;
  customerId?: string;
  payerName?: string;
  payerAccount?: string;
  payerEmail?: string;
  description?: string;
}

export interface PaymentSucceeded extends GatewayMoney { kind: 'payment_succeeded'; hints: MatchHints; feeMinor?: bigint }
export interface PaymentFailed extends GatewayMoney { kind: 'payment_failed'; hints: MatchHints; reason: string }
export interface RefundSucceeded extends GatewayMoney {
  kind: 'refund_succeeded';
  refundRef: string;
  hints: MatchHints;
  /**
   * Set when the provider reports only the payment's cumulative refunded total (Alipay's refund_fee), not this
   * refund's amount: amountMinor then equals this total, and the refund is the total minus what is already recorded
   * as refunded for paymentRef (nothing when not above it: a duplicate or an older notification).
   */
  refundedTotalMinor?: bigint;
}
export interface DisputeOpened extends GatewayMoney { kind: 'dispute_opened'; disputeRef: string; reason: string; hints: MatchHints }
export interface FeeCharged extends GatewayMoney { kind: 'fee_charged'; hints: MatchHints }

/** A delivery as received: the exact bytes (verified before any parsing) and the headers, lower-cased names. */
export interface InboundNotification {
  rawBody: Buffer;
  headers: Readonly<Record<string, string | undefined>>;
}

/** The secrets and public keys one tenant integration verifies with (decrypted only for the call). */
export type GatewayCredentials =
  | { provider: 'stripe'; webhookSecret: string }
  | { provider: 'alipay'; alipayPublicKey: string; appId?: string }
  | { provider: 'wechatpay'; apiV3Key: string; platformCertificates: readonly { serial: string; pem: string }[] }
  | { provider: 'generic'; hmacSecrets: readonly string[] };

/** What to send back to the provider, byte for byte as its documentation asks. */
export interface ProviderAnswer {
  statusCode: number;
  contentType: string;
  body: string;
}

/**
 * The adapters (src/adapters/gateways/index.ts) implement:
 *   verifyNotification(provider, notification, credentials, nowMs): VerifiedGatewayEvent   — throws KxError
 *     webhook_signature_invalid | webhook_timestamp_stale | webhook_body_invalid
 *   providerAnswer(provider, ok, message?): ProviderAnswer
 */
export type VerifyNotification = (provider: GatewayProvider, notification: InboundNotification, credentials: GatewayCredentials, nowMs: number) => VerifiedGatewayEvent;
export type ProviderAnswerOf = (provider: GatewayProvider, ok: boolean, message?: string) => ProviderAnswer;
