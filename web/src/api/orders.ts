/**
 * Shapes of the order endpoints (src/adapters/http/routes/orders.ts, products.ts): aliases of the types generated
 * from the server's OpenAPI document. Amounts are decimal strings.
 */
import type { ItemOf, RequestJson, ResponseJson } from './openapi-types';

export type OrderSummary = ItemOf<'get', '/orders'>;
export type OrderStatus = OrderSummary['status'];

export type Order = ResponseJson<'get', '/orders/{id}'>;
export type OrderLine = Order['lines'][number];
export type Instalment = Order['plan'][number];
export type InstalmentStatus = Instalment['status'];
export type OrderAllocation = Order['allocations'][number];

export type OrderInput = RequestJson<'post', '/orders'>;
export type OrderLineInput = OrderInput['lines'][number];
export type PlanInstalmentInput = RequestJson<'put', '/orders/{id}/plan'>['instalments'][number];

export type Product = ItemOf<'get', '/products'>;
