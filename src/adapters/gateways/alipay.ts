import type { InboundNotification, VerifiedGatewayEvent } from '../../core/gateways/event.js';

// Placeholder until the alipay adapter lands (next commits on this branch).
export function verifyAlipay(_notification: InboundNotification, _credentials: { alipayPublicKey: string; appId?: string }): VerifiedGatewayEvent {
  throw new Error('alipay verification is not implemented yet');
}
