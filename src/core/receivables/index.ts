export { parseQuantityMilli, formatQuantity, lineAmountMinor } from './quantity.js';
export { todayIn, addDays, daysBetween } from './dates.js';
export { monthStart, monthEnd } from './months.js';
export { businessSources, isBusinessSource, type BusinessSource } from './sources.js';
export { validatePlan, instalmentStatus, isOverdue, overdueOnOrBefore, type InstalmentDraft, type InstalmentStatus, type InstalmentFacts, type StatusRules } from './plan.js';
export { applyOldestFirst, takeLatestFirst, type OpenItem, type Applied } from './allocation.js';
export { parseRate, formatRate, convertMinor } from './fx.js';
