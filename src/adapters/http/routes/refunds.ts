import type { KxApp, RouteDeps } from '../context.js';

/** Placeholder: filled in by the receivables work (issue 4). */
export async function refundRoutes(_app: KxApp, _deps: RouteDeps): Promise<void> {}
