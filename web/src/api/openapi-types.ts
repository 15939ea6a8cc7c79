/**
 * The API's shapes taken from its OpenAPI document (./openapi.d.ts, generated from the server's route schemas by
 * `npm run api:types`), named by method and by the path as client.ts takes it (without /api/v1, with {id} for a
 * path parameter): `ResponseJson<'get', '/reports/aging'>`. A path or method the server no longer has is a
 * type error here, and so is a changed shape wherever the web relies on it.
 */
import type { paths } from './openapi';

type Prefixed = keyof paths;
type Unprefixed<K> = K extends `/api/v1${infer P}` ? P : never;
/** Every path of the generated document, as client.ts takes it. */
export type ApiPath = Unprefixed<Prefixed>;
export type ApiMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

type Operation<M extends ApiMethod, P extends ApiPath> = `/api/v1${P}` extends infer K extends Prefixed ? NonNullable<paths[K][M]> : never;
type JsonOf<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;

/** The JSON body of the operation's success answer: its 200, else its 201. */
export type ResponseJson<M extends ApiMethod, P extends ApiPath> = Operation<M, P> extends { responses: infer R }
  ? R extends { 200: infer Ok } ? JsonOf<Ok> : R extends { 201: infer Created } ? JsonOf<Created> : never
  : never;

/** One item of a list the operation answers with `items` (a page of a cursor-paginated list, or a whole small list). */
export type ItemOf<M extends ApiMethod, P extends ApiPath> = ResponseJson<M, P> extends { items: readonly (infer Item)[] } ? Item : never;

/** The JSON body the operation takes. */
export type RequestJson<M extends ApiMethod, P extends ApiPath> = Operation<M, P> extends { requestBody?: infer B } ? JsonOf<NonNullable<B>> : never;

/** The operation's query parameters (all optional ones optional). */
export type QueryOf<M extends ApiMethod, P extends ApiPath> = Operation<M, P> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/**
 * The values of a generated union of strings, listed once for the UI in the order it shows them. A value the
 * union does not have is a type error, and so is one it has that the list leaves out: a value added on the
 * server shows up here rather than as an option the page never offers. `valuesOf<ChartKind>()(['table', …])`.
 */
export const valuesOf = <T extends string>() =>
  <const L extends readonly T[]>(values: L & ([Exclude<T, L[number]>] extends [never] ? unknown : { missing: Exclude<T, L[number]> })): L => values;
