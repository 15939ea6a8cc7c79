import { Type } from 'typebox';
import { createCustomer, customerBalances, getCustomer, listCustomers } from '../../../app/customers-read.js';
import { limits } from '../../../core/limits.js';
import { actorOf, type KxApp, type RouteDeps } from '../context.js';

const tags = ['customers'];
const Uuid = Type.String({ format: 'uuid' });
const IdParams = Type.Object({ id: Uuid });

const CustomerMoney = Type.Object({
  currency: Type.String(),
  receivable: Type.String({ description: 'accounts_receivable balance, decimal string in major units' }),
  advance: Type.String({ description: 'customer_advances balance (prepaid), shown positive' }),
});

const Customer = Type.Object({
  id: Uuid,
  code: Type.String(),
  name: Type.String(),
  ownerId: Type.Union([Uuid, Type.Null()]),
  departmentId: Type.Union([Uuid, Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  balances: Type.Array(CustomerMoney),
});

const CustomerBalances = Type.Object({
  customerId: Uuid,
  balances: Type.Array(
    Type.Object({ account: Type.String(), kind: Type.String(), currency: Type.String(), debit: Type.String(), credit: Type.String(), balance: Type.String({ description: 'debit minus credit' }) }),
  ),
});

/** Customers and their money, within the actor's data scope (own / department / all). */
export async function customerRoutes(app: KxApp, deps: RouteDeps): Promise<void> {
  const { db } = deps.database;

  app.get('/api/v1/customers', {
    schema: {
      tags,
      summary: 'List the customers you may see, with receivable and advance per currency',
      querystring: Type.Object({
        owner: Type.Optional(Uuid),
        department: Type.Optional(Type.String({ format: 'uuid', description: 'this department and its sub-departments' })),
        q: Type.Optional(Type.String({ maxLength: 100, description: 'part of the name or code' })),
        cursor: Type.Optional(Type.String({ maxLength: 500 })),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: limits.pageSizeMax })),
      }),
      response: { 200: Type.Object({ items: Type.Array(Customer), nextCursor: Type.Union([Type.String(), Type.Null()]) }) },
    },
  }, async (request) => listCustomers(db, actorOf(request), request.query));

  app.get('/api/v1/customers/:id', {
    schema: { tags, summary: 'One customer with receivable and advance per currency', params: IdParams, response: { 200: Customer } },
  }, async (request) => getCustomer(db, actorOf(request), request.params.id));

  app.get('/api/v1/customers/:id/balances', {
    schema: { tags, summary: "A customer's balance per account and currency", params: IdParams, response: { 200: CustomerBalances } },
  }, async (request) => customerBalances(db, actorOf(request), request.params.id));

  app.post('/api/v1/customers', {
    schema: {
      tags,
      summary: 'Create a customer (a sales rep always owns the customers they create)',
      body: Type.Object({
        code: Type.String({ minLength: 1, maxLength: 40 }),
        name: Type.String({ minLength: 1, maxLength: 200 }),
        ownerId: Type.Optional(Uuid),
        departmentId: Type.Optional(Uuid),
      }, { additionalProperties: false }),
      response: { 201: Customer },
    },
  }, async (request, reply) => reply.code(201).send(await createCustomer(db, actorOf(request), request.body)));
}
