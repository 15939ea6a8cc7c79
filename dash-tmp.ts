import { openDatabase } from '/work/main/src/adapters/db/database.js';
import { systemActor } from '/work/main/src/app/actor.js';
import { dashboardOf } from '/work/main/src/app/dashboard.js';
const { db, close } = await openDatabase({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:5432/kx_bench_reports' });
const t = await db.selectFrom('tenants').select('id').where('slug', '=', 'bench-1m').executeTakeFirstOrThrow();
const actor = { ...systemActor(t.id), asOf: new Date('2026-11-27T04:00:00Z') };
for (let i = 0; i < 6; i++) { const t0 = performance.now(); await dashboardOf(db, actor, {}); console.log((performance.now() - t0).toFixed(0), 'ms'); }
await close();
