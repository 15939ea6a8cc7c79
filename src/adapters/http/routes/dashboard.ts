import { Type } from 'typebox';
import { agingBuckets, dashboardLimits, dashboardOf } from '../../../app/dashboard.js';
import { actorOf, type KxApp, type RouteDeps } from '../context.js';
import { BusinessDate, Uuid } from './money-common.js';

const tags = ['dashboard'];
const Money = Type.String({ description: 'decimal string in major units of the currency' });
const Count = Type.Integer({ minimum: 0 });
const CustomerRef = Type.Object({ id: Uuid, code: Type.String(), name: Type.String() });
const todo = <T extends ReturnType<typeof Type.Object>>(item: T) =>
  Type.Object({ count: Count, items: Type.Array(item, { maxItems: dashboardLimits.todoItemsMax, description: `the first ${dashboardLimits.todoItemsMax}, oldest first` }) });

const Dashboard = Type.Object({
  currency: Type.String(),
  today: Type.String({ format: 'date', description: 'today in the tenant’s time zone' }),
  currencies: Type.Array(Type.String(), { description: 'currencies with posted data you may see, plus the base currency' }),
  figures: Type.Object({
    receivable: Type.String({ description: 'accounts_receivable balance of your customers' }),
    receivedThisMonth: Type.String({ description: 'confirmed receipts received from the 1st of this month to today' }),
    overdue: Type.String({ description: 'unpaid parts of instalments past due plus grace days' }),
    advance: Type.String({ description: '预收: customer_advances balance, shown positive' }),
    refundsAwaitingApproval: Type.Object({ count: Count, amount: Money }),
  }),
  trend: Type.Array(Type.Object({
    month: Type.String({ description: 'YYYY-MM' }),
    received: Type.String({ description: 'confirmed receipts received that month' }),
    due: Type.String({ description: 'instalments of confirmed or completed orders due that month' }),
  }), { maxItems: dashboardLimits.trendMonthsMax, description: `the last ${dashboardLimits.trendMonthsMax} months, this month last` }),
  aging: Type.Array(Type.Object({
    bucket: Type.Enum([...agingBuckets]),
    amount: Money,
    instalments: Count,
  }), { maxItems: agingBuckets.length, description: 'unpaid instalment amounts by days past due, counted after the grace days' }),
  topOverdue: Type.Array(Type.Object({ customer: CustomerRef, overdue: Money, oldestDueDate: BusinessDate }), { maxItems: dashboardLimits.topOverdueCustomersMax }),
  todos: Type.Object({
    receiptsToConfirm: todo(Type.Object({ id: Uuid, number: Type.String(), customer: CustomerRef, amount: Money, currency: Type.String(), receivedDate: BusinessDate })),
    refundsToApprove: todo(Type.Object({ id: Uuid, number: Type.String(), customer: CustomerRef, amount: Money, currency: Type.String(), requestedAt: Type.String({ format: 'date-time' }) })),
    myOverdueInstalments: todo(Type.Object({
      instalmentId: Uuid, orderId: Uuid, orderNumber: Type.String(), customer: CustomerRef, dueDate: BusinessDate, outstanding: Money, currency: Type.String(),
    })),
  }),
});

/** The dashboard (首页): figures for one currency and the caller's to-dos, within their data scope. */
export async function dashboardRoutes(app: KxApp, deps: RouteDeps): Promise<void> {
  const { db } = deps.database;

  app.get('/api/v1/dashboard', {
    schema: {
      tags,
      summary: 'Receivable, received this month, overdue, advance, refunds awaiting approval, trend, aging, top overdue customers and your to-dos',
      querystring: Type.Object({
        currency: Type.Optional(Type.String({ minLength: 3, maxLength: 3, description: 'ISO 4217 code; default the tenant’s base currency' })),
      }, { additionalProperties: false }),
      response: { 200: Dashboard },
    },
  }, async (request) => dashboardOf(db, actorOf(request), request.query));
}
