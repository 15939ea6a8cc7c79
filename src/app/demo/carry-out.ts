import type { Kysely } from 'kysely';
import type { ReceiptChannel } from '../../core/ledger/chart.js';
import { formatAmount } from '../../core/money/index.js';
import type { Actor } from '../actor.js';
import { userActor } from '../auth/sessions.js';
import { newId } from '../ids.js';
import { approveAdjustment, requestAdjustment } from '../receivables/adjustments.js';
import { confirmOrder, createOrder } from '../receivables/orders.js';
import { applyAdvance } from '../receivables/receipt-advances.js';
import { deallocateReceipt } from '../receivables/receipt-allocations.js';
import { confirmReceipt, createReceipt } from '../receivables/receipts.js';
import { approveRefund, payRefund, requestRefund } from '../receivables/refunds.js';
import type { DB } from '../schema.js';
import { dateOf } from './calendar.js';
import type { DemoAction, OrderBundle } from './generator.js';
import type { DemoOwner } from './world.js';

const client = { ip: null, userAgent: 'kuanxiang seed-demo' };

/** The actor acting on a business day of the demo's past: noon in Shanghai, so the tenant's "today" is that day. */
function on(actor: Actor, day: number): Actor {
  return { ...actor, asOf: new Date(`${dateOf(day)}T04:00:00Z`) };
}

/**
 * Carries out one order's story through the use cases the API uses: the owner (a sales rep) enters orders,
 * receipts and refund requests; finance confirms, approves and pays — maker and checker are different people,
 * as the rules require. Each call has its own idempotency key, so a failure is reported, never half-applied.
 */
export class DemoCarrier {
  private readonly owners = new Map<string, Actor>();

  private constructor(private readonly db: Kysely<DB>, private readonly tenantId: string, private readonly finance: Actor) {}

  static async create(db: Kysely<DB>, tenantId: string, financeUserId: string): Promise<DemoCarrier> {
    return new DemoCarrier(db, tenantId, await userActor(db, tenantId, financeUserId, client));
  }

  private async owner(owner: DemoOwner): Promise<Actor> {
    let actor = this.owners.get(owner.id);
    if (!actor) {
      actor = await userActor(this.db, this.tenantId, owner.id, client);
      this.owners.set(owner.id, actor);
    }
    return actor;
  }

  async carryOut(bundle: OrderBundle): Promise<void> {
    const { order } = bundle;
    const { customer, currency } = order;
    const ownerNow = await this.owner(customer.owner);
    const financeNow = this.finance;
    const amount = (minor: bigint) => formatAmount(minor, currency);
    let orderId = '';
    let instalmentIds: string[] = [];
    let lastReceiptId = '';
    const receipt = async (action: Extract<DemoAction, { kind: 'prepayment' | 'receipt' }>, owner: Actor, finance: Actor) => {
      const created = await createReceipt(this.db, owner, {
        customerId: customer.id,
        kind: action.kind === 'prepayment' ? 'prepayment' : 'order_payment',
        amount: amount(action.amountMinor),
        currency,
        channel: action.channel,
        receivedDate: dateOf(action.day),
        payerName: customer.name,
        ...(action.kind === 'receipt' ? { allocations: [{ orderId, instalmentId: instalmentIds[action.instalment]!, amount: amount(action.amountMinor) }] } : {}),
      }, newId());
      await confirmReceipt(this.db, finance, created.body.id, {}, newId());
      lastReceiptId = created.body.id;
    };
    for (const action of bundle.actions) {
      const owner = on(ownerNow, action.day);
      const finance = on(financeNow, action.day);
      switch (action.kind) {
        case 'prepayment':
        case 'receipt':
          await receipt(action, owner, finance);
          break;
        case 'order': {
          const created = await createOrder(this.db, owner, {
            customerId: customer.id,
            title: `${action.lines.map((l) => l.product.name).join('、')} · ${customer.name}`.slice(0, 200),
            currency,
            signedDate: dateOf(action.day),
            lines: action.lines.map((l) => ({ productId: l.product.id, description: l.product.name, quantity: '1', unitPrice: amount(l.amountMinor) })),
            instalments: order.instalments.map((i) => ({ dueDate: dateOf(i.dueDay), amount: amount(i.amountMinor) })),
          }, newId());
          orderId = created.body.id;
          const confirmed = await confirmOrder(this.db, owner, orderId, {}, newId());
          instalmentIds = confirmed.body.plan.filter((i) => i.status !== 'void').map((i) => i.id);
          break;
        }
        case 'application':
          await applyAdvance(this.db, finance, customer.id, { orderId, amount: amount(action.amountMinor), currency }, newId());
          break;
        case 'refund_advance':
          await this.refund(owner, finance, { customerId: customer.id, amount: amount(action.amountMinor), currency, reasonCode: 'overpayment', reasonText: '多付款退还' }, action);
          break;
        case 'return':
          await deallocateReceipt(this.db, finance, lastReceiptId, { orderId, amount: amount(action.amountMinor) }, newId());
          await this.creditNote(owner, finance, orderId, amount(action.amountMinor));
          await this.refund(owner, finance, { customerId: customer.id, receiptId: lastReceiptId, amount: amount(action.amountMinor), currency, reasonCode: 'order_cancelled', reasonText: '退货退款' }, action);
          break;
      }
    }
  }

  private async creditNote(owner: Actor, finance: Actor, orderId: string, amount: string): Promise<void> {
    const requested = await requestAdjustment(this.db, owner, { kind: 'credit_note', orderId, amount, reasonCode: 'order_reduced', reasonText: '客户退货' }, newId());
    await approveAdjustment(this.db, finance, requested.body.id, newId());
  }

  private async refund(owner: Actor, finance: Actor, input: Parameters<typeof requestRefund>[2], action: { paidDay: number | null; channel: ReceiptChannel }): Promise<void> {
    const requested = await requestRefund(this.db, owner, input, newId());
    await approveRefund(this.db, finance, requested.body.id, newId());
    if (action.paidDay !== null) {
      await payRefund(this.db, on(finance, action.paidDay), requested.body.id, { channel: action.channel, paidDate: dateOf(action.paidDay) }, newId());
    }
  }
}
