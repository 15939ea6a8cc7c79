import { Type } from 'typebox';
import { createCustomer, customerBalances, getCustomer, listCustomers, updateCustomer } from '../../../app/customers-read.js';
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

const CustomerFigures = Type.Object({
  currency: Type.String(),
  receivable: Type.String({ description: 'what the customer owes (accounts_receivable balance)' }),
  overdue: Type.String({ description: 'unpaid parts of instalments past due plus grace days, today in the tenant’s time zone' }),
  advance: Type.String({ description: '预收: the customer_advances balance, shown positive' }),
  received: Type.String({ description: 'confirmed receipts to date' }),
  refunded: Type.String({ description: 'refunds paid to date' }),
});

const Contact = Type.Object({
  name: Type.String(),
  title: Type.Optional(Type.String()),
  phone: Type.Optional(Type.String({ description: 'masked without sensitive.view' })),
  email: Type.Optional(Type.String({ description: 'masked without sensitive.view' })),
});

const Customer = Type.Object({
  id: Uuid,
  code: Type.String(),
  name: Type.String(),
  ownerId: Type.Union([Uuid, Type.Null()]),
  departmentId: Type.Union([Uuid, Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  taxId: Type.Union([Type.String(), Type.Null()]),
  contacts: Type.Array(Contact),
  tags: Type.Array(Type.String()),
  remarks: Type.String(),
  balances: Type.Array(CustomerMoney),
  figures: Type.Array(CustomerFigures),
});

const ContactInput = Type.Object({
  name: Type.String({ minLength: 1, maxLength: limits.nameCharsMax }),
  title: Type.Optional(Type.String({ maxLength: 100 })),
  phone: Type.Optional(Type.String({ maxLength: 40, pattern: '^[0-9+()*#\\- ]*$', description: 'digits, spaces, + ( ) - ; a masked value sent back unchanged keeps the stored number' })),
  email: Type.Optional(Type.String({ maxLength: 200, pattern: '^[^@\\s]+@[^@\\s]+$' })),
}, { additionalProperties: false });

const details = {
  taxId: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 40 })])),
  contacts: Type.Optional(Type.Array(ContactInput, { maxItems: limits.customerContactsMax })),
  tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: limits.customerTagsMax })),
  remarks: Type.Optional(Type.String({ maxLength: limits.remarksCharsMax })),
};

const CustomerBalances = Type.Object({
  customerId: Uuid,
  balances: Type.Array(
    Type.Object({ account: Type.String(), kind: Type.String(), currency: Type.String(), debit: Type.String(), credit: Type.String(), balance: Type.String({ description: 'debit minus credit' }) }),
  ),
});

/** The filters of the customer list (also the filters of its export, /exports/…). */
export const CustomerListFilters = {
  owner: Type.Optional(Uuid),
  department: Type.Optional(Type.String({ format: 'uuid', description: 'this department and its sub-departments' })),
  tag: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
  q: Type.Optional(Type.String({ maxLength: 100, description: 'part of the name or code' })),
};

/** Customers and their money, within the actor's data scope (own / department / all). */
export async function customerRoutes(app: KxApp, deps: RouteDeps): Promise<void> {
  const { db } = deps.database;

  app.get('/api/v1/customers', {
    schema: {
      tags,
      summary: 'List the customers you may see, with their money per currency',
      querystring: Type.Object({
        ...CustomerListFilters,
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
        ...details,
      }, { additionalProperties: false }),
      response: { 201: Customer },
    },
  }, async (request, reply) => reply.code(201).send(await createCustomer(db, actorOf(request), request.body)));

  app.patch('/api/v1/customers/:id', {
    schema: {
      tags,
      summary: 'Change a customer (contacts and tags are replaced as a whole; a sales rep cannot hand a customer to someone else)',
      params: IdParams,
      body: Type.Object({
        code: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
        name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
        ownerId: Type.Optional(Type.Union([Type.Null(), Uuid])),
        departmentId: Type.Optional(Type.Union([Type.Null(), Uuid])),
        ...details,
      }, { additionalProperties: false }),
      response: { 200: Customer },
    },
  }, async (request) => updateCustomer(db, actorOf(request), request.params.id, request.body));
}
