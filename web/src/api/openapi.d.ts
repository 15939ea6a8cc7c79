/**
 * GENERATED FILE: do not edit. Made by `npm run api:types` (scripts/api-types.ts) with openapi-typescript from the
 * server's OpenAPI document, operations tagged reports. To change a type, change the route's TypeBox
 * schema in src/adapters/http/routes and run `npm run api:types` again; test/api-types.test.ts fails while this
 * file is stale.
 */
export interface paths {
    "/api/v1/reports/pivot": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pivot: receivable issued, received, refunded, net received, outstanding and receipt count along up to three dimensions, within your data scope */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description 0–3 dimensions, at most one of them a time one (day, week (ISO, Monday first), month, quarter, year of the business date) */
                        dimensions: ("day" | "week" | "month" | "quarter" | "year" | "customer" | "customerTag" | "owner" | "department" | "product" | "channel" | "currency" | "kind")[];
                        measures: ("issued" | "received" | "refunded" | "netReceived" | "outstanding" | "overdue" | "count" | "avgDaysToPay")[];
                        /** @description first business date, inclusive */
                        from: string;
                        /** @description last business date, inclusive; at most 3700 days after from */
                        to: string;
                        /** @description ISO 4217 code */
                        currency?: string;
                        filters?: {
                            customerIds?: string[];
                            ownerIds?: string[];
                            departmentIds?: string[];
                            productIds?: string[];
                            channels?: string[];
                            currencies?: string[];
                            kinds?: string[];
                            customerTags?: string[];
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            currency: string;
                            from: string;
                            to: string;
                            /** @description rates to `currency` used (latest on or before `to`) */
                            rates: {
                                currency: string;
                                rate: string;
                            }[];
                            dimensions: string[];
                            measures: string[];
                            rows: {
                                keys: {
                                    [key: string]: string;
                                };
                                labels: {
                                    [key: string]: string;
                                };
                                values: {
                                    [key: string]: string;
                                };
                                /** @description query parameters of GET /api/v1/receipts listing the receipts behind the row */
                                drill: {
                                    [key: string]: string;
                                };
                            }[];
                            totals: {
                                [key: string]: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/aging": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** AR aging (账龄): unpaid instalments by days past due or since the order, per customer, owner or department */
        get: {
            parameters: {
                query?: {
                    /** @description ISO 4217 code */
                    currency?: string;
                    /** @description upper bounds in days, comma-separated (default 30,60,90) */
                    buckets?: string;
                    basis?: "due" | "order";
                    groupBy?: "customer" | "owner" | "department" | "none";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            currency: string;
                            /** Format: date */
                            asOf: string;
                            /** @enum {unknown} */
                            basis: "due" | "order";
                            /** @enum {unknown} */
                            groupBy: "customer" | "owner" | "department" | "none";
                            /** @description not_due, then one label per bucket (1-30, 31-60, …, 90+) */
                            buckets: string[];
                            rows: {
                                key: string | null;
                                label: string;
                                amounts: string[];
                                total: string;
                            }[];
                            totals: {
                                amounts: string[];
                                total: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/collection": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Per month: instalments due, received, 回款率, plan completion, on-time payment rate, DSO and CEI */
        get: {
            parameters: {
                query?: {
                    /** @description a day of the first month (default: 11 months before `to`) */
                    from?: string;
                    /** @description a day of the last month (default: this month) */
                    to?: string;
                    /** @description ISO 4217 code */
                    currency?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            currency: string;
                            from: string;
                            to: string;
                            method: string;
                            periods: {
                                month: string;
                                due: string;
                                received: string;
                                collectionRate: string | null;
                                planCompletion: string | null;
                                onTimeRate: string | null;
                                openingReceivable: string;
                                issued: string;
                                closingReceivable: string;
                                closingCurrent: string;
                                dso: string | null;
                                cei: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/forecast": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Collection forecast: expected cash-in per week for 13 weeks from open instalments and payment delays, with its method and a backtest */
        get: {
            parameters: {
                query?: {
                    /** @description ISO 4217 code */
                    currency?: string;
                    /** @description the past day the backtest forecasts from (default 13 weeks ago) */
                    backtestAsOf?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            currency: string;
                            /** Format: date */
                            asOf: string;
                            method: string;
                            weeks: {
                                /** Format: date */
                                from: string;
                                /** Format: date */
                                to: string;
                                expected: string;
                            }[];
                            /** @description open amounts expected after the 13 weeks, or later than any past payment came */
                            beyond: string;
                            open: string;
                            customersOwnHistory: number;
                            customersTenantHistory: number;
                            backtest: {
                                /** Format: date */
                                asOf: string;
                                weeks: {
                                    /** Format: date */
                                    from: string;
                                    /** Format: date */
                                    to: string;
                                    expected: string;
                                    actual: string;
                                }[];
                                /** @description Σ|expected − actual| ÷ Σ actual; null when nothing arrived */
                                wape: string | null;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/refunds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Refunds by reason, channel or customer: paid and pending in the range, and the refund rate against money received */
        get: {
            parameters: {
                query?: {
                    /** @description first business date, inclusive (default: the first day of the month 11 months before `to`) */
                    from?: string;
                    /** @description last business date, inclusive (default: today); at most 3700 days after from */
                    to?: string;
                    /** @description ISO 4217 code */
                    currency?: string;
                    groupBy?: "reason" | "channel" | "customer";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            currency: string;
                            /** Format: date */
                            from: string;
                            /** Format: date */
                            to: string;
                            groupBy: "reason" | "channel" | "customer";
                            rows: {
                                key: string | null;
                                label: string;
                                /** @description refunds paid in the range (by paid date) */
                                paidCount: number;
                                paid: string;
                                /** @description requested or approved in the range, not paid (yet) */
                                pendingCount: number;
                                pending: string;
                                /** @description paid ÷ received from the same group in the range (per reason: all received), 4 places; null when nothing was received */
                                refundRate: string | null;
                            }[];
                            totals: {
                                /** @description refunds paid in the range (by paid date) */
                                paidCount: number;
                                paid: string;
                                /** @description requested or approved in the range, not paid (yet) */
                                pendingCount: number;
                                pending: string;
                                /** @description paid ÷ received from the same group in the range (per reason: all received), 4 places; null when nothing was received */
                                refundRate: string | null;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/unallocated": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Unallocated receipts: confirmed receipts with money neither applied to an order nor refunded, oldest first, with their age */
        get: {
            parameters: {
                query?: {
                    /** @description ISO 4217 code */
                    currency?: string;
                    /** @description only receipts at least this many days old (default 0) */
                    minAgeDays?: number;
                    customerId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            currency: string;
                            /** Format: date */
                            asOf: string;
                            rows: {
                                receiptId: string;
                                receiptNumber: string;
                                customerId: string;
                                customerName: string;
                                /** Format: date */
                                receivedOn: string;
                                ageDays: number;
                                receiptCurrency: string;
                                amount: string;
                                /** @description amount − allocated − refunded, in the receipt’s currency */
                                unallocated: string;
                                /** @description unallocated in the report currency */
                                unallocatedBase: string;
                            }[];
                            /** @description more receipts qualify than the 1000 listed; totals cover all of them */
                            truncated: boolean;
                            totals: {
                                count: number;
                                unallocatedBase: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/reconciliation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Reconciliation status: statements imported in the range with their lines by status, and bank receipts no statement line matched */
        get: {
            parameters: {
                query?: {
                    /** @description first business date, inclusive (default: the first day of the month 11 months before `to`) */
                    from?: string;
                    /** @description last business date, inclusive (default: today); at most 3700 days after from */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date */
                            from: string;
                            /** Format: date */
                            to: string;
                            statements: {
                                statementId: string;
                                account: string;
                                currency: string;
                                periodFrom: string | null;
                                periodTo: string | null;
                                importedAt: string;
                                lines: number;
                                matched: number;
                                ignored: number;
                                unmatched: number;
                                /** @description credits on unmatched lines, in the statement’s currency */
                                unmatchedAmount: string;
                                /** @description opening + lines = closing over the whole file; null when it carried no balances */
                                balanced: boolean | null;
                            }[];
                            totals: {
                                statements: number;
                                lines: number;
                                matched: number;
                                ignored: number;
                                unmatched: number;
                            };
                            /** @description confirmed bank-transfer receipts received in the range that no statement line claims, in the base currency */
                            receiptsWithoutLine: {
                                count: number;
                                amountBase: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/pivot/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Export the pivot as CSV, XLSX or PDF: the body of POST /reports/pivot, the format in the query (needs data.export on top of the report's own permission; audited (export.created); PDF at most 10000 rows) */
        post: {
            parameters: {
                query: {
                    /** @description csv (UTF-8 with BOM, formula-safe), xlsx (typed cells), pdf (at most 10000 rows) */
                    format: "csv" | "xlsx" | "pdf";
                    /** @description language of the column titles (default zh) */
                    lang?: "zh" | "en";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description 0–3 dimensions, at most one of them a time one (day, week (ISO, Monday first), month, quarter, year of the business date) */
                        dimensions: ("day" | "week" | "month" | "quarter" | "year" | "customer" | "customerTag" | "owner" | "department" | "product" | "channel" | "currency" | "kind")[];
                        measures: ("issued" | "received" | "refunded" | "netReceived" | "outstanding" | "overdue" | "count" | "avgDaysToPay")[];
                        /** @description first business date, inclusive */
                        from: string;
                        /** @description last business date, inclusive; at most 3700 days after from */
                        to: string;
                        /** @description ISO 4217 code */
                        currency?: string;
                        filters?: {
                            customerIds?: string[];
                            ownerIds?: string[];
                            departmentIds?: string[];
                            productIds?: string[];
                            channels?: string[];
                            currencies?: string[];
                            kinds?: string[];
                            customerTags?: string[];
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/aging/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Export the aging report as CSV, XLSX or PDF: the query of GET /reports/aging plus format and lang (needs data.export on top of the report's own permission; audited (export.created); PDF at most 10000 rows) */
        get: {
            parameters: {
                query: {
                    /** @description csv (UTF-8 with BOM, formula-safe), xlsx (typed cells), pdf (at most 10000 rows) */
                    format: "csv" | "xlsx" | "pdf";
                    /** @description language of the column titles (default zh) */
                    lang?: "zh" | "en";
                    /** @description ISO 4217 code */
                    currency?: string;
                    /** @description upper bounds in days, comma-separated (default 30,60,90) */
                    buckets?: string;
                    basis?: "due" | "order";
                    groupBy?: "customer" | "owner" | "department" | "none";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/collection/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Export the collection report as CSV, XLSX or PDF: the query of GET /reports/collection plus format and lang (needs data.export on top of the report's own permission; audited (export.created); PDF at most 10000 rows) */
        get: {
            parameters: {
                query: {
                    /** @description csv (UTF-8 with BOM, formula-safe), xlsx (typed cells), pdf (at most 10000 rows) */
                    format: "csv" | "xlsx" | "pdf";
                    /** @description language of the column titles (default zh) */
                    lang?: "zh" | "en";
                    /** @description a day of the first month (default: 11 months before `to`) */
                    from?: string;
                    /** @description a day of the last month (default: this month) */
                    to?: string;
                    /** @description ISO 4217 code */
                    currency?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/forecast/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Export the forecast report as CSV, XLSX or PDF: the query of GET /reports/forecast plus format and lang (needs data.export on top of the report's own permission; audited (export.created); PDF at most 10000 rows) */
        get: {
            parameters: {
                query: {
                    /** @description csv (UTF-8 with BOM, formula-safe), xlsx (typed cells), pdf (at most 10000 rows) */
                    format: "csv" | "xlsx" | "pdf";
                    /** @description language of the column titles (default zh) */
                    lang?: "zh" | "en";
                    /** @description ISO 4217 code */
                    currency?: string;
                    /** @description the past day the backtest forecasts from (default 13 weeks ago) */
                    backtestAsOf?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/refunds/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Export the refunds report as CSV, XLSX or PDF: the query of GET /reports/refunds plus format and lang (needs data.export on top of the report's own permission; audited (export.created); PDF at most 10000 rows) */
        get: {
            parameters: {
                query: {
                    /** @description csv (UTF-8 with BOM, formula-safe), xlsx (typed cells), pdf (at most 10000 rows) */
                    format: "csv" | "xlsx" | "pdf";
                    /** @description language of the column titles (default zh) */
                    lang?: "zh" | "en";
                    /** @description first business date, inclusive (default: the first day of the month 11 months before `to`) */
                    from?: string;
                    /** @description last business date, inclusive (default: today); at most 3700 days after from */
                    to?: string;
                    /** @description ISO 4217 code */
                    currency?: string;
                    groupBy?: "reason" | "channel" | "customer";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/unallocated/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Export the unallocated report as CSV, XLSX or PDF: the query of GET /reports/unallocated plus format and lang (needs data.export on top of the report's own permission; audited (export.created); PDF at most 10000 rows) */
        get: {
            parameters: {
                query: {
                    /** @description csv (UTF-8 with BOM, formula-safe), xlsx (typed cells), pdf (at most 10000 rows) */
                    format: "csv" | "xlsx" | "pdf";
                    /** @description language of the column titles (default zh) */
                    lang?: "zh" | "en";
                    /** @description ISO 4217 code */
                    currency?: string;
                    /** @description only receipts at least this many days old (default 0) */
                    minAgeDays?: number;
                    customerId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/reconciliation/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Export the reconciliation report as CSV, XLSX or PDF: the query of GET /reports/reconciliation plus format and lang (needs data.export on top of the report's own permission; audited (export.created); PDF at most 10000 rows) */
        get: {
            parameters: {
                query: {
                    /** @description csv (UTF-8 with BOM, formula-safe), xlsx (typed cells), pdf (at most 10000 rows) */
                    format: "csv" | "xlsx" | "pdf";
                    /** @description language of the column titles (default zh) */
                    lang?: "zh" | "en";
                    /** @description first business date, inclusive (default: the first day of the month 11 months before `to`) */
                    from?: string;
                    /** @description last business date, inclusive (default: today); at most 3700 days after from */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/report-templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Report templates you may use: built-ins first, then your own and those shared with your role */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                name: string;
                                description: string;
                                /** @enum {unknown} */
                                kind: "pivot" | "aging" | "collection" | "forecast" | "refunds" | "unallocated" | "reconciliation";
                                definition: {
                                    /** @description the report's own request without from/to: the pivot body, or the query of GET /reports/<kind> */
                                    params: {
                                        [key: string]: unknown;
                                    };
                                    /** @description a preset resolved against the day the template runs (tenant time zone), or fixed dates; only for pivot, collection, refunds and reconciliation */
                                    range?: {
                                        /** @enum {unknown} */
                                        preset: "last_7_days" | "last_30_days" | "this_month" | "last_month" | "this_quarter" | "last_quarter" | "this_year" | "last_12_months";
                                    } | {
                                        /** @description YYYY-MM-DD */
                                        from: string;
                                        to: string;
                                    };
                                };
                                /** @enum {unknown} */
                                chart: "table" | "bar" | "line" | "pie" | "heatmap";
                                /** @description built-ins are read-only: copy one to change it */
                                builtIn: boolean;
                                ownerUserId: string | null;
                                ownerName: string | null;
                                sharedWithRoles: string[];
                                schedule: {
                                    /** @enum {unknown} */
                                    frequency: "daily" | "weekly" | "monthly";
                                    /** @description hour of day in the tenant time zone */
                                    hour: number;
                                    /** @description 1 Monday … 7 Sunday; weekly only */
                                    weekday?: number;
                                    /** @description monthly only */
                                    dayOfMonth?: number;
                                    /** @enum {unknown} */
                                    format: "xlsx" | "csv" | "pdf";
                                    /** @description each gets the report run as themselves (their data scope); anyone but yourself needs reports.manage */
                                    recipients: {
                                        userIds: string[];
                                        roles: string[];
                                    };
                                    /** @description also send report.delivered to the tenant's webhook subscribers (needs reports.manage) */
                                    webhook: boolean;
                                    enabled: boolean;
                                    nextRunAt?: string | null;
                                    lastRun?: {
                                        /** Format: date-time */
                                        at: string;
                                        /** @enum {unknown} */
                                        outcome: "done" | "failed";
                                        detail: string | null;
                                    } | null;
                                } | null;
                                canEdit: boolean;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Save a report template (needs receipts.view; sharing with roles needs reports.manage; audited) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        description?: string;
                        /** @enum {unknown} */
                        kind: "pivot" | "aging" | "collection" | "forecast" | "refunds" | "unallocated" | "reconciliation";
                        definition: {
                            /** @description the report's own request without from/to: the pivot body, or the query of GET /reports/<kind> */
                            params: {
                                [key: string]: unknown;
                            };
                            /** @description a preset resolved against the day the template runs (tenant time zone), or fixed dates; only for pivot, collection, refunds and reconciliation */
                            range?: {
                                /** @enum {unknown} */
                                preset: "last_7_days" | "last_30_days" | "this_month" | "last_month" | "this_quarter" | "last_quarter" | "this_year" | "last_12_months";
                            } | {
                                /** @description YYYY-MM-DD */
                                from: string;
                                to: string;
                            };
                        };
                        /** @enum {unknown} */
                        chart: "table" | "bar" | "line" | "pie" | "heatmap";
                        /** @description role codes; sharing needs reports.manage */
                        sharedWithRoles?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            description: string;
                            /** @enum {unknown} */
                            kind: "pivot" | "aging" | "collection" | "forecast" | "refunds" | "unallocated" | "reconciliation";
                            definition: {
                                /** @description the report's own request without from/to: the pivot body, or the query of GET /reports/<kind> */
                                params: {
                                    [key: string]: unknown;
                                };
                                /** @description a preset resolved against the day the template runs (tenant time zone), or fixed dates; only for pivot, collection, refunds and reconciliation */
                                range?: {
                                    /** @enum {unknown} */
                                    preset: "last_7_days" | "last_30_days" | "this_month" | "last_month" | "this_quarter" | "last_quarter" | "this_year" | "last_12_months";
                                } | {
                                    /** @description YYYY-MM-DD */
                                    from: string;
                                    to: string;
                                };
                            };
                            /** @enum {unknown} */
                            chart: "table" | "bar" | "line" | "pie" | "heatmap";
                            /** @description built-ins are read-only: copy one to change it */
                            builtIn: boolean;
                            ownerUserId: string | null;
                            ownerName: string | null;
                            sharedWithRoles: string[];
                            schedule: {
                                /** @enum {unknown} */
                                frequency: "daily" | "weekly" | "monthly";
                                /** @description hour of day in the tenant time zone */
                                hour: number;
                                /** @description 1 Monday … 7 Sunday; weekly only */
                                weekday?: number;
                                /** @description monthly only */
                                dayOfMonth?: number;
                                /** @enum {unknown} */
                                format: "xlsx" | "csv" | "pdf";
                                /** @description each gets the report run as themselves (their data scope); anyone but yourself needs reports.manage */
                                recipients: {
                                    userIds: string[];
                                    roles: string[];
                                };
                                /** @description also send report.delivered to the tenant's webhook subscribers (needs reports.manage) */
                                webhook: boolean;
                                enabled: boolean;
                                nextRunAt?: string | null;
                                lastRun?: {
                                    /** Format: date-time */
                                    at: string;
                                    /** @enum {unknown} */
                                    outcome: "done" | "failed";
                                    detail: string | null;
                                } | null;
                            } | null;
                            canEdit: boolean;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/report-templates/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One report template (a built-in one too) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            description: string;
                            /** @enum {unknown} */
                            kind: "pivot" | "aging" | "collection" | "forecast" | "refunds" | "unallocated" | "reconciliation";
                            definition: {
                                /** @description the report's own request without from/to: the pivot body, or the query of GET /reports/<kind> */
                                params: {
                                    [key: string]: unknown;
                                };
                                /** @description a preset resolved against the day the template runs (tenant time zone), or fixed dates; only for pivot, collection, refunds and reconciliation */
                                range?: {
                                    /** @enum {unknown} */
                                    preset: "last_7_days" | "last_30_days" | "this_month" | "last_month" | "this_quarter" | "last_quarter" | "this_year" | "last_12_months";
                                } | {
                                    /** @description YYYY-MM-DD */
                                    from: string;
                                    to: string;
                                };
                            };
                            /** @enum {unknown} */
                            chart: "table" | "bar" | "line" | "pie" | "heatmap";
                            /** @description built-ins are read-only: copy one to change it */
                            builtIn: boolean;
                            ownerUserId: string | null;
                            ownerName: string | null;
                            sharedWithRoles: string[];
                            schedule: {
                                /** @enum {unknown} */
                                frequency: "daily" | "weekly" | "monthly";
                                /** @description hour of day in the tenant time zone */
                                hour: number;
                                /** @description 1 Monday … 7 Sunday; weekly only */
                                weekday?: number;
                                /** @description monthly only */
                                dayOfMonth?: number;
                                /** @enum {unknown} */
                                format: "xlsx" | "csv" | "pdf";
                                /** @description each gets the report run as themselves (their data scope); anyone but yourself needs reports.manage */
                                recipients: {
                                    userIds: string[];
                                    roles: string[];
                                };
                                /** @description also send report.delivered to the tenant's webhook subscribers (needs reports.manage) */
                                webhook: boolean;
                                enabled: boolean;
                                nextRunAt?: string | null;
                                lastRun?: {
                                    /** Format: date-time */
                                    at: string;
                                    /** @enum {unknown} */
                                    outcome: "done" | "failed";
                                    detail: string | null;
                                } | null;
                            } | null;
                            canEdit: boolean;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete your template and its schedule (audited); delivered files stay with their recipients */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Change your template (name, description, definition, chart, sharing); built-ins are read-only (audited) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        description?: string;
                        /** @enum {unknown} */
                        kind?: "pivot" | "aging" | "collection" | "forecast" | "refunds" | "unallocated" | "reconciliation";
                        definition?: {
                            /** @description the report's own request without from/to: the pivot body, or the query of GET /reports/<kind> */
                            params: {
                                [key: string]: unknown;
                            };
                            /** @description a preset resolved against the day the template runs (tenant time zone), or fixed dates; only for pivot, collection, refunds and reconciliation */
                            range?: {
                                /** @enum {unknown} */
                                preset: "last_7_days" | "last_30_days" | "this_month" | "last_month" | "this_quarter" | "last_quarter" | "this_year" | "last_12_months";
                            } | {
                                /** @description YYYY-MM-DD */
                                from: string;
                                to: string;
                            };
                        };
                        /** @enum {unknown} */
                        chart?: "table" | "bar" | "line" | "pie" | "heatmap";
                        /** @description role codes; sharing needs reports.manage */
                        sharedWithRoles?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            description: string;
                            /** @enum {unknown} */
                            kind: "pivot" | "aging" | "collection" | "forecast" | "refunds" | "unallocated" | "reconciliation";
                            definition: {
                                /** @description the report's own request without from/to: the pivot body, or the query of GET /reports/<kind> */
                                params: {
                                    [key: string]: unknown;
                                };
                                /** @description a preset resolved against the day the template runs (tenant time zone), or fixed dates; only for pivot, collection, refunds and reconciliation */
                                range?: {
                                    /** @enum {unknown} */
                                    preset: "last_7_days" | "last_30_days" | "this_month" | "last_month" | "this_quarter" | "last_quarter" | "this_year" | "last_12_months";
                                } | {
                                    /** @description YYYY-MM-DD */
                                    from: string;
                                    to: string;
                                };
                            };
                            /** @enum {unknown} */
                            chart: "table" | "bar" | "line" | "pie" | "heatmap";
                            /** @description built-ins are read-only: copy one to change it */
                            builtIn: boolean;
                            ownerUserId: string | null;
                            ownerName: string | null;
                            sharedWithRoles: string[];
                            schedule: {
                                /** @enum {unknown} */
                                frequency: "daily" | "weekly" | "monthly";
                                /** @description hour of day in the tenant time zone */
                                hour: number;
                                /** @description 1 Monday … 7 Sunday; weekly only */
                                weekday?: number;
                                /** @description monthly only */
                                dayOfMonth?: number;
                                /** @enum {unknown} */
                                format: "xlsx" | "csv" | "pdf";
                                /** @description each gets the report run as themselves (their data scope); anyone but yourself needs reports.manage */
                                recipients: {
                                    userIds: string[];
                                    roles: string[];
                                };
                                /** @description also send report.delivered to the tenant's webhook subscribers (needs reports.manage) */
                                webhook: boolean;
                                enabled: boolean;
                                nextRunAt?: string | null;
                                lastRun?: {
                                    /** Format: date-time */
                                    at: string;
                                    /** @enum {unknown} */
                                    outcome: "done" | "failed";
                                    detail: string | null;
                                } | null;
                            } | null;
                            canEdit: boolean;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/report-templates/{id}/run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run a template now, as you (your permissions and data scope), its range resolved to today: the same result as the report's own endpoint */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            template: {
                                id: string;
                                name: string;
                                description: string;
                                /** @enum {unknown} */
                                kind: "pivot" | "aging" | "collection" | "forecast" | "refunds" | "unallocated" | "reconciliation";
                                definition: {
                                    /** @description the report's own request without from/to: the pivot body, or the query of GET /reports/<kind> */
                                    params: {
                                        [key: string]: unknown;
                                    };
                                    /** @description a preset resolved against the day the template runs (tenant time zone), or fixed dates; only for pivot, collection, refunds and reconciliation */
                                    range?: {
                                        /** @enum {unknown} */
                                        preset: "last_7_days" | "last_30_days" | "this_month" | "last_month" | "this_quarter" | "last_quarter" | "this_year" | "last_12_months";
                                    } | {
                                        /** @description YYYY-MM-DD */
                                        from: string;
                                        to: string;
                                    };
                                };
                                /** @enum {unknown} */
                                chart: "table" | "bar" | "line" | "pie" | "heatmap";
                                /** @description built-ins are read-only: copy one to change it */
                                builtIn: boolean;
                                ownerUserId: string | null;
                                ownerName: string | null;
                                sharedWithRoles: string[];
                                schedule: {
                                    /** @enum {unknown} */
                                    frequency: "daily" | "weekly" | "monthly";
                                    /** @description hour of day in the tenant time zone */
                                    hour: number;
                                    /** @description 1 Monday … 7 Sunday; weekly only */
                                    weekday?: number;
                                    /** @description monthly only */
                                    dayOfMonth?: number;
                                    /** @enum {unknown} */
                                    format: "xlsx" | "csv" | "pdf";
                                    /** @description each gets the report run as themselves (their data scope); anyone but yourself needs reports.manage */
                                    recipients: {
                                        userIds: string[];
                                        roles: string[];
                                    };
                                    /** @description also send report.delivered to the tenant's webhook subscribers (needs reports.manage) */
                                    webhook: boolean;
                                    enabled: boolean;
                                    nextRunAt?: string | null;
                                    lastRun?: {
                                        /** Format: date-time */
                                        at: string;
                                        /** @enum {unknown} */
                                        outcome: "done" | "failed";
                                        detail: string | null;
                                    } | null;
                                } | null;
                                canEdit: boolean;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                            };
                            /** @description the result of the template kind's own report endpoint (POST /reports/pivot, GET /reports/<kind>) */
                            result: {
                                currency: string;
                                from: string;
                                to: string;
                                /** @description rates to `currency` used (latest on or before `to`) */
                                rates: {
                                    currency: string;
                                    rate: string;
                                }[];
                                dimensions: string[];
                                measures: string[];
                                rows: {
                                    keys: {
                                        [key: string]: string;
                                    };
                                    labels: {
                                        [key: string]: string;
                                    };
                                    values: {
                                        [key: string]: string;
                                    };
                                    /** @description query parameters of GET /api/v1/receipts listing the receipts behind the row */
                                    drill: {
                                        [key: string]: string;
                                    };
                                }[];
                                totals: {
                                    [key: string]: string;
                                };
                            } | {
                                currency: string;
                                /** Format: date */
                                asOf: string;
                                /** @enum {unknown} */
                                basis: "due" | "order";
                                /** @enum {unknown} */
                                groupBy: "customer" | "owner" | "department" | "none";
                                /** @description not_due, then one label per bucket (1-30, 31-60, …, 90+) */
                                buckets: string[];
                                rows: {
                                    key: string | null;
                                    label: string;
                                    amounts: string[];
                                    total: string;
                                }[];
                                totals: {
                                    amounts: string[];
                                    total: string;
                                };
                            } | {
                                currency: string;
                                from: string;
                                to: string;
                                method: string;
                                periods: {
                                    month: string;
                                    due: string;
                                    received: string;
                                    collectionRate: string | null;
                                    planCompletion: string | null;
                                    onTimeRate: string | null;
                                    openingReceivable: string;
                                    issued: string;
                                    closingReceivable: string;
                                    closingCurrent: string;
                                    dso: string | null;
                                    cei: string | null;
                                }[];
                            } | {
                                currency: string;
                                /** Format: date */
                                asOf: string;
                                method: string;
                                weeks: {
                                    /** Format: date */
                                    from: string;
                                    /** Format: date */
                                    to: string;
                                    expected: string;
                                }[];
                                /** @description open amounts expected after the 13 weeks, or later than any past payment came */
                                beyond: string;
                                open: string;
                                customersOwnHistory: number;
                                customersTenantHistory: number;
                                backtest: {
                                    /** Format: date */
                                    asOf: string;
                                    weeks: {
                                        /** Format: date */
                                        from: string;
                                        /** Format: date */
                                        to: string;
                                        expected: string;
                                        actual: string;
                                    }[];
                                    /** @description Σ|expected − actual| ÷ Σ actual; null when nothing arrived */
                                    wape: string | null;
                                };
                            } | {
                                currency: string;
                                /** Format: date */
                                from: string;
                                /** Format: date */
                                to: string;
                                groupBy: "reason" | "channel" | "customer";
                                rows: {
                                    key: string | null;
                                    label: string;
                                    /** @description refunds paid in the range (by paid date) */
                                    paidCount: number;
                                    paid: string;
                                    /** @description requested or approved in the range, not paid (yet) */
                                    pendingCount: number;
                                    pending: string;
                                    /** @description paid ÷ received from the same group in the range (per reason: all received), 4 places; null when nothing was received */
                                    refundRate: string | null;
                                }[];
                                totals: {
                                    /** @description refunds paid in the range (by paid date) */
                                    paidCount: number;
                                    paid: string;
                                    /** @description requested or approved in the range, not paid (yet) */
                                    pendingCount: number;
                                    pending: string;
                                    /** @description paid ÷ received from the same group in the range (per reason: all received), 4 places; null when nothing was received */
                                    refundRate: string | null;
                                };
                            } | {
                                currency: string;
                                /** Format: date */
                                asOf: string;
                                rows: {
                                    receiptId: string;
                                    receiptNumber: string;
                                    customerId: string;
                                    customerName: string;
                                    /** Format: date */
                                    receivedOn: string;
                                    ageDays: number;
                                    receiptCurrency: string;
                                    amount: string;
                                    /** @description amount − allocated − refunded, in the receipt’s currency */
                                    unallocated: string;
                                    /** @description unallocated in the report currency */
                                    unallocatedBase: string;
                                }[];
                                /** @description more receipts qualify than the 1000 listed; totals cover all of them */
                                truncated: boolean;
                                totals: {
                                    count: number;
                                    unallocatedBase: string;
                                };
                            } | {
                                /** Format: date */
                                from: string;
                                /** Format: date */
                                to: string;
                                statements: {
                                    statementId: string;
                                    account: string;
                                    currency: string;
                                    periodFrom: string | null;
                                    periodTo: string | null;
                                    importedAt: string;
                                    lines: number;
                                    matched: number;
                                    ignored: number;
                                    unmatched: number;
                                    /** @description credits on unmatched lines, in the statement’s currency */
                                    unmatchedAmount: string;
                                    /** @description opening + lines = closing over the whole file; null when it carried no balances */
                                    balanced: boolean | null;
                                }[];
                                totals: {
                                    statements: number;
                                    lines: number;
                                    matched: number;
                                    ignored: number;
                                    unmatched: number;
                                };
                                /** @description confirmed bank-transfer receipts received in the range that no statement line claims, in the base currency */
                                receiptsWithoutLine: {
                                    count: number;
                                    amountBase: string;
                                };
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/report-templates/{id}/schedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Schedule your template daily, weekly or monthly to people (each sees their own scope), roles and webhooks (audited) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {unknown} */
                        frequency: "daily" | "weekly" | "monthly";
                        /** @description hour of day in the tenant time zone */
                        hour: number;
                        /** @description 1 Monday … 7 Sunday; weekly only */
                        weekday?: number;
                        /** @description monthly only */
                        dayOfMonth?: number;
                        /** @enum {unknown} */
                        format: "xlsx" | "csv" | "pdf";
                        /** @description each gets the report run as themselves (their data scope); anyone but yourself needs reports.manage */
                        recipients: {
                            userIds: string[];
                            roles: string[];
                        };
                        /** @description also send report.delivered to the tenant's webhook subscribers (needs reports.manage) */
                        webhook: boolean;
                        enabled: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            description: string;
                            /** @enum {unknown} */
                            kind: "pivot" | "aging" | "collection" | "forecast" | "refunds" | "unallocated" | "reconciliation";
                            definition: {
                                /** @description the report's own request without from/to: the pivot body, or the query of GET /reports/<kind> */
                                params: {
                                    [key: string]: unknown;
                                };
                                /** @description a preset resolved against the day the template runs (tenant time zone), or fixed dates; only for pivot, collection, refunds and reconciliation */
                                range?: {
                                    /** @enum {unknown} */
                                    preset: "last_7_days" | "last_30_days" | "this_month" | "last_month" | "this_quarter" | "last_quarter" | "this_year" | "last_12_months";
                                } | {
                                    /** @description YYYY-MM-DD */
                                    from: string;
                                    to: string;
                                };
                            };
                            /** @enum {unknown} */
                            chart: "table" | "bar" | "line" | "pie" | "heatmap";
                            /** @description built-ins are read-only: copy one to change it */
                            builtIn: boolean;
                            ownerUserId: string | null;
                            ownerName: string | null;
                            sharedWithRoles: string[];
                            schedule: {
                                /** @enum {unknown} */
                                frequency: "daily" | "weekly" | "monthly";
                                /** @description hour of day in the tenant time zone */
                                hour: number;
                                /** @description 1 Monday … 7 Sunday; weekly only */
                                weekday?: number;
                                /** @description monthly only */
                                dayOfMonth?: number;
                                /** @enum {unknown} */
                                format: "xlsx" | "csv" | "pdf";
                                /** @description each gets the report run as themselves (their data scope); anyone but yourself needs reports.manage */
                                recipients: {
                                    userIds: string[];
                                    roles: string[];
                                };
                                /** @description also send report.delivered to the tenant's webhook subscribers (needs reports.manage) */
                                webhook: boolean;
                                enabled: boolean;
                                nextRunAt?: string | null;
                                lastRun?: {
                                    /** Format: date-time */
                                    at: string;
                                    /** @enum {unknown} */
                                    outcome: "done" | "failed";
                                    detail: string | null;
                                } | null;
                            } | null;
                            canEdit: boolean;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Stop delivering your template (audited) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            description: string;
                            /** @enum {unknown} */
                            kind: "pivot" | "aging" | "collection" | "forecast" | "refunds" | "unallocated" | "reconciliation";
                            definition: {
                                /** @description the report's own request without from/to: the pivot body, or the query of GET /reports/<kind> */
                                params: {
                                    [key: string]: unknown;
                                };
                                /** @description a preset resolved against the day the template runs (tenant time zone), or fixed dates; only for pivot, collection, refunds and reconciliation */
                                range?: {
                                    /** @enum {unknown} */
                                    preset: "last_7_days" | "last_30_days" | "this_month" | "last_month" | "this_quarter" | "last_quarter" | "this_year" | "last_12_months";
                                } | {
                                    /** @description YYYY-MM-DD */
                                    from: string;
                                    to: string;
                                };
                            };
                            /** @enum {unknown} */
                            chart: "table" | "bar" | "line" | "pie" | "heatmap";
                            /** @description built-ins are read-only: copy one to change it */
                            builtIn: boolean;
                            ownerUserId: string | null;
                            ownerName: string | null;
                            sharedWithRoles: string[];
                            schedule: {
                                /** @enum {unknown} */
                                frequency: "daily" | "weekly" | "monthly";
                                /** @description hour of day in the tenant time zone */
                                hour: number;
                                /** @description 1 Monday … 7 Sunday; weekly only */
                                weekday?: number;
                                /** @description monthly only */
                                dayOfMonth?: number;
                                /** @enum {unknown} */
                                format: "xlsx" | "csv" | "pdf";
                                /** @description each gets the report run as themselves (their data scope); anyone but yourself needs reports.manage */
                                recipients: {
                                    userIds: string[];
                                    roles: string[];
                                };
                                /** @description also send report.delivered to the tenant's webhook subscribers (needs reports.manage) */
                                webhook: boolean;
                                enabled: boolean;
                                nextRunAt?: string | null;
                                lastRun?: {
                                    /** Format: date-time */
                                    at: string;
                                    /** @enum {unknown} */
                                    outcome: "done" | "failed";
                                    detail: string | null;
                                } | null;
                            } | null;
                            canEdit: boolean;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/report-deliveries/{id}/file": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A scheduled report's file, for its recipient only */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
