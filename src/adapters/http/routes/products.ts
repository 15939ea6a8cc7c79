import { Type } from 'typebox';
import { createProduct, getProduct, listProducts, updateProduct } from '../../../app/receivables/products.js';
import { limits } from '../../../core/limits.js';
import { actorOf, type KxApp, type RouteDeps } from '../context.js';
import { IdParams, PageQuery, Uuid } from './money-common.js';

const tags = ['products'];

const Product = Type.Object({
  id: Uuid,
  code: Type.String(),
  name: Type.String(),
  unit: Type.String(),
  active: Type.Boolean({ description: 'inactive products stay on old orders but are refused on new lines' }),
  createdAt: Type.String({ format: 'date-time' }),
});

const fields = {
  code: Type.String({ minLength: 1, maxLength: 40 }),
  name: Type.String({ minLength: 1, maxLength: limits.nameCharsMax }),
  unit: Type.String({ maxLength: 20, description: 'e.g. 套, 个, hour' }),
  active: Type.Boolean(),
};

/** Products (产品): read with orders.view, changed with settings.manage. */
export async function productRoutes(app: KxApp, deps: RouteDeps): Promise<void> {
  const { db } = deps.database;

  app.get('/api/v1/products', {
    schema: {
      tags,
      summary: 'List products by code',
      querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100, description: 'part of the code or name' })), active: Type.Optional(Type.Boolean()), ...PageQuery }),
      response: { 200: Type.Object({ items: Type.Array(Product), nextCursor: Type.Union([Type.String(), Type.Null()]) }) },
    },
  }, async (request) => listProducts(db, actorOf(request), request.query));

  app.get('/api/v1/products/:id', {
    schema: { tags, summary: 'One product', params: IdParams, response: { 200: Product } },
  }, async (request) => getProduct(db, actorOf(request), request.params.id));

  app.post('/api/v1/products', {
    schema: {
      tags,
      summary: 'Create a product',
      body: Type.Object({ code: fields.code, name: fields.name, unit: Type.Optional(fields.unit), active: Type.Optional(fields.active) }, { additionalProperties: false }),
      response: { 201: Product },
    },
  }, async (request, reply) => reply.code(201).send(await createProduct(db, actorOf(request), request.body)));

  app.patch('/api/v1/products/:id', {
    schema: {
      tags,
      summary: 'Rename, re-code or (de)activate a product',
      params: IdParams,
      body: Type.Object({ code: Type.Optional(fields.code), name: Type.Optional(fields.name), unit: Type.Optional(fields.unit), active: Type.Optional(fields.active) }, { additionalProperties: false }),
      response: { 200: Product },
    },
  }, async (request) => updateProduct(db, actorOf(request), request.params.id, request.body));
}
