import type { InboundNotification, VerifiedGatewayEvent } from '../../core/gateways/event.js';

// Placeholder until the stripe adapter lands (next commits on this branch).
export function verifyStripe(_notification: InboundNotification, _credentials: { webhookSecret: string }, _nowMs: number): VerifiedGatewayEvent {
  throw new Error('stripe verification is not implemented yet');
}
