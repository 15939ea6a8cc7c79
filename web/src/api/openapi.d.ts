/**
 * GENERATED FILE: do not edit. Made by `npm run api:types` (scripts/api-types.ts) with openapi-typescript from the
 * server's whole OpenAPI document. To change a type, change the route's TypeBox schema in src/adapters/http/routes
 * and run `npm run api:types` again; test/api-types.test.ts fails while this file is stale.
 */
export interface paths {
    "/api/v1/adjustments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List credit notes and write-offs of the customers you may see, newest first */
        get: {
            parameters: {
                query?: {
                    kind?: "credit_note" | "write_off";
                    status?: "requested" | "approved" | "rejected" | "cancelled";
                    customer?: string;
                    owner?: string;
                    /** @description this department and its sub-departments */
                    department?: string;
                    order?: string;
                    /** @description credit_note: order_cancelled, order_reduced, price_adjustment, other; write_off: small_difference, bad_debt, other */
                    reasonCode?: "order_cancelled" | "order_reduced" | "price_adjustment" | "other" | "small_difference" | "bad_debt";
                    /** @description YYYY-MM-DD in the tenant’s time zone */
                    from?: string;
                    /** @description YYYY-MM-DD in the tenant’s time zone */
                    to?: string;
                    /** @description ISO 4217 code */
                    currency?: string;
                    /** @description decimal string in major units of the currency, e.g. "1234.56"; never a JSON number */
                    minAmount?: string;
                    /** @description decimal string in major units of the currency, e.g. "1234.56"; never a JSON number */
                    maxAmount?: string;
                    sort?: "newest" | "oldest";
                    cursor?: string;
                    limit?: number;
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
                            items: {
                                /** Format: uuid */
                                id: string;
                                /** @description CN-YYYY-nnnnnn or WO-YYYY-nnnnnn */
                                number: string;
                                /** @enum {unknown} */
                                kind: "credit_note" | "write_off";
                                /** Format: uuid */
                                orderId: string;
                                orderNumber: string;
                                /** @enum {unknown} */
                                orderStatus: "draft" | "confirmed" | "completed" | "cancelled";
                                /** Format: uuid */
                                customerId: string;
                                customerCode: string;
                                customerName: string;
                                currency: string;
                                /** @description decimal string in major units of the order’s currency */
                                amount: string;
                                reasonCode: string;
                                reasonText: string;
                                /** @enum {unknown} */
                                status: "requested" | "approved" | "rejected" | "cancelled";
                                requestedBy: string | null;
                                /** Format: date-time */
                                requestedAt: string;
                                approvedBy: string | null;
                                approvedAt: string | null;
                                closedBy: string | null;
                                closedAt: string | null;
                                closeReason: string | null;
                                entryId: string | null;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Request a credit note (orders.manage) or a write-off (receivables.write_off) on a confirmed order */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description required: one effect per key; a repeat returns the first answer with Idempotent-Replayed: true */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {unknown} */
                        kind: "credit_note" | "write_off";
                        /** Format: uuid */
                        orderId: string;
                        /** @description decimal string in major units of the currency, e.g. "1234.56"; never a JSON number */
                        amount: string;
                        /**
                         * @description credit_note: order_cancelled, order_reduced, price_adjustment, other; write_off: small_difference, bad_debt, other
                         * @enum {unknown}
                         */
                        reasonCode: "order_cancelled" | "order_reduced" | "price_adjustment" | "other" | "small_difference" | "bad_debt";
                        reasonText?: string;
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
                            /** Format: uuid */
                            id: string;
                            /** @description CN-YYYY-nnnnnn or WO-YYYY-nnnnnn */
                            number: string;
                            /** @enum {unknown} */
                            kind: "credit_note" | "write_off";
                            /** Format: uuid */
                            orderId: string;
                            orderNumber: string;
                            /** @enum {unknown} */
                            orderStatus: "draft" | "confirmed" | "completed" | "cancelled";
                            /** Format: uuid */
                            customerId: string;
                            customerCode: string;
                            customerName: string;
                            currency: string;
                            /** @description decimal string in major units of the order’s currency */
                            amount: string;
                            reasonCode: string;
                            reasonText: string;
                            /** @enum {unknown} */
                            status: "requested" | "approved" | "rejected" | "cancelled";
                            requestedBy: string | null;
                            /** Format: date-time */
                            requestedAt: string;
                            approvedBy: string | null;
                            approvedAt: string | null;
                            closedBy: string | null;
                            closedAt: string | null;
                            closeReason: string | null;
                            entryId: string | null;
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
    "/api/v1/adjustments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One credit note or write-off */
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
                            /** Format: uuid */
                            id: string;
                            /** @description CN-YYYY-nnnnnn or WO-YYYY-nnnnnn */
                            number: string;
                            /** @enum {unknown} */
                            kind: "credit_note" | "write_off";
                            /** Format: uuid */
                            orderId: string;
                            orderNumber: string;
                            /** @enum {unknown} */
                            orderStatus: "draft" | "confirmed" | "completed" | "cancelled";
                            /** Format: uuid */
                            customerId: string;
                            customerCode: string;
                            customerName: string;
                            currency: string;
                            /** @description decimal string in major units of the order’s currency */
                            amount: string;
                            reasonCode: string;
                            reasonText: string;
                            /** @enum {unknown} */
                            status: "requested" | "approved" | "rejected" | "cancelled";
                            requestedBy: string | null;
                            /** Format: date-time */
                            requestedAt: string;
                            approvedBy: string | null;
                            approvedAt: string | null;
                            closedBy: string | null;
                            closedAt: string | null;
                            closeReason: string | null;
                            entryId: string | null;
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
    "/api/v1/adjustments/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve (receivables.write_off; not the requester): reduces or settles the order and posts */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description required: one effect per key; a repeat returns the first answer with Idempotent-Replayed: true */
                    "idempotency-key"?: string;
                };
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
                            /** Format: uuid */
                            id: string;
                            /** @description CN-YYYY-nnnnnn or WO-YYYY-nnnnnn */
                            number: string;
                            /** @enum {unknown} */
                            kind: "credit_note" | "write_off";
                            /** Format: uuid */
                            orderId: string;
                            orderNumber: string;
                            /** @enum {unknown} */
                            orderStatus: "draft" | "confirmed" | "completed" | "cancelled";
                            /** Format: uuid */
                            customerId: string;
                            customerCode: string;
                            customerName: string;
                            currency: string;
                            /** @description decimal string in major units of the order’s currency */
                            amount: string;
                            reasonCode: string;
                            reasonText: string;
                            /** @enum {unknown} */
                            status: "requested" | "approved" | "rejected" | "cancelled";
                            requestedBy: string | null;
                            /** Format: date-time */
                            requestedAt: string;
                            approvedBy: string | null;
                            approvedAt: string | null;
                            closedBy: string | null;
                            closedAt: string | null;
                            closeReason: string | null;
                            entryId: string | null;
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
    "/api/v1/adjustments/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reject a requested credit note or write-off, with a reason */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description required: one effect per key; a repeat returns the first answer with Idempotent-Replayed: true */
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
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
                            /** Format: uuid */
                            id: string;
                            /** @description CN-YYYY-nnnnnn or WO-YYYY-nnnnnn */
                            number: string;
                            /** @enum {unknown} */
                            kind: "credit_note" | "write_off";
                            /** Format: uuid */
                            orderId: string;
                            orderNumber: string;
                            /** @enum {unknown} */
                            orderStatus: "draft" | "confirmed" | "completed" | "cancelled";
                            /** Format: uuid */
                            customerId: string;
                            customerCode: string;
                            customerName: string;
                            currency: string;
                            /** @description decimal string in major units of the order’s currency */
                            amount: string;
                            reasonCode: string;
                            reasonText: string;
                            /** @enum {unknown} */
                            status: "requested" | "approved" | "rejected" | "cancelled";
                            requestedBy: string | null;
                            /** Format: date-time */
                            requestedAt: string;
                            approvedBy: string | null;
                            approvedAt: string | null;
                            closedBy: string | null;
                            closedAt: string | null;
                            closeReason: string | null;
                            entryId: string | null;
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
    "/api/v1/adjustments/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a requested credit note or write-off, with a reason */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description required: one effect per key; a repeat returns the first answer with Idempotent-Replayed: true */
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
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
                            /** Format: uuid */
                            id: string;
                            /** @description CN-YYYY-nnnnnn or WO-YYYY-nnnnnn */
                            number: string;
                            /** @enum {unknown} */
                            kind: "credit_note" | "write_off";
                            /** Format: uuid */
                            orderId: string;
                            orderNumber: string;
                            /** @enum {unknown} */
                            orderStatus: "draft" | "confirmed" | "completed" | "cancelled";
                            /** Format: uuid */
                            customerId: string;
                            customerCode: string;
                            customerName: string;
                            currency: string;
                            /** @description decimal string in major units of the order’s currency */
                            amount: string;
                            reasonCode: string;
                            reasonText: string;
                            /** @enum {unknown} */
                            status: "requested" | "approved" | "rejected" | "cancelled";
                            requestedBy: string | null;
                            /** Format: date-time */
                            requestedAt: string;
                            approvedBy: string | null;
                            approvedAt: string | null;
                            closedBy: string | null;
                            closedAt: string | null;
                            closeReason: string | null;
                            entryId: string | null;
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
    "/api/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's API keys, newest first (never their secrets) */
        get: {
            parameters: {
                query?: {
                    status?: "active" | "revoked";
                    cursor?: string;
                    limit?: number;
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
                            items: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                                permissions: string[];
                                /** @enum {unknown} */
                                dataScope: "own" | "department" | "all";
                                /** Format: uuid */
                                createdBy: string;
                                createdByLogin: string;
                                /** Format: date-time */
                                createdAt: string;
                                lastUsedAt: string | null;
                                revokedAt: string | null;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Create an API key; the key is in this answer only
         * @description Use it as "Authorization: Bearer <key>". A key gets no permission or data scope beyond its creator's, and loses any its creator later loses.
         */
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
                        permissions: ("customers.view" | "customers.manage" | "orders.view" | "orders.manage" | "receipts.view" | "receipts.create" | "receipts.confirm" | "refunds.request" | "refunds.approve" | "records.void" | "receivables.write_off" | "ledger.view" | "ledger.post" | "data.export" | "sensitive.view" | "users.manage" | "settings.manage" | "audit.view" | "periods.close" | "periods.reopen" | "api_keys.manage" | "integrations.manage" | "reconciliation.manage" | "data.import" | "alerts.view" | "alerts.handle" | "alerts.manage" | "reports.manage")[];
                        /** @enum {unknown} */
                        dataScope: "own" | "department" | "all";
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
                            /** Format: uuid */
                            id: string;
                            /** @description kx_… — store it now; it cannot be shown again */
                            key: string;
                            apiKey: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                                permissions: string[];
                                /** @enum {unknown} */
                                dataScope: "own" | "department" | "all";
                                /** Format: uuid */
                                createdBy: string;
                                createdByLogin: string;
                                /** Format: date-time */
                                createdAt: string;
                                lastUsedAt: string | null;
                                revokedAt: string | null;
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
    "/api/v1/api-keys/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke an API key: the next request with it is refused */
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
                            /** Format: uuid */
                            id: string;
                            name: string;
                            permissions: string[];
                            /** @enum {unknown} */
                            dataScope: "own" | "department" | "all";
                            /** Format: uuid */
                            createdBy: string;
                            createdByLogin: string;
                            /** Format: date-time */
                            createdAt: string;
                            lastUsedAt: string | null;
                            revokedAt: string | null;
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
    "/api/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Audit records, newest first */
        get: {
            parameters: {
                query?: {
                    /** @description the acting user or API key */
                    actor?: string;
                    action?: string;
                    entityType?: string;
                    entityId?: string;
                    /** @description inclusive */
                    from?: string;
                    /** @description exclusive */
                    to?: string;
                    cursor?: string;
                    limit?: number;
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
                            items: {
                                /** @description position in the tenant’s hash chain */
                                seq: number;
                                /** Format: uuid */
                                id: string;
                                /** Format: date-time */
                                occurredAt: string;
                                actor: {
                                    kind: "user" | "api_key" | "system";
                                    id: string | null;
                                    label: string;
                                };
                                ip: string | null;
                                userAgent: string | null;
                                action: string;
                                entity: {
                                    type: string;
                                    id: string | null;
                                };
                                /** @description the state before the change (sensitive fields masked without sensitive.view) */
                                before: unknown;
                                /** @description the state after the change (sensitive fields masked without sensitive.view) */
                                after: unknown;
                                reason: string | null;
                            }[];
                            nextCursor: string | null;
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
    "/api/v1/audit/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Re-compute the hash chain of your tenant’s audit trail and name every record that does not hold */
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
                            ok: boolean;
                            problems: {
                                seq: number;
                                id: string | null;
                                problem: "altered" | "missing" | "broken_link" | "head_mismatch";
                                message: string;
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
    "/api/v1/auth/sign-in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in with tenant, login and password; opens a new session (cookie kx_session)
         * @description A wrong tenant, login or password, or a disabled account, all answer 401 invalid_credentials alike. After repeated failures the login is locked from that address for a while (with wider bounds per address and per login against spraying): 429 too_many_attempts.
         */
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
                        /** @description the tenant's slug */
                        tenant: string;
                        login: string;
                        password: string;
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
                            user: {
                                /** Format: uuid */
                                id: string;
                                login: string;
                                displayName: string;
                                role: string;
                                /** @description every permission the role grants ('*' spelled out) */
                                permissions: string[];
                                /** @enum {unknown} */
                                dataScope: "own" | "department" | "all";
                            };
                            /** @description send it as the x-csrf-token header on every POST, PUT, PATCH and DELETE of this session */
                            csrfToken: string;
                            /**
                             * Format: date-time
                             * @description absolute end of the session; it also ends after the tenant's idle time
                             */
                            expiresAt: string;
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
    "/api/v1/auth/sign-out": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End this session and clear its cookie */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description signed out */
                204: {
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
    "/api/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who is signed in (or which API key), with the CSRF token of this session */
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
                            user: {
                                /** Format: uuid */
                                id: string;
                                login: string;
                                displayName: string;
                                role: string;
                                /** @description every permission the role grants ('*' spelled out) */
                                permissions: string[];
                                /** @enum {unknown} */
                                dataScope: "own" | "department" | "all";
                            };
                            apiKey: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                                permissions: string[];
                                /** @enum {unknown} */
                                dataScope: "own" | "department" | "all";
                            } | null;
                            /** @description null when authenticated with an API key */
                            csrfToken: string | null;
                            expiresAt: string | null;
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
    "/api/v1/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change your password; every other session of yours ends
         * @description The new password: 8–64 characters, not a common password, not the login. A wrong current password counts as a failed sign-in.
         */
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
                        currentPassword: string;
                        newPassword: string;
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
                            otherSessionsEnded: number;
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
    "/api/v1/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the customers you may see, with their money per currency */
        get: {
            parameters: {
                query?: {
                    owner?: string;
                    /** @description this department and its sub-departments */
                    department?: string;
                    tag?: string;
                    /** @description part of the name or code */
                    q?: string;
                    cursor?: string;
                    limit?: number;
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
                            items: {
                                /** Format: uuid */
                                id: string;
                                code: string;
                                name: string;
                                ownerId: string | null;
                                departmentId: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                                taxId: string | null;
                                contacts: {
                                    name: string;
                                    title?: string;
                                    /** @description masked without sensitive.view */
                                    phone?: string;
                                    /** @description masked without sensitive.view */
                                    email?: string;
                                }[];
                                tags: string[];
                                remarks: string;
                                balances: {
                                    currency: string;
                                    /** @description accounts_receivable balance, decimal string in major units */
                                    receivable: string;
                                    /** @description customer_advances balance (prepaid), shown positive */
                                    advance: string;
                                }[];
                                figures: {
                                    currency: string;
                                    /** @description what the customer owes (accounts_receivable balance) */
                                    receivable: string;
                                    /** @description unpaid parts of instalments past due plus grace days, today in the tenant’s time zone */
                                    overdue: string;
                                    /** @description 预收: the customer_advances balance, shown positive */
                                    advance: string;
                                    /** @description confirmed receipts to date */
                                    received: string;
                                    /** @description refunds paid to date */
                                    refunded: string;
                                }[];
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a customer (a sales rep always owns the customers they create) */
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
                        code: string;
                        name: string;
                        /** Format: uuid */
                        ownerId?: string;
                        /** Format: uuid */
                        departmentId?: string;
                        taxId?: null | string;
                        contacts?: {
                            name: string;
                            title?: string;
                            /** @description digits, spaces, + ( ) - ; a masked value sent back unchanged keeps the stored number */
                            phone?: string;
                            email?: string;
                        }[];
                        tags?: string[];
                        remarks?: string;
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
                            /** Format: uuid */
                            id: string;
                            code: string;
                            name: string;
                            ownerId: string | null;
                            departmentId: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                            taxId: string | null;
                            contacts: {
                                name: string;
                                title?: string;
                                /** @description masked without sensitive.view */
                                phone?: string;
                                /** @description masked without sensitive.view */
                                email?: string;
                            }[];
                            tags: string[];
                            remarks: string;
                            balances: {
                                currency: string;
                                /** @description accounts_receivable balance, decimal string in major units */
                                receivable: string;
                                /** @description customer_advances balance (prepaid), shown positive */
                                advance: string;
                            }[];
                            figures: {
                                currency: string;
                                /** @description what the customer owes (accounts_receivable balance) */
                                receivable: string;
                                /** @description unpaid parts of instalments past due plus grace days, today in the tenant’s time zone */
                                overdue: string;
                                /** @description 预收: the customer_advances balance, shown positive */
                                advance: string;
                                /** @description confirmed receipts to date */
                                received: string;
                                /** @description refunds paid to date */
                                refunded: string;
                            }[];
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
    "/api/v1/customers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One customer with receivable and advance per currency */
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
                            /** Format: uuid */
                            id: string;
                            code: string;
                            name: string;
                            ownerId: string | null;
                            departmentId: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                            taxId: string | null;
                            contacts: {
                                name: string;
                                title?: string;
                                /** @description masked without sensitive.view */
                                phone?: string;
                                /** @description masked without sensitive.view */
                                email?: string;
                            }[];
                            tags: string[];
                            remarks: string;
                            balances: {
                                currency: string;
                                /** @description accounts_receivable balance, decimal string in major units */
                                receivable: string;
                                /** @description customer_advances balance (prepaid), shown positive */
                                advance: string;
                            }[];
                            figures: {
                                currency: string;
                                /** @description what the customer owes (accounts_receivable balance) */
                                receivable: string;
                                /** @description unpaid parts of instalments past due plus grace days, today in the tenant’s time zone */
                                overdue: string;
                                /** @description 预收: the customer_advances balance, shown positive */
                                advance: string;
                                /** @description confirmed receipts to date */
                                received: string;
                                /** @description refunds paid to date */
                                refunded: string;
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
        /** Change a customer (contacts and tags are replaced as a whole; a sales rep cannot hand a customer to someone else) */
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
                        code?: string;
                        name?: string;
                        ownerId?: null | string;
                        departmentId?: null | string;
                        taxId?: null | string;
                        contacts?: {
                            name: string;
                            title?: string;
                            /** @description digits, spaces, + ( ) - ; a masked value sent back unchanged keeps the stored number */
                            phone?: string;
                            email?: string;
                        }[];
                        tags?: string[];
                        remarks?: string;
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
                            /** Format: uuid */
                            id: string;
                            code: string;
                            name: string;
                            ownerId: string | null;
                            departmentId: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                            taxId: string | null;
                            contacts: {
                                name: string;
                                title?: string;
                                /** @description masked without sensitive.view */
                                phone?: string;
                                /** @description masked without sensitive.view */
                                email?: string;
                            }[];
                            tags: string[];
                            remarks: string;
                            balances: {
                                currency: string;
                                /** @description accounts_receivable balance, decimal string in major units */
                                receivable: string;
                                /** @description customer_advances balance (prepaid), shown positive */
                                advance: string;
                            }[];
                            figures: {
                                currency: string;
                                /** @description what the customer owes (accounts_receivable balance) */
                                receivable: string;
                                /** @description unpaid parts of instalments past due plus grace days, today in the tenant’s time zone */
                                overdue: string;
                                /** @description 预收: the customer_advances balance, shown positive */
                                advance: string;
                                /** @description confirmed receipts to date */
                                received: string;
                                /** @description refunds paid to date */
                                refunded: string;
                            }[];
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/customers/{id}/balances": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A customer's balance per account and currency */
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
                            /** Format: uuid */
                            customerId: string;
                            balances: {
                                account: string;
                                kind: string;
                                currency: string;
                                debit: string;
                                credit: string;
                                /** @description debit minus credit */
                                balance: string;
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
    "/api/v1/customers/{id}/statement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Customer statement (对账单): opening balance, movements from the journal with a running balance, closing balance */
        get: {
            parameters: {
                query?: {
                    /** @description ISO 4217 code */
                    currency?: string;
                    /** @description first business date, inclusive (default: the first of the current month in the tenant's time zone) */
                    from?: string;
                    /** @description last business date, inclusive (default: the end of that month); at most 366 days */
                    to?: string;
                    /** @description movements listed at most (default 500) */
                    limit?: number;
                };
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
                            customer: {
                                /** Format: uuid */
                                id: string;
                                code: string;
                                name: string;
                            };
                            currency: string;
                            /** Format: date */
                            from: string;
                            /** Format: date */
                            to: string;
                            /** @description owed net of advance before `from`: accounts_receivable minus customer_advances (negative: paid ahead) */
                            openingBalance: string;
                            movements: {
                                /**
                                 * Format: date
                                 * @description posting date of the journal entry
                                 */
                                date: string;
                                kind: "order_confirmed" | "receipt" | "allocation" | "receipt_void" | "refund" | "credit_note" | "write_off";
                                /** Format: uuid */
                                entryId: string;
                                sourceType: "order" | "receipt" | "refund" | "adjustment" | null;
                                sourceId: string | null;
                                reference: string | null;
                                memo: string;
                                /** @description raises what the customer owes */
                                debit: string;
                                /** @description lowers what the customer owes */
                                credit: string;
                                /** @description running balance after this movement */
                                balance: string;
                            }[];
                            totals: {
                                debit: string;
                                credit: string;
                            };
                            /** @description openingBalance + totals.debit − totals.credit */
                            closingBalance: string;
                            /** @description more movements than `limit`: totals and closing balance still count them all */
                            truncated: boolean;
                            movementCount: number;
                            currencies: string[];
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
    "/api/v1/dashboard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Receivable, received this month, overdue, advance, refunds awaiting approval, trend, aging, top overdue customers and your to-dos */
        get: {
            parameters: {
                query?: {
                    /** @description ISO 4217 code; default the tenant’s base currency */
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
                            /**
                             * Format: date
                             * @description today in the tenant’s time zone
                             */
                            today: string;
                            /** @description currencies with posted data you may see, plus the base currency */
                            currencies: string[];
                            figures: {
                                /** @description accounts_receivable balance of your customers */
                                receivable: string;
                                /** @description confirmed receipts received from the 1st of this month to today */
                                receivedThisMonth: string;
                                /** @description unpaid parts of instalments past due plus grace days */
                                overdue: string;
                                /** @description 预收: customer_advances balance, shown positive */
                                advance: string;
                                refundsAwaitingApproval: {
                                    count: number;
                                    /** @description decimal string in major units of the currency */
                                    amount: string;
                                };
                            };
                            /** @description the last 12 months, this month last */
                            trend: {
                                /** @description YYYY-MM */
                                month: string;
                                /** @description confirmed receipts received that month */
                                received: string;
                                /** @description instalments of confirmed or completed orders due that month */
                                due: string;
                            }[];
                            /** @description unpaid instalment amounts by days past due, counted after the grace days */
                            aging: {
                                /** @enum {unknown} */
                                bucket: "not_due" | "d1_30" | "d31_60" | "d61_90" | "d90_plus";
                                /** @description decimal string in major units of the currency */
                                amount: string;
                                instalments: number;
                            }[];
                            topOverdue: {
                                customer: {
                                    /** Format: uuid */
                                    id: string;
                                    code: string;
                                    name: string;
                                };
                                /** @description decimal string in major units of the currency */
                                overdue: string;
                                /**
                                 * Format: date
                                 * @description YYYY-MM-DD in the tenant’s time zone
                                 */
                                oldestDueDate: string;
                            }[];
                            todos: {
                                receiptsToConfirm: {
                                    count: number;
                                    /** @description the first 5, oldest first */
                                    items: {
                                        /** Format: uuid */
                                        id: string;
                                        number: string;
                                        customer: {
                                            /** Format: uuid */
                                            id: string;
                                            code: string;
                                            name: string;
                                        };
                                        /** @description decimal string in major units of the currency */
                                        amount: string;
                                        currency: string;
                                        /**
                                         * Format: date
                                         * @description YYYY-MM-DD in the tenant’s time zone
                                         */
                                        receivedDate: string;
                                    }[];
                                };
                                refundsToApprove: {
                                    count: number;
                                    /** @description the first 5, oldest first */
                                    items: {
                                        /** Format: uuid */
                                        id: string;
                                        number: string;
                                        customer: {
                                            /** Format: uuid */
                                            id: string;
                                            code: string;
                                            name: string;
                                        };
                                        /** @description decimal string in major units of the currency */
                                        amount: string;
                                        currency: string;
                                        /** Format: date-time */
                                        requestedAt: string;
                                    }[];
                                };
                                myOverdueInstalments: {
                                    count: number;
                                    /** @description the first 5, oldest first */
                                    items: {
                                        /** Format: uuid */
                                        instalmentId: string;
                                        /** Format: uuid */
                                        orderId: string;
                                        orderNumber: string;
                                        customer: {
                                            /** Format: uuid */
                                            id: string;
                                            code: string;
                                            name: string;
                                        };
                                        /**
                                         * Format: date
                                         * @description YYYY-MM-DD in the tenant’s time zone
                                         */
                                        dueDate: string;
                                        /** @description decimal string in major units of the currency */
                                        outstanding: string;
                                        currency: string;
                                    }[];
                                };
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
    "/api/v1/departments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List departments (a tree by parentId), by code */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    cursor?: string;
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
                            items: {
                                /** Format: uuid */
                                id: string;
                                code: string;
                                name: string;
                                parentId: string | null;
                                /** Format: date-time */
                                createdAt: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a department */
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
                        code: string;
                        name: string;
                        /** @description null: a top-level department */
                        parentId?: null | string;
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
                            /** Format: uuid */
                            id: string;
                            code: string;
                            name: string;
                            parentId: string | null;
                            /** Format: date-time */
                            createdAt: string;
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
    "/api/v1/departments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One department */
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
                            /** Format: uuid */
                            id: string;
                            code: string;
                            name: string;
                            parentId: string | null;
                            /** Format: date-time */
                            createdAt: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a department without sub-departments, users or customers */
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
        /** Rename or move a department (never under itself or its sub-departments) */
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
                        code?: string;
                        name?: string;
                        /** @description null: a top-level department */
                        parentId?: null | string;
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
                            /** Format: uuid */
                            id: string;
                            code: string;
                            name: string;
                            parentId: string | null;
                            /** Format: date-time */
                            createdAt: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/fx-rates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recorded rates, latest first */
        get: {
            parameters: {
                query?: {
                    /** @description ISO 4217 code */
                    currency?: string;
                    cursor?: string;
                    limit?: number;
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
                            items: {
                                currency: string;
                                baseCurrency: string;
                                /** Format: date */
                                rateDate: string;
                                /** @description units of the base currency per unit of currency, decimal string */
                                rate: string;
                                source: string;
                                createdBy: string | null;
                                /** Format: date-time */
                                createdAt: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Record the rate of a currency on a day (201); the same day again replaces it (200) */
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
                        /** @description ISO 4217 code */
                        currency: string;
                        /**
                         * Format: date
                         * @description YYYY-MM-DD in the tenant’s time zone
                         */
                        rateDate: string;
                        /** @description e.g. "7.1234": at most 10 decimals, never a JSON number */
                        rate: string;
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
                            baseCurrency: string;
                            /** Format: date */
                            rateDate: string;
                            /** @description units of the base currency per unit of currency, decimal string */
                            rate: string;
                            source: string;
                            createdBy: string | null;
                            /** Format: date-time */
                            createdAt: string;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            currency: string;
                            baseCurrency: string;
                            /** Format: date */
                            rateDate: string;
                            /** @description units of the base currency per unit of currency, decimal string */
                            rate: string;
                            source: string;
                            createdBy: string | null;
                            /** Format: date-time */
                            createdAt: string;
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
    "/api/v1/ledger/trial-balance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Debits, credits and balance per account and currency (needs the data scope "all") */
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
                            rows: {
                                account: string;
                                kind: string;
                                currency: string;
                                debit: string;
                                credit: string;
                                balance: string;
                            }[];
                            totals: {
                                currency: string;
                                balance: string;
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
    "/api/v1/ledger/entries/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One journal entry with its lines */
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
                            /** Format: uuid */
                            id: string;
                            entryDate: string;
                            memo: string;
                            source: string;
                            reversesEntryId: string | null;
                            reversedByEntryId: string | null;
                            lines: {
                                lineNo: number;
                                account: string;
                                side: "debit" | "credit";
                                /** @description decimal string in major units of the currency */
                                amount: string;
                                currency: string;
                                customerId: string | null;
                                departmentId: string | null;
                                ownerId: string | null;
                                productId: string | null;
                                channel: string | null;
                                memo: string;
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
    "/api/v1/ledger/entries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Post a manual journal entry (Idempotency-Key header required) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description one effect per key: a repeat returns the first result (200, Idempotent-Replayed: true) */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Format: date
                         * @description YYYY-MM-DD in the tenant’s time zone
                         */
                        entryDate: string;
                        memo?: string;
                        lines: {
                            account: string;
                            side: "debit" | "credit";
                            /** @description positive decimal string in major units, e.g. "1234.56" */
                            amount: string;
                            currency: string;
                            /** Format: uuid */
                            customerId?: string;
                            /** Format: uuid */
                            departmentId?: string;
                            /** Format: uuid */
                            ownerId?: string;
                            /** Format: uuid */
                            productId?: string;
                            channel?: string;
                            memo?: string;
                        }[];
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
                            /** Format: uuid */
                            id: string;
                            entryDate: string;
                            memo: string;
                            source: string;
                            reversesEntryId: string | null;
                            reversedByEntryId: string | null;
                            lines: {
                                lineNo: number;
                                account: string;
                                side: "debit" | "credit";
                                /** @description decimal string in major units of the currency */
                                amount: string;
                                currency: string;
                                customerId: string | null;
                                departmentId: string | null;
                                ownerId: string | null;
                                productId: string | null;
                                channel: string | null;
                                memo: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            entryDate: string;
                            memo: string;
                            source: string;
                            reversesEntryId: string | null;
                            reversedByEntryId: string | null;
                            lines: {
                                lineNo: number;
                                account: string;
                                side: "debit" | "credit";
                                /** @description decimal string in major units of the currency */
                                amount: string;
                                currency: string;
                                customerId: string | null;
                                departmentId: string | null;
                                ownerId: string | null;
                                productId: string | null;
                                channel: string | null;
                                memo: string;
                            }[];
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
    "/api/v1/ledger/entries/{id}/reversal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reverse a journal entry with a reason (at most once per entry) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description one effect per key: a repeat returns the first result (200, Idempotent-Replayed: true) */
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Format: date
                         * @description YYYY-MM-DD in the tenant’s time zone
                         */
                        entryDate: string;
                        reason: string;
                        memo?: string;
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
                            /** Format: uuid */
                            id: string;
                            entryDate: string;
                            memo: string;
                            source: string;
                            reversesEntryId: string | null;
                            reversedByEntryId: string | null;
                            lines: {
                                lineNo: number;
                                account: string;
                                side: "debit" | "credit";
                                /** @description decimal string in major units of the currency */
                                amount: string;
                                currency: string;
                                customerId: string | null;
                                departmentId: string | null;
                                ownerId: string | null;
                                productId: string | null;
                                channel: string | null;
                                memo: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            entryDate: string;
                            memo: string;
                            source: string;
                            reversesEntryId: string | null;
                            reversedByEntryId: string | null;
                            lines: {
                                lineNo: number;
                                account: string;
                                side: "debit" | "credit";
                                /** @description decimal string in major units of the currency */
                                amount: string;
                                currency: string;
                                customerId: string | null;
                                departmentId: string | null;
                                ownerId: string | null;
                                productId: string | null;
                                channel: string | null;
                                memo: string;
                            }[];
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
    "/api/v1/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the orders you may see */
        get: {
            parameters: {
                query?: {
                    customer?: string;
                    owner?: string;
                    /** @description this department and its sub-departments */
                    department?: string;
                    product?: string;
                    status?: "draft" | "confirmed" | "completed" | "cancelled";
                    /** @description ISO 4217 code */
                    currency?: string;
                    /** @description YYYY-MM-DD in the tenant’s time zone */
                    signedFrom?: string;
                    /** @description YYYY-MM-DD in the tenant’s time zone */
                    signedTo?: string;
                    /** @description total at least, in major units of currency (currency required) */
                    amountMin?: string;
                    /** @description total at most, in major units of currency (currency required) */
                    amountMax?: string;
                    /** @description part of the number or title */
                    q?: string;
                    /** @description default -signedDate */
                    sort?: "signedDate" | "-signedDate" | "number" | "-number" | "total" | "-total";
                    cursor?: string;
                    limit?: number;
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
                            items: {
                                /** Format: uuid */
                                id: string;
                                /** @description OD-YYYY-nnnnnn */
                                number: string;
                                /** Format: uuid */
                                customerId: string;
                                customerCode: string;
                                customerName: string;
                                title: string;
                                currency: string;
                                status: "draft" | "confirmed" | "completed" | "cancelled";
                                ownerId: string | null;
                                departmentId: string | null;
                                /** Format: date */
                                signedDate: string;
                                /** @description Σ line amounts, major units */
                                total: string;
                                paid: string;
                                credited: string;
                                writtenOff: string;
                                /** @description total − paid − credited − written off */
                                outstanding: string;
                                baseRate: string | null;
                                baseTotal: string | null;
                                /** Format: date-time */
                                createdAt: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a draft order (Idempotency-Key required) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description required: one effect per key; a repeat returns the first answer with Idempotent-Replayed: true */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        customerId: string;
                        title: string;
                        /** @description ISO 4217 code */
                        currency: string;
                        /**
                         * Format: date
                         * @description YYYY-MM-DD in the tenant’s time zone
                         */
                        signedDate: string;
                        ownerId?: null | string;
                        departmentId?: null | string;
                        remarks?: string;
                        lines: {
                            productId?: null | string;
                            description: string;
                            /** @description decimal string, at most 3 decimals: "2", "1.5" */
                            quantity: string;
                            /** @description decimal string in major units of the currency, e.g. "1234.56"; never a JSON number */
                            unitPrice: string;
                        }[];
                        /** @description must add up to the total; [] or left out: none yet */
                        instalments?: {
                            /**
                             * Format: date
                             * @description YYYY-MM-DD in the tenant’s time zone
                             */
                            dueDate: string;
                            /** @description decimal string in major units of the currency, e.g. "1234.56"; never a JSON number */
                            amount: string;
                        }[];
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
                            /** Format: uuid */
                            id: string;
                            /** @description OD-YYYY-nnnnnn */
                            number: string;
                            /** Format: uuid */
                            customerId: string;
                            customerCode: string;
                            customerName: string;
                            title: string;
                            currency: string;
                            status: "draft" | "confirmed" | "completed" | "cancelled";
                            ownerId: string | null;
                            departmentId: string | null;
                            /** Format: date */
                            signedDate: string;
                            /** @description Σ line amounts, major units */
                            total: string;
                            paid: string;
                            credited: string;
                            writtenOff: string;
                            /** @description total − paid − credited − written off */
                            outstanding: string;
                            baseRate: string | null;
                            baseTotal: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            baseCurrency: string;
                            /** @description unpaid parts of instalments past due plus grace days */
                            overdue: string;
                            remarks: string;
                            confirmEntryId: string | null;
                            confirmedAt: string | null;
                            confirmedBy: string | null;
                            cancelledAt: string | null;
                            cancelReason: string | null;
                            createdBy: string | null;
                            /** Format: date-time */
                            updatedAt: string;
                            lines: {
                                lineNo: number;
                                productId: string | null;
                                productCode: string | null;
                                productName: string | null;
                                description: string;
                                quantity: string;
                                unitPrice: string;
                                amount: string;
                            }[];
                            plan: {
                                /** Format: uuid */
                                id: string;
                                seq: number;
                                /** Format: date */
                                dueDate: string;
                                amount: string;
                                settled: string;
                                outstanding: string;
                                /** @description derived at read time in the tenant’s time zone */
                                status: "pending" | "due_soon" | "overdue" | "partially_paid" | "paid" | "void";
                                voidedAt: string | null;
                            }[];
                            allocations: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                receiptId: string;
                                receiptNumber: string;
                                instalmentId: string | null;
                                kind: "allocate" | "deallocate" | "void";
                                /** @description order currency; negative when taken back */
                                amount: string;
                                receiptCurrency: string;
                                receiptAmount: string;
                                rate: string | null;
                                /** Format: date-time */
                                createdAt: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** @description OD-YYYY-nnnnnn */
                            number: string;
                            /** Format: uuid */
                            customerId: string;
                            customerCode: string;
                            customerName: string;
                            title: string;
                            currency: string;
                            status: "draft" | "confirmed" | "completed" | "cancelled";
                            ownerId: string | null;
                            departmentId: string | null;
                            /** Format: date */
                            signedDate: string;
                            /** @description Σ line amounts, major units */
                            total: string;
                            paid: string;
                            credited: string;
                            writtenOff: string;
                            /** @description total − paid − credited − written off */
                            outstanding: string;
                            baseRate: string | null;
                            baseTotal: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            baseCurrency: string;
                            /** @description unpaid parts of instalments past due plus grace days */
                            overdue: string;
                            remarks: string;
                            confirmEntryId: string | null;
                            confirmedAt: string | null;
                            confirmedBy: string | null;
                            cancelledAt: string | null;
                            cancelReason: string | null;
                            createdBy: string | null;
                            /** Format: date-time */
                            updatedAt: string;
                            lines: {
                                lineNo: number;
                                productId: string | null;
                                productCode: string | null;
                                productName: string | null;
                                description: string;
                                quantity: string;
                                unitPrice: string;
                                amount: string;
                            }[];
                            plan: {
                                /** Format: uuid */
                                id: string;
                                seq: number;
                                /** Format: date */
                                dueDate: string;
                                amount: string;
                                settled: string;
                                outstanding: string;
                                /** @description derived at read time in the tenant’s time zone */
                                status: "pending" | "due_soon" | "overdue" | "partially_paid" | "paid" | "void";
                                voidedAt: string | null;
                            }[];
                            allocations: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                receiptId: string;
                                receiptNumber: string;
                                instalmentId: string | null;
                                kind: "allocate" | "deallocate" | "void";
                                /** @description order currency; negative when taken back */
                                amount: string;
                                receiptCurrency: string;
                                receiptAmount: string;
                                rate: string | null;
                                /** Format: date-time */
                                createdAt: string;
                            }[];
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
    "/api/v1/orders/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One order with its lines, plan (statuses derived now) and allocation history */
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
                            /** Format: uuid */
                            id: string;
                            /** @description OD-YYYY-nnnnnn */
                            number: string;
                            /** Format: uuid */
                            customerId: string;
                            customerCode: string;
                            customerName: string;
                            title: string;
                            currency: string;
                            status: "draft" | "confirmed" | "completed" | "cancelled";
                            ownerId: string | null;
                            departmentId: string | null;
                            /** Format: date */
                            signedDate: string;
                            /** @description Σ line amounts, major units */
                            total: string;
                            paid: string;
                            credited: string;
                            writtenOff: string;
                            /** @description total − paid − credited − written off */
                            outstanding: string;
                            baseRate: string | null;
                            baseTotal: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            baseCurrency: string;
                            /** @description unpaid parts of instalments past due plus grace days */
                            overdue: string;
                            remarks: string;
                            confirmEntryId: string | null;
                            confirmedAt: string | null;
                            confirmedBy: string | null;
                            cancelledAt: string | null;
                            cancelReason: string | null;
                            createdBy: string | null;
                            /** Format: date-time */
                            updatedAt: string;
                            lines: {
                                lineNo: number;
                                productId: string | null;
                                productCode: string | null;
                                productName: string | null;
                                description: string;
                                quantity: string;
                                unitPrice: string;
                                amount: string;
                            }[];
                            plan: {
                                /** Format: uuid */
                                id: string;
                                seq: number;
                                /** Format: date */
                                dueDate: string;
                                amount: string;
                                settled: string;
                                outstanding: string;
                                /** @description derived at read time in the tenant’s time zone */
                                status: "pending" | "due_soon" | "overdue" | "partially_paid" | "paid" | "void";
                                voidedAt: string | null;
                            }[];
                            allocations: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                receiptId: string;
                                receiptNumber: string;
                                instalmentId: string | null;
                                kind: "allocate" | "deallocate" | "void";
                                /** @description order currency; negative when taken back */
                                amount: string;
                                receiptCurrency: string;
                                receiptAmount: string;
                                rate: string | null;
                                /** Format: date-time */
                                createdAt: string;
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
        /** Edit a draft (lines and plan are replaced as a whole) */
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
                        /** Format: uuid */
                        customerId?: string;
                        title?: string;
                        /** @description ISO 4217 code */
                        currency?: string;
                        /**
                         * Format: date
                         * @description YYYY-MM-DD in the tenant’s time zone
                         */
                        signedDate?: string;
                        ownerId?: null | string;
                        departmentId?: null | string;
                        remarks?: string;
                        lines?: {
                            productId?: null | string;
                            description: string;
                            /** @description decimal string, at most 3 decimals: "2", "1.5" */
                            quantity: string;
                            /** @description decimal string in major units of the currency, e.g. "1234.56"; never a JSON number */
                            unitPrice: string;
                        }[];
                        /** @description must add up to the total; [] or left out: none yet */
                        instalments?: {
                            /**
                             * Format: date
                             * @description YYYY-MM-DD in the tenant’s time zone
                             */
                            dueDate: string;
                            /** @description decimal string in major units of the currency, e.g. "1234.56"; never a JSON number */
                            amount: string;
                        }[];
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
                            /** Format: uuid */
                            id: string;
                            /** @description OD-YYYY-nnnnnn */
                            number: string;
                            /** Format: uuid */
                            customerId: string;
                            customerCode: string;
                            customerName: string;
                            title: string;
                            currency: string;
                            status: "draft" | "confirmed" | "completed" | "cancelled";
                            ownerId: string | null;
                            departmentId: string | null;
                            /** Format: date */
                            signedDate: string;
                            /** @description Σ line amounts, major units */
                            total: string;
                            paid: string;
                            credited: string;
                            writtenOff: string;
                            /** @description total − paid − credited − written off */
                            outstanding: string;
                            baseRate: string | null;
                            baseTotal: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            baseCurrency: string;
                            /** @description unpaid parts of instalments past due plus grace days */
                            overdue: string;
                            remarks: string;
                            confirmEntryId: string | null;
                            confirmedAt: string | null;
                            confirmedBy: string | null;
                            cancelledAt: string | null;
                            cancelReason: string | null;
                            createdBy: string | null;
                            /** Format: date-time */
                            updatedAt: string;
                            lines: {
                                lineNo: number;
                                productId: string | null;
                                productCode: string | null;
                                productName: string | null;
                                description: string;
                                quantity: string;
                                unitPrice: string;
                                amount: string;
                            }[];
                            plan: {
                                /** Format: uuid */
                                id: string;
                                seq: number;
                                /** Format: date */
                                dueDate: string;
                                amount: string;
                                settled: string;
                                outstanding: string;
                                /** @description derived at read time in the tenant’s time zone */
                                status: "pending" | "due_soon" | "overdue" | "partially_paid" | "paid" | "void";
                                voidedAt: string | null;
                            }[];
                            allocations: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                receiptId: string;
                                receiptNumber: string;
                                instalmentId: string | null;
                                kind: "allocate" | "deallocate" | "void";
                                /** @description order currency; negative when taken back */
                                amount: string;
                                receiptCurrency: string;
                                receiptAmount: string;
                                rate: string | null;
                                /** Format: date-time */
                                createdAt: string;
                            }[];
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/orders/{id}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm a draft: posts the receivable (Idempotency-Key required) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description required: one effect per key; a repeat returns the first answer with Idempotent-Replayed: true */
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description units of the base currency per unit of the order’s; default: the latest recorded rate on or before the signed date */
                        exchangeRate?: string;
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
                            /** Format: uuid */
                            id: string;
                            /** @description OD-YYYY-nnnnnn */
                            number: string;
                            /** Format: uuid */
                            customerId: string;
                            customerCode: string;
                            customerName: string;
                            title: string;
                            currency: string;
                            status: "draft" | "confirmed" | "completed" | "cancelled";
                            ownerId: string | null;
                            departmentId: string | null;
                            /** Format: date */
                            signedDate: string;
                            /** @description Σ line amounts, major units */
                            total: string;
                            paid: string;
                            credited: string;
                            writtenOff: string;
                            /** @description total − paid − credited − written off */
                            outstanding: string;
                            baseRate: string | null;
                            baseTotal: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            baseCurrency: string;
                            /** @description unpaid parts of instalments past due plus grace days */
                            overdue: string;
                            remarks: string;
                            confirmEntryId: string | null;
                            confirmedAt: string | null;
                            confirmedBy: string | null;
                            cancelledAt: string | null;
                            cancelReason: string | null;
                            createdBy: string | null;
                            /** Format: date-time */
                            updatedAt: string;
                            lines: {
                                lineNo: number;
                                productId: string | null;
                                productCode: string | null;
                                productName: string | null;
                                description: string;
                                quantity: string;
                                unitPrice: string;
                                amount: string;
                            }[];
                            plan: {
                                /** Format: uuid */
                                id: string;
                                seq: number;
                                /** Format: date */
                                dueDate: string;
                                amount: string;
                                settled: string;
                                outstanding: string;
                                /** @description derived at read time in the tenant’s time zone */
                                status: "pending" | "due_soon" | "overdue" | "partially_paid" | "paid" | "void";
                                voidedAt: string | null;
                            }[];
                            allocations: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                receiptId: string;
                                receiptNumber: string;
                                instalmentId: string | null;
                                kind: "allocate" | "deallocate" | "void";
                                /** @description order currency; negative when taken back */
                                amount: string;
                                receiptCurrency: string;
                                receiptAmount: string;
                                rate: string | null;
                                /** Format: date-time */
                                createdAt: string;
                            }[];
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
    "/api/v1/orders/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a draft, with a reason (a confirmed order is cancelled by a credit note) */
        post: {
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
                        reason: string;
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
                            /** Format: uuid */
                            id: string;
                            /** @description OD-YYYY-nnnnnn */
                            number: string;
                            /** Format: uuid */
                            customerId: string;
                            customerCode: string;
                            customerName: string;
                            title: string;
                            currency: string;
                            status: "draft" | "confirmed" | "completed" | "cancelled";
                            ownerId: string | null;
                            departmentId: string | null;
                            /** Format: date */
                            signedDate: string;
                            /** @description Σ line amounts, major units */
                            total: string;
                            paid: string;
                            credited: string;
                            writtenOff: string;
                            /** @description total − paid − credited − written off */
                            outstanding: string;
                            baseRate: string | null;
                            baseTotal: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            baseCurrency: string;
                            /** @description unpaid parts of instalments past due plus grace days */
                            overdue: string;
                            remarks: string;
                            confirmEntryId: string | null;
                            confirmedAt: string | null;
                            confirmedBy: string | null;
                            cancelledAt: string | null;
                            cancelReason: string | null;
                            createdBy: string | null;
                            /** Format: date-time */
                            updatedAt: string;
                            lines: {
                                lineNo: number;
                                productId: string | null;
                                productCode: string | null;
                                productName: string | null;
                                description: string;
                                quantity: string;
                                unitPrice: string;
                                amount: string;
                            }[];
                            plan: {
                                /** Format: uuid */
                                id: string;
                                seq: number;
                                /** Format: date */
                                dueDate: string;
                                amount: string;
                                settled: string;
                                outstanding: string;
                                /** @description derived at read time in the tenant’s time zone */
                                status: "pending" | "due_soon" | "overdue" | "partially_paid" | "paid" | "void";
                                voidedAt: string | null;
                            }[];
                            allocations: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                receiptId: string;
                                receiptNumber: string;
                                instalmentId: string | null;
                                kind: "allocate" | "deallocate" | "void";
                                /** @description order currency; negative when taken back */
                                amount: string;
                                receiptCurrency: string;
                                receiptAmount: string;
                                rate: string | null;
                                /** Format: date-time */
                                createdAt: string;
                            }[];
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
    "/api/v1/orders/{id}/plan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Replace the payment plan (on a confirmed order only the unpaid part; paid instalments are kept by id) */
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
                        instalments: {
                            /** Format: uuid */
                            id?: string;
                            /**
                             * Format: date
                             * @description YYYY-MM-DD in the tenant’s time zone
                             */
                            dueDate: string;
                            /** @description decimal string in major units of the currency, e.g. "1234.56"; never a JSON number */
                            amount: string;
                        }[];
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
                            /** Format: uuid */
                            id: string;
                            /** @description OD-YYYY-nnnnnn */
                            number: string;
                            /** Format: uuid */
                            customerId: string;
                            customerCode: string;
                            customerName: string;
                            title: string;
                            currency: string;
                            status: "draft" | "confirmed" | "completed" | "cancelled";
                            ownerId: string | null;
                            departmentId: string | null;
                            /** Format: date */
                            signedDate: string;
                            /** @description Σ line amounts, major units */
                            total: string;
                            paid: string;
                            credited: string;
                            writtenOff: string;
                            /** @description total − paid − credited − written off */
                            outstanding: string;
                            baseRate: string | null;
                            baseTotal: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            baseCurrency: string;
                            /** @description unpaid parts of instalments past due plus grace days */
                            overdue: string;
                            remarks: string;
                            confirmEntryId: string | null;
                            confirmedAt: string | null;
                            confirmedBy: string | null;
                            cancelledAt: string | null;
                            cancelReason: string | null;
                            createdBy: string | null;
                            /** Format: date-time */
                            updatedAt: string;
                            lines: {
                                lineNo: number;
                                productId: string | null;
                                productCode: string | null;
                                productName: string | null;
                                description: string;
                                quantity: string;
                                unitPrice: string;
                                amount: string;
                            }[];
                            plan: {
                                /** Format: uuid */
                                id: string;
                                seq: number;
                                /** Format: date */
                                dueDate: string;
                                amount: string;
                                settled: string;
                                outstanding: string;
                                /** @description derived at read time in the tenant’s time zone */
                                status: "pending" | "due_soon" | "overdue" | "partially_paid" | "paid" | "void";
                                voidedAt: string | null;
                            }[];
                            allocations: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                receiptId: string;
                                receiptNumber: string;
                                instalmentId: string | null;
                                kind: "allocate" | "deallocate" | "void";
                                /** @description order currency; negative when taken back */
                                amount: string;
                                receiptCurrency: string;
                                receiptAmount: string;
                                rate: string | null;
                                /** Format: date-time */
                                createdAt: string;
                            }[];
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/periods": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Months with their status, newest first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    cursor?: string;
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
                            items: {
                                /** @description YYYY-MM */
                                month: string;
                                /** @enum {unknown} */
                                status: "open" | "closed";
                                closedAt: string | null;
                                closedBy: string | null;
                                reopenedAt: string | null;
                                reopenedBy: string | null;
                                reopenReason: string | null;
                            }[];
                            nextCursor: string | null;
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
    "/api/v1/periods/{month}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Close a month (periods.close): nothing may be posted with a date inside it any more */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description YYYY-MM */
                    month: string;
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
                            /** @description YYYY-MM */
                            month: string;
                            /** @enum {unknown} */
                            status: "open" | "closed";
                            closedAt: string | null;
                            closedBy: string | null;
                            reopenedAt: string | null;
                            reopenedBy: string | null;
                            reopenReason: string | null;
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
    "/api/v1/periods/{month}/reopen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reopen a closed month (periods.reopen, administrators only) with a reason */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description YYYY-MM */
                    month: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason?: string;
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
                            /** @description YYYY-MM */
                            month: string;
                            /** @enum {unknown} */
                            status: "open" | "closed";
                            closedAt: string | null;
                            closedBy: string | null;
                            reopenedAt: string | null;
                            reopenedBy: string | null;
                            reopenReason: string | null;
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
    "/api/v1/products": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List products by code */
        get: {
            parameters: {
                query?: {
                    /** @description part of the code or name */
                    q?: string;
                    active?: boolean;
                    cursor?: string;
                    limit?: number;
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
                            items: {
                                /** Format: uuid */
                                id: string;
                                code: string;
                                name: string;
                                unit: string;
                                /** @description inactive products stay on old orders but are refused on new lines */
                                active: boolean;
                                /** Format: date-time */
                                createdAt: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a product */
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
                        code: string;
                        name: string;
                        /** @description e.g. 套, 个, hour */
                        unit?: string;
                        active?: boolean;
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
                            /** Format: uuid */
                            id: string;
                            code: string;
                            name: string;
                            unit: string;
                            /** @description inactive products stay on old orders but are refused on new lines */
                            active: boolean;
                            /** Format: date-time */
                            createdAt: string;
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
    "/api/v1/products/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One product */
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
                            /** Format: uuid */
                            id: string;
                            code: string;
                            name: string;
                            unit: string;
                            /** @description inactive products stay on old orders but are refused on new lines */
                            active: boolean;
                            /** Format: date-time */
                            createdAt: string;
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
        /** Rename, re-code or (de)activate a product */
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
                        code?: string;
                        name?: string;
                        /** @description e.g. 套, 个, hour */
                        unit?: string;
                        active?: boolean;
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
                            /** Format: uuid */
                            id: string;
                            code: string;
                            name: string;
                            unit: string;
                            /** @description inactive products stay on old orders but are refused on new lines */
                            active: boolean;
                            /** Format: date-time */
                            createdAt: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
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
    "/api/v1/receipts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Receipts you may see, filtered and sorted (cursor pagination) */
        get: {
            parameters: {
                query?: {
                    customer?: string;
                    owner?: string;
                    department?: string;
                    channel?: "bank_transfer" | "cash" | "cheque" | "alipay" | "wechat_pay" | "stripe" | "other";
                    status?: "pending" | "confirmed" | "rejected" | "voided";
                    kind?: "order_payment" | "prepayment";
                    /** @description ISO 4217 code */
                    currency?: string;
                    /** @description YYYY-MM-DD in the tenant’s time zone */
                    receivedFrom?: string;
                    /** @description YYYY-MM-DD in the tenant’s time zone */
                    receivedTo?: string;
                    /** @description in `currency` (required with an amount range) */
                    amountMin?: string;
                    /** @description in `currency` (required with an amount range) */
                    amountMax?: string;
                    /** @description part of the number, payer name or external reference */
                    q?: string;
                    sort?: "receivedDate" | "-receivedDate" | "amount" | "-amount";
                    cursor?: string;
                    limit?: number;
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
                            items: {
                                /** Format: uuid */
                                id: string;
                                /** @description RC-YYYY-nnnnnn */
                                number: string;
                                customer: {
                                    /** Format: uuid */
                                    id: string;
                                    code: string;
                                    name: string;
                                    ownerId: string | null;
                                    departmentId: string | null;
                                };
                                /** @enum {string} */
                                kind: "order_payment" | "prepayment";
                                /** @enum {string} */
                                status: "pending" | "confirmed" | "rejected" | "voided";
                                currency: string;
                                amount: string;
                                channel: string;
                                receivedDate: string;
                                payerName: string;
                                payerAccount: string;
                                externalRef: string;
                                /** @description applied to orders, net of take-backs */
                                allocated: string;
                                /** @description the advance part (预收): amount − allocated − held by refunds */
                                advance: string;
                                refundHeld: string;
                                refunded: string;
                                refundable: string;
                                /** @enum {string} */
                                source: "manual" | "gateway" | "statement" | "import";
                                sourceRef: string | null;
                                reconciledAt: string | null;
                                baseRate: string | null;
                                baseAmount: string | null;
                                createdAt: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Enter a receipt (pending review), optionally with allocations; confirm: true confirms at once where self-confirmation is allowed */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description required: one effect per key; a repeat returns the first answer with Idempotent-Replayed: true */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        customerId: string;
                        /** @enum {string} */
                        kind: "order_payment" | "prepayment";
                        /** @description decimal string in major units of the currency, e.g. "1234.56"; never a JSON number */
                        amount: string;
                        /** @description ISO 4217 code */
                        currency: string;
                        /** @enum {string} */
                        channel: "bank_transfer" | "cash" | "cheque" | "alipay" | "wechat_pay" | "stripe" | "other";
                        /**
                         * Format: date
                         * @description YYYY-MM-DD in the tenant’s time zone
                         */
                        receivedDate: string;
                        payerName?: string;
                        payerAccount?: string;
                        externalRef?: string;
                        remarks?: string;
                        attachments?: {
                            name: string;
                            url?: string;
                            sizeBytes?: number;
                            contentType?: string;
                        }[];
                        allocations?: {
                            /** Format: uuid */
                            orderId: string;
                            /** Format: uuid */
                            instalmentId?: string;
                            /** @description in the order’s currency */
                            amount: string;
                            /** @description only for an order in another currency: units of the order’s currency per unit of the receipt’s */
                            exchangeRate?: string;
                        }[];
                        autoAllocate?: boolean;
                        /** @description base-currency units per unit of the receipt’s currency; else the recorded rate of the received date */
                        exchangeRate?: string;
                        /** @description confirm at once (self-confirmation): needs receipts.confirm and a tenant that allows it */
                        confirm?: boolean;
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
                            /** Format: uuid */
                            id: string;
                            /** @description RC-YYYY-nnnnnn */
                            number: string;
                            customer: {
                                /** Format: uuid */
                                id: string;
                                code: string;
                                name: string;
                                ownerId: string | null;
                                departmentId: string | null;
                            };
                            /** @enum {string} */
                            kind: "order_payment" | "prepayment";
                            /** @enum {string} */
                            status: "pending" | "confirmed" | "rejected" | "voided";
                            currency: string;
                            amount: string;
                            channel: string;
                            receivedDate: string;
                            payerName: string;
                            payerAccount: string;
                            externalRef: string;
                            /** @description applied to orders, net of take-backs */
                            allocated: string;
                            /** @description the advance part (预收): amount − allocated − held by refunds */
                            advance: string;
                            refundHeld: string;
                            refunded: string;
                            refundable: string;
                            /** @enum {string} */
                            source: "manual" | "gateway" | "statement" | "import";
                            sourceRef: string | null;
                            reconciledAt: string | null;
                            baseRate: string | null;
                            baseAmount: string | null;
                            createdAt: string;
                            remarks: string;
                            attachments: {
                                name: string;
                                url?: string;
                                sizeBytes?: number;
                                contentType?: string;
                            }[];
                            baseCurrency: string;
                            requestedAllocations: {
                                /** Format: uuid */
                                orderId: string;
                                orderNumber: string;
                                instalmentId: string | null;
                                amount: string;
                                currency: string;
                                exchangeRate: string | null;
                            }[];
                            autoAllocate: boolean;
                            allocations: {
                                /** Format: uuid */
                                orderId: string;
                                orderNumber: string;
                                currency: string;
                                amount: string;
                                receiptAmount: string;
                            }[];
                            entryId: string | null;
                            voidEntryId: string | null;
                            statusReason: string | null;
                            createdBy: string | null;
                            confirmedBy: string | null;
                            confirmedAt: string | null;
                            rejectedBy: string | null;
                            rejectedAt: string | null;
                            voidedBy: string | null;
                            voidedAt: string | null;
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
    "/api/v1/receipts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One receipt: amounts allocated, advance part, refundable, status, allocations per order */
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
                            /** Format: uuid */
                            id: string;
                            /** @description RC-YYYY-nnnnnn */
                            number: string;
                            customer: {
                                /** Format: uuid */
                                id: string;
                                code: string;
                                name: string;
                                ownerId: string | null;
                                departmentId: string | null;
                            };
                            /** @enum {string} */
                            kind: "order_payment" | "prepayment";
                            /** @enum {string} */
                            status: "pending" | "confirmed" | "rejected" | "voided";
                            currency: string;
                            amount: string;
                            channel: string;
                            receivedDate: string;
                            payerName: string;
                            payerAccount: string;
                            externalRef: string;
                            /** @description applied to orders, net of take-backs */
                            allocated: string;
                            /** @description the advance part (预收): amount − allocated − held by refunds */
                            advance: string;
                            refundHeld: string;
                            refunded: string;
                            refundable: string;
                            /** @enum {string} */
                            source: "manual" | "gateway" | "statement" | "import";
                            sourceRef: string | null;
                            reconciledAt: string | null;
                            baseRate: string | null;
                            baseAmount: string | null;
                            createdAt: string;
                            remarks: string;
                            attachments: {
                                name: string;
                                url?: string;
                                sizeBytes?: number;
                                contentType?: string;
                            }[];
                            baseCurrency: string;
                            requestedAllocations: {
                                /** Format: uuid */
                                orderId: string;
                                orderNumber: string;
                                instalmentId: string | null;
                                amount: string;
                                currency: string;
                                exchangeRate: string | null;
                            }[];
                            autoAllocate: boolean;
                            allocations: {
                                /** Format: uuid */
                                orderId: string;
                                orderNumber: string;
                                currency: string;
                                amount: string;
                                receiptAmount: string;
                            }[];
                            entryId: string | null;
                            voidEntryId: string | null;
                            statusReason: string | null;
                            createdBy: string | null;
                            confirmedBy: string | null;
                            confirmedAt: string | null;
                            rejectedBy: string | null;
                            rejectedAt: string | null;
                            voidedBy: string | null;
                            voidedAt: string | null;
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
    "/api/v1/receipts/{id}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm a pending receipt (someone other than who entered it): posts it with its allocations */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description required: one effect per key; a repeat returns the first answer with Idempotent-Replayed: true */
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        allocations?: {
                            /** Format: uuid */
                            orderId: string;
                            /** Format: uuid */
                            instalmentId?: string;
                            /** @description in the order’s currency */
                            amount: string;
                            /** @description only for an order in another currency: units of the order’s currency per unit of the receipt’s */
                            exchangeRate?: string;
                        }[];
                        autoAllocate?: boolean;
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
                            /** Format: uuid */
                            id: string;
                            /** @description RC-YYYY-nnnnnn */
                            number: string;
                            customer: {
                                /** Format: uuid */
                                id: string;
                                code: string;
                                name: string;
                                ownerId: string | null;
                                departmentId: string | null;
                            };
                            /** @enum {string} */
                            kind: "order_payment" | "prepayment";
                            /** @enum {string} */
                            status: "pending" | "confirmed" | "rejected" | "voided";
                            currency: string;
                            amount: string;
                            channel: string;
                            receivedDate: string;
                            payerName: string;
                            payerAccount: string;
                            externalRef: string;
                            /** @description applied to orders, net of take-backs */
                            allocated: string;
                            /** @description the advance part (预收): amount − allocated − held by refunds */
                            advance: string;
                            refundHeld: string;
                            refunded: string;
                            refundable: string;
                            /** @enum {string} */
                            source: "manual" | "gateway" | "statement" | "import";
                            sourceRef: string | null;
                            reconciledAt: string | null;
                            baseRate: string | null;
                            baseAmount: string | null;
                            createdAt: string;
                            remarks: string;
                            attachments: {
                                name: string;
                                url?: string;
                                sizeBytes?: number;
                                contentType?: string;
                            }[];
                            baseCurrency: string;
                            requestedAllocations: {
                                /** Format: uuid */
                                orderId: string;
                                orderNumber: string;
                                instalmentId: string | null;
                                amount: string;
                                currency: string;
                                exchangeRate: string | null;
                            }[];
                            autoAllocate: boolean;
                            allocations: {
                                /** Format: uuid */
                                orderId: string;
                                orderNumber: string;
                                currency: string;
                                amount: string;
                                receiptAmount: string;
                            }[];
                            entryId: string | null;
                            voidEntryId: string | null;
                            statusReason: string | null;
                            createdBy: string | null;
                            confirmedBy: string | null;
                            confirmedAt: string | null;
                            rejectedBy: string | null;
                            rejectedAt: string | null;
                            voidedBy: string | null;
                            voidedAt: string | null;
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
    "/api/v1/receipts/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reject a pending receipt, with a reason (nothing is posted) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description required: one effect per key; a repeat returns the first answer with Idempotent-Replayed: true */
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
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
                            /** Format: uuid */
                            id: string;
                            /** @description RC-YYYY-nnnnnn */
                            number: string;
                            customer: {
                                /** Format: uuid */
                                id: string;
                                code: string;
                                name: string;
                                ownerId: string | null;
                                departmentId: string | null;
                            };
                            /** @enum {string} */
                            kind: "order_payment" | "prepayment";
                            /** @enum {string} */
                            status: "pending" | "confirmed" | "rejected" | "voided";
                            currency: string;
                            amount: string;
                            channel: string;
                            receivedDate: string;
                            payerName: string;
                            payerAccount: string;
                            externalRef: string;
                            /** @description applied to orders, net of take-backs */
                            allocated: string;
                            /** @description the advance part (预收): amount − allocated − held by refunds */
                            advance: string;
                            refundHeld: string;
                            refunded: string;
                            refundable: string;
                            /** @enum {string} */
                            source: "manual" | "gateway" | "statement" | "import";
                            sourceRef: string | null;
                            reconciledAt: string | null;
                            baseRate: string | null;
                            baseAmount: string | null;
                            createdAt: string;
                            remarks: string;
                            attachments: {
                                name: string;
                                url?: string;
                                sizeBytes?: number;
                                contentType?: string;
                            }[];
                            baseCurrency: string;
                            requestedAllocations: {
                                /** Format: uuid */
                                orderId: string;
                                orderNumber: string;
                                instalmentId: string | null;
                                amount: string;
                                currency: string;
                                exchangeRate: string | null;
                            }[];
                            autoAllocate: boolean;
                            allocations: {
                                /** Format: uuid */
                                orderId: string;
                                orderNumber: string;
                                currency: string;
                                amount: string;
                                receiptAmount: string;
                            }[];
                            entryId: string | null;
                            voidEntryId: string | null;
                            statusReason: string | null;
                            createdBy: string | null;
                            confirmedBy: string | null;
                            confirmedAt: string | null;
                            rejectedBy: string | null;
                            rejectedAt: string | null;
                            voidedBy: string | null;
                            voidedAt: string | null;
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
    "/api/v1/receipts/{id}/allocations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The receipt’s allocation history: every row, signed, with who and when */
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
                            /** Format: uuid */
                            receiptId: string;
                            receiptNumber: string;
                            items: {
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                kind: "allocate" | "deallocate" | "void";
                                /** Format: uuid */
                                orderId: string;
                                orderNumber: string;
                                instalmentId: string | null;
                                instalmentSeq: number | null;
                                instalmentDueDate: string | null;
                                /** @description signed, in the order’s currency */
                                amount: string;
                                currency: string;
                                /** @description signed, in the receipt’s currency */
                                receiptAmount: string;
                                receiptCurrency: string;
                                rate: string | null;
                                /** Format: uuid */
                                entryId: string;
                                createdBy: string | null;
                                createdByLogin: string | null;
                                createdAt: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Allocate the receipt’s advance part to orders (by hand, or oldest due first) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description required: one effect per key; a repeat returns the first answer with Idempotent-Replayed: true */
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        allocations?: {
                            /** Format: uuid */
                            orderId: string;
                            /** Format: uuid */
                            instalmentId?: string;
                            /** @description in the order’s currency */
                            amount: string;
                            /** @description only for an order in another currency: units of the order’s currency per unit of the receipt’s */
                            exchangeRate?: string;
                        }[];
                        autoAllocate?: boolean;
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
                            /** Format: uuid */
                            id: string;
                            /** @description RC-YYYY-nnnnnn */
                            number: string;
                            customer: {
                                /** Format: uuid */
                                id: string;
                                code: string;
                                name: string;
                                ownerId: string | null;
                                departmentId: string | null;
                            };
                            /** @enum {string} */
                            kind: "order_payment" | "prepayment";
                            /** @enum {string} */
                            status: "pending" | "confirmed" | "rejected" | "voided";
                            currency: string;
                            amount: string;
                            channel: string;
                            receivedDate: string;
                            payerName: string;
                            payerAccount: string;
                            externalRef: string;
                            /** @description applied to orders, net of take-backs */
                            allocated: string;
                            /** @description the advance part (预收): amount − allocated − held by refunds */
                            advance: string;
                            refundHeld: string;
                            refunded: string;
                            refundable: string;
                            /** @enum {string} */
                            source: "manual" | "gateway" | "statement" | "import";
                            sourceRef: string | null;
                            reconciledAt: string | null;
                            baseRate: string | null;
                            baseAmount: string | null;
                            createdAt: string;
                            remarks: string;
                            attachments: {
                                name: string;
                                url?: string;
                                sizeBytes?: number;
                                contentType?: string;
                            }[];
                            baseCurrency: string;
                            requestedAllocations: {
                                /** Format: uuid */
                                orderId: string;
                                orderNumber: string;
                                instalmentId: string | null;
                                amount: string;
                                currency: string;
                                exchangeRate: string | null;
                            }[];
                            autoAllocate: boolean;
                            allocations: {
                                /** Format: uuid */
                                orderId: string;
                                orderNumber: string;
                                currency: string;
                                amount: string;
                                receiptAmount: string;
                            }[];
                            entryId: string | null;
                            voidEntryId: string | null;
                            statusReason: string | null;
                            createdBy: string | null;
                            confirmedBy: string | null;
                            confirmedAt: string | null;
                            rejectedBy: string | null;
                            rejectedAt: string | null;
                            voidedBy: string | null;
                            voidedAt: string | null;
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
    "/api/v1/receipts/{id}/deallocations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Take allocations back to the receipt’s advance part (all of them, an order’s, an instalment’s, or an amount of it) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description required: one effect per key; a repeat returns the first answer with Idempotent-Replayed: true */
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        orderId?: string;
                        /** Format: uuid */
                        instalmentId?: string;
                        /** @description in the order’s currency */
                        amount?: string;
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
                            /** Format: uuid */
                            id: string;
                            /** @description RC-YYYY-nnnnnn */
                            number: string;
                            customer: {
                                /** Format: uuid */
                                id: string;
                                code: string;
                                name: string;
                                ownerId: string | null;
                                departmentId: string | null;
                            };
                            /** @enum {string} */
                            kind: "order_payment" | "prepayment";
                            /** @enum {string} */
                            status: "pending" | "confirmed" | "rejected" | "voided";
                            currency: string;
                            amount: string;
                            channel: string;
                            receivedDate: string;
                            payerName: string;
                            payerAccount: string;
                            externalRef: string;
                            /** @description applied to orders, net of take-backs */
                            allocated: string;
                            /** @description the advance part (预收): amount − allocated − held by refunds */
                            advance: string;
                            refundHeld: string;
                            refunded: string;
                            refundable: string;
                            /** @enum {string} */
                            source: "manual" | "gateway" | "statement" | "import";
                            sourceRef: string | null;
                            reconciledAt: string | null;
                            baseRate: string | null;
                            baseAmount: string | null;
                            createdAt: string;
                            remarks: string;
                            attachments: {
                                name: string;
                                url?: string;
                                sizeBytes?: number;
                                contentType?: string;
                            }[];
                            baseCurrency: string;
                            requestedAllocations: {
                                /** Format: uuid */
                                orderId: string;
                                orderNumber: string;
                                instalmentId: string | null;
                                amount: string;
                                currency: string;
                                exchangeRate: string | null;
                            }[];
                            autoAllocate: boolean;
                            allocations: {
                                /** Format: uuid */
                                orderId: string;
                                orderNumber: string;
                                currency: string;
                                amount: string;
                                receiptAmount: string;
                            }[];
                            entryId: string | null;
                            voidEntryId: string | null;
                            statusReason: string | null;
                            createdBy: string | null;
                            confirmedBy: string | null;
                            confirmedAt: string | null;
                            rejectedBy: string | null;
                            rejectedAt: string | null;
                            voidedBy: string | null;
                            voidedAt: string | null;
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
    "/api/v1/receipts/{id}/void": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Void (作废) a confirmed receipt with a reason: takes back its allocations and reverses its money */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description required: one effect per key; a repeat returns the first answer with Idempotent-Replayed: true */
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
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
                            /** Format: uuid */
                            id: string;
                            /** @description RC-YYYY-nnnnnn */
                            number: string;
                            customer: {
                                /** Format: uuid */
                                id: string;
                                code: string;
                                name: string;
                                ownerId: string | null;
                                departmentId: string | null;
                            };
                            /** @enum {string} */
                            kind: "order_payment" | "prepayment";
                            /** @enum {string} */
                            status: "pending" | "confirmed" | "rejected" | "voided";
                            currency: string;
                            amount: string;
                            channel: string;
                            receivedDate: string;
                            payerName: string;
                            payerAccount: string;
                            externalRef: string;
                            /** @description applied to orders, net of take-backs */
                            allocated: string;
                            /** @description the advance part (预收): amount − allocated − held by refunds */
                            advance: string;
                            refundHeld: string;
                            refunded: string;
                            refundable: string;
                            /** @enum {string} */
                            source: "manual" | "gateway" | "statement" | "import";
                            sourceRef: string | null;
                            reconciledAt: string | null;
                            baseRate: string | null;
                            baseAmount: string | null;
                            createdAt: string;
                            remarks: string;
                            attachments: {
                                name: string;
                                url?: string;
                                sizeBytes?: number;
                                contentType?: string;
                            }[];
                            baseCurrency: string;
                            requestedAllocations: {
                                /** Format: uuid */
                                orderId: string;
                                orderNumber: string;
                                instalmentId: string | null;
                                amount: string;
                                currency: string;
                                exchangeRate: string | null;
                            }[];
                            autoAllocate: boolean;
                            allocations: {
                                /** Format: uuid */
                                orderId: string;
                                orderNumber: string;
                                currency: string;
                                amount: string;
                                receiptAmount: string;
                            }[];
                            entryId: string | null;
                            voidEntryId: string | null;
                            statusReason: string | null;
                            createdBy: string | null;
                            confirmedBy: string | null;
                            confirmedAt: string | null;
                            rejectedBy: string | null;
                            rejectedAt: string | null;
                            voidedBy: string | null;
                            voidedAt: string | null;
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
    "/api/v1/customers/{id}/advances": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A customer’s advance balance (预收) per currency: balance, held by open refunds, available, and the receipts it comes from */
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
                            /** Format: uuid */
                            customerId: string;
                            advances: {
                                currency: string;
                                /** @description not applied and not refunded */
                                balance: string;
                                /** @description held by open refunds */
                                held: string;
                                available: string;
                                receipts: {
                                    /** Format: uuid */
                                    id: string;
                                    number: string;
                                    receivedDate: string;
                                    amount: string;
                                    allocated: string;
                                    refundHeld: string;
                                    refunded: string;
                                    available: string;
                                }[];
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
    "/api/v1/customers/{id}/advances/apply": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Apply a customer’s advance to an order, or to all open orders oldest due first (auto), drawing on receipts oldest first */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description required: one effect per key; a repeat returns the first answer with Idempotent-Replayed: true */
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        orderId?: string;
                        /** @description decimal string in major units of the currency, e.g. "1234.56"; never a JSON number */
                        amount?: string;
                        /** @description ISO 4217 code */
                        currency?: string;
                        auto?: boolean;
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
                            /** Format: uuid */
                            customerId: string;
                            /** Format: uuid */
                            entryId: string;
                            applied: {
                                /** Format: uuid */
                                receiptId: string;
                                receiptNumber: string;
                                /** Format: uuid */
                                orderId: string;
                                orderNumber: string;
                                /** Format: uuid */
                                instalmentId: string;
                                amount: string;
                                currency: string;
                            }[];
                            advances: {
                                currency: string;
                                /** @description not applied and not refunded */
                                balance: string;
                                /** @description held by open refunds */
                                held: string;
                                available: string;
                                receipts: {
                                    /** Format: uuid */
                                    id: string;
                                    number: string;
                                    receivedDate: string;
                                    amount: string;
                                    allocated: string;
                                    refundHeld: string;
                                    refunded: string;
                                    available: string;
                                }[];
                            }[];
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
    "/api/v1/refunds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List refunds of the customers you may see, newest first */
        get: {
            parameters: {
                query?: {
                    customer?: string;
                    owner?: string;
                    /** @description this department and its sub-departments */
                    department?: string;
                    receipt?: string;
                    status?: "requested" | "approved" | "paid" | "rejected" | "cancelled";
                    reasonCode?: "duplicate_payment" | "overpayment" | "order_cancelled" | "goodwill" | "other";
                    channel?: "bank_transfer" | "cash" | "cheque" | "alipay" | "wechat_pay" | "stripe" | "other";
                    /** @description only refunds you could approve now */
                    awaitingMyApproval?: boolean;
                    /** @description YYYY-MM-DD in the tenant’s time zone */
                    from?: string;
                    /** @description YYYY-MM-DD in the tenant’s time zone */
                    to?: string;
                    /** @description ISO 4217 code */
                    currency?: string;
                    /** @description decimal string in major units of the currency, e.g. "1234.56"; never a JSON number */
                    minAmount?: string;
                    /** @description decimal string in major units of the currency, e.g. "1234.56"; never a JSON number */
                    maxAmount?: string;
                    sort?: "newest" | "oldest";
                    cursor?: string;
                    limit?: number;
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
                            items: {
                                /** Format: uuid */
                                id: string;
                                /** @description RF-YYYY-nnnnnn */
                                number: string;
                                /** Format: uuid */
                                customerId: string;
                                customerCode: string;
                                customerName: string;
                                /** @description null: from the advance balance (see sources) */
                                receiptId: string | null;
                                receiptNumber: string | null;
                                currency: string;
                                /** @description decimal string in major units */
                                amount: string;
                                /** @enum {unknown} */
                                reasonCode: "duplicate_payment" | "overpayment" | "order_cancelled" | "goodwill" | "other";
                                reasonText: string;
                                /** @enum {unknown} */
                                status: "requested" | "approved" | "paid" | "rejected" | "cancelled";
                                approvalsNeeded: number;
                                approvals: number;
                                requestedBy: string | null;
                                /** Format: date-time */
                                requestedAt: string;
                                firstApprovedBy: string | null;
                                firstApprovedAt: string | null;
                                approvedBy: string | null;
                                approvedAt: string | null;
                                closedBy: string | null;
                                closedAt: string | null;
                                closeReason: string | null;
                                paidChannel: string | null;
                                paidExternalRef: string | null;
                                paidDate: string | null;
                                approveEntryId: string | null;
                                payEntryId: string | null;
                                sources: {
                                    /** Format: uuid */
                                    receiptId: string;
                                    receiptNumber: string;
                                    amount: string;
                                }[];
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Request a refund from a receipt, or (without receiptId) from the customer’s advance balance */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description required: one effect per key; a repeat returns the first answer with Idempotent-Replayed: true */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        customerId: string;
                        /** Format: uuid */
                        receiptId?: string;
                        /** @description decimal string in major units of the currency, e.g. "1234.56"; never a JSON number */
                        amount: string;
                        /** @description ISO 4217 code */
                        currency: string;
                        /** @enum {unknown} */
                        reasonCode: "duplicate_payment" | "overpayment" | "order_cancelled" | "goodwill" | "other";
                        reasonText?: string;
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
                            /** Format: uuid */
                            id: string;
                            /** @description RF-YYYY-nnnnnn */
                            number: string;
                            /** Format: uuid */
                            customerId: string;
                            customerCode: string;
                            customerName: string;
                            /** @description null: from the advance balance (see sources) */
                            receiptId: string | null;
                            receiptNumber: string | null;
                            currency: string;
                            /** @description decimal string in major units */
                            amount: string;
                            /** @enum {unknown} */
                            reasonCode: "duplicate_payment" | "overpayment" | "order_cancelled" | "goodwill" | "other";
                            reasonText: string;
                            /** @enum {unknown} */
                            status: "requested" | "approved" | "paid" | "rejected" | "cancelled";
                            approvalsNeeded: number;
                            approvals: number;
                            requestedBy: string | null;
                            /** Format: date-time */
                            requestedAt: string;
                            firstApprovedBy: string | null;
                            firstApprovedAt: string | null;
                            approvedBy: string | null;
                            approvedAt: string | null;
                            closedBy: string | null;
                            closedAt: string | null;
                            closeReason: string | null;
                            paidChannel: string | null;
                            paidExternalRef: string | null;
                            paidDate: string | null;
                            approveEntryId: string | null;
                            payEntryId: string | null;
                            sources: {
                                /** Format: uuid */
                                receiptId: string;
                                receiptNumber: string;
                                amount: string;
                            }[];
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
    "/api/v1/refunds/refundable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What can still be refunded: from one receipt, or from a customer’s advance balance in a currency */
        get: {
            parameters: {
                query?: {
                    receiptId?: string;
                    customerId?: string;
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
                            /** Format: uuid */
                            customerId: string;
                            currency: string;
                            receiptId: string | null;
                            /** @description decimal string in major units: what can still be refunded */
                            refundable: string;
                            receipts: {
                                /** Format: uuid */
                                receiptId: string;
                                number: string;
                                receivedDate: string;
                                amount: string;
                                allocated: string;
                                held: string;
                                refundable: string;
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
    "/api/v1/refunds/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One refund with the receipts it draws on */
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
                            /** Format: uuid */
                            id: string;
                            /** @description RF-YYYY-nnnnnn */
                            number: string;
                            /** Format: uuid */
                            customerId: string;
                            customerCode: string;
                            customerName: string;
                            /** @description null: from the advance balance (see sources) */
                            receiptId: string | null;
                            receiptNumber: string | null;
                            currency: string;
                            /** @description decimal string in major units */
                            amount: string;
                            /** @enum {unknown} */
                            reasonCode: "duplicate_payment" | "overpayment" | "order_cancelled" | "goodwill" | "other";
                            reasonText: string;
                            /** @enum {unknown} */
                            status: "requested" | "approved" | "paid" | "rejected" | "cancelled";
                            approvalsNeeded: number;
                            approvals: number;
                            requestedBy: string | null;
                            /** Format: date-time */
                            requestedAt: string;
                            firstApprovedBy: string | null;
                            firstApprovedAt: string | null;
                            approvedBy: string | null;
                            approvedAt: string | null;
                            closedBy: string | null;
                            closedAt: string | null;
                            closeReason: string | null;
                            paidChannel: string | null;
                            paidExternalRef: string | null;
                            paidDate: string | null;
                            approveEntryId: string | null;
                            payEntryId: string | null;
                            sources: {
                                /** Format: uuid */
                                receiptId: string;
                                receiptNumber: string;
                                amount: string;
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
    "/api/v1/refunds/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve (another person than the requester; above the tenant threshold, two different approvers) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description required: one effect per key; a repeat returns the first answer with Idempotent-Replayed: true */
                    "idempotency-key"?: string;
                };
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
                            /** Format: uuid */
                            id: string;
                            /** @description RF-YYYY-nnnnnn */
                            number: string;
                            /** Format: uuid */
                            customerId: string;
                            customerCode: string;
                            customerName: string;
                            /** @description null: from the advance balance (see sources) */
                            receiptId: string | null;
                            receiptNumber: string | null;
                            currency: string;
                            /** @description decimal string in major units */
                            amount: string;
                            /** @enum {unknown} */
                            reasonCode: "duplicate_payment" | "overpayment" | "order_cancelled" | "goodwill" | "other";
                            reasonText: string;
                            /** @enum {unknown} */
                            status: "requested" | "approved" | "paid" | "rejected" | "cancelled";
                            approvalsNeeded: number;
                            approvals: number;
                            requestedBy: string | null;
                            /** Format: date-time */
                            requestedAt: string;
                            firstApprovedBy: string | null;
                            firstApprovedAt: string | null;
                            approvedBy: string | null;
                            approvedAt: string | null;
                            closedBy: string | null;
                            closedAt: string | null;
                            closeReason: string | null;
                            paidChannel: string | null;
                            paidExternalRef: string | null;
                            paidDate: string | null;
                            approveEntryId: string | null;
                            payEntryId: string | null;
                            sources: {
                                /** Format: uuid */
                                receiptId: string;
                                receiptNumber: string;
                                amount: string;
                            }[];
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
    "/api/v1/refunds/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reject a requested or approved (unpaid) refund, with a reason */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description required: one effect per key; a repeat returns the first answer with Idempotent-Replayed: true */
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
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
                            /** Format: uuid */
                            id: string;
                            /** @description RF-YYYY-nnnnnn */
                            number: string;
                            /** Format: uuid */
                            customerId: string;
                            customerCode: string;
                            customerName: string;
                            /** @description null: from the advance balance (see sources) */
                            receiptId: string | null;
                            receiptNumber: string | null;
                            currency: string;
                            /** @description decimal string in major units */
                            amount: string;
                            /** @enum {unknown} */
                            reasonCode: "duplicate_payment" | "overpayment" | "order_cancelled" | "goodwill" | "other";
                            reasonText: string;
                            /** @enum {unknown} */
                            status: "requested" | "approved" | "paid" | "rejected" | "cancelled";
                            approvalsNeeded: number;
                            approvals: number;
                            requestedBy: string | null;
                            /** Format: date-time */
                            requestedAt: string;
                            firstApprovedBy: string | null;
                            firstApprovedAt: string | null;
                            approvedBy: string | null;
                            approvedAt: string | null;
                            closedBy: string | null;
                            closedAt: string | null;
                            closeReason: string | null;
                            paidChannel: string | null;
                            paidExternalRef: string | null;
                            paidDate: string | null;
                            approveEntryId: string | null;
                            payEntryId: string | null;
                            sources: {
                                /** Format: uuid */
                                receiptId: string;
                                receiptNumber: string;
                                amount: string;
                            }[];
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
    "/api/v1/refunds/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a requested or approved (unpaid) refund, with a reason */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description required: one effect per key; a repeat returns the first answer with Idempotent-Replayed: true */
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
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
                            /** Format: uuid */
                            id: string;
                            /** @description RF-YYYY-nnnnnn */
                            number: string;
                            /** Format: uuid */
                            customerId: string;
                            customerCode: string;
                            customerName: string;
                            /** @description null: from the advance balance (see sources) */
                            receiptId: string | null;
                            receiptNumber: string | null;
                            currency: string;
                            /** @description decimal string in major units */
                            amount: string;
                            /** @enum {unknown} */
                            reasonCode: "duplicate_payment" | "overpayment" | "order_cancelled" | "goodwill" | "other";
                            reasonText: string;
                            /** @enum {unknown} */
                            status: "requested" | "approved" | "paid" | "rejected" | "cancelled";
                            approvalsNeeded: number;
                            approvals: number;
                            requestedBy: string | null;
                            /** Format: date-time */
                            requestedAt: string;
                            firstApprovedBy: string | null;
                            firstApprovedAt: string | null;
                            approvedBy: string | null;
                            approvedAt: string | null;
                            closedBy: string | null;
                            closedAt: string | null;
                            closeReason: string | null;
                            paidChannel: string | null;
                            paidExternalRef: string | null;
                            paidDate: string | null;
                            approveEntryId: string | null;
                            payEntryId: string | null;
                            sources: {
                                /** Format: uuid */
                                receiptId: string;
                                receiptNumber: string;
                                amount: string;
                            }[];
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
    "/api/v1/refunds/{id}/pay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record the payment of an approved refund */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description required: one effect per key; a repeat returns the first answer with Idempotent-Replayed: true */
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {unknown} */
                        channel: "bank_transfer" | "cash" | "cheque" | "alipay" | "wechat_pay" | "stripe" | "other";
                        externalRef?: string;
                        /**
                         * Format: date
                         * @description YYYY-MM-DD in the tenant’s time zone
                         */
                        paidDate: string;
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
                            /** Format: uuid */
                            id: string;
                            /** @description RF-YYYY-nnnnnn */
                            number: string;
                            /** Format: uuid */
                            customerId: string;
                            customerCode: string;
                            customerName: string;
                            /** @description null: from the advance balance (see sources) */
                            receiptId: string | null;
                            receiptNumber: string | null;
                            currency: string;
                            /** @description decimal string in major units */
                            amount: string;
                            /** @enum {unknown} */
                            reasonCode: "duplicate_payment" | "overpayment" | "order_cancelled" | "goodwill" | "other";
                            reasonText: string;
                            /** @enum {unknown} */
                            status: "requested" | "approved" | "paid" | "rejected" | "cancelled";
                            approvalsNeeded: number;
                            approvals: number;
                            requestedBy: string | null;
                            /** Format: date-time */
                            requestedAt: string;
                            firstApprovedBy: string | null;
                            firstApprovedAt: string | null;
                            approvedBy: string | null;
                            approvedAt: string | null;
                            closedBy: string | null;
                            closedAt: string | null;
                            closeReason: string | null;
                            paidChannel: string | null;
                            paidExternalRef: string | null;
                            paidDate: string | null;
                            approveEntryId: string | null;
                            payEntryId: string | null;
                            sources: {
                                /** Format: uuid */
                                receiptId: string;
                                receiptNumber: string;
                                amount: string;
                            }[];
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
    "/api/v1/permissions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The permissions and data scopes custom roles are built from */
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
                            permissions: string[];
                            dataScopes: ("own" | "department" | "all")[];
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
    "/api/v1/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List roles, built-in and custom */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    cursor?: string;
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
                            items: {
                                code: string;
                                name: string;
                                permissions: string[];
                                /**
                                 * @description own: their customers; department: their department and sub-departments; all
                                 * @enum {unknown}
                                 */
                                dataScope: "own" | "department" | "all";
                                builtin: boolean;
                                userCount: number;
                                /** Format: date-time */
                                createdAt: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a custom role */
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
                        code: string;
                        name: string;
                        permissions: string[];
                        /**
                         * @description own: their customers; department: their department and sub-departments; all
                         * @enum {unknown}
                         */
                        dataScope: "own" | "department" | "all";
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
                            code: string;
                            name: string;
                            permissions: string[];
                            /**
                             * @description own: their customers; department: their department and sub-departments; all
                             * @enum {unknown}
                             */
                            dataScope: "own" | "department" | "all";
                            builtin: boolean;
                            userCount: number;
                            /** Format: date-time */
                            createdAt: string;
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
    "/api/v1/roles/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One role */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    code: string;
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
                            code: string;
                            name: string;
                            permissions: string[];
                            /**
                             * @description own: their customers; department: their department and sub-departments; all
                             * @enum {unknown}
                             */
                            dataScope: "own" | "department" | "all";
                            builtin: boolean;
                            userCount: number;
                            /** Format: date-time */
                            createdAt: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a custom role that no user has */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    code: string;
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
        /** Change a custom role (built-in roles are read-only) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    code: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        permissions?: string[];
                        /**
                         * @description own: their customers; department: their department and sub-departments; all
                         * @enum {unknown}
                         */
                        dataScope?: "own" | "department" | "all";
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
                            code: string;
                            name: string;
                            permissions: string[];
                            /**
                             * @description own: their customers; department: their department and sub-departments; all
                             * @enum {unknown}
                             */
                            dataScope: "own" | "department" | "all";
                            builtin: boolean;
                            userCount: number;
                            /** Format: date-time */
                            createdAt: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's settings */
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
                            /** Format: uuid */
                            id: string;
                            slug: string;
                            name: string;
                            /** @description IANA time zone of business dates */
                            timeZone: string;
                            /** @description ISO 4217 */
                            baseCurrency: string;
                            graceDays: number;
                            allowSelfConfirm: boolean;
                            /** @description Webhook subscriptions may target private addresses; honoured only where the operator allows it (KX_WEBHOOK_ALLOW_PRIVATE=tenant) */
                            allowPrivateWebhookTargets: boolean;
                            /** @description decimal string in major units of the base currency ("5000.00"); null: no second approval */
                            refundSecondApprovalAmount: string | null;
                            sessionIdleMinutes: number;
                            sessionAbsoluteMinutes: number;
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
        /** Change the tenant's settings (the base currency only before anything is posted) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        timeZone?: string;
                        baseCurrency?: string;
                        graceDays?: number;
                        allowSelfConfirm?: boolean;
                        allowPrivateWebhookTargets?: boolean;
                        /** @description decimal string in major units of the base currency ("5000.00"); null: no second approval */
                        refundSecondApprovalAmount?: null | string;
                        sessionIdleMinutes?: number;
                        sessionAbsoluteMinutes?: number;
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
                            /** Format: uuid */
                            id: string;
                            slug: string;
                            name: string;
                            /** @description IANA time zone of business dates */
                            timeZone: string;
                            /** @description ISO 4217 */
                            baseCurrency: string;
                            graceDays: number;
                            allowSelfConfirm: boolean;
                            /** @description Webhook subscriptions may target private addresses; honoured only where the operator allows it (KX_WEBHOOK_ALLOW_PRIVATE=tenant) */
                            allowPrivateWebhookTargets: boolean;
                            /** @description decimal string in major units of the base currency ("5000.00"); null: no second approval */
                            refundSecondApprovalAmount: string | null;
                            sessionIdleMinutes: number;
                            sessionAbsoluteMinutes: number;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/statements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Imported statements, newest first */
        get: {
            parameters: {
                query?: {
                    accountId?: string;
                    cursor?: string;
                    limit?: number;
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
                            items: {
                                /** Format: uuid */
                                id: string;
                                /** @description ST-YYYY-nnnnnn */
                                number: string;
                                format: string;
                                statementRef: string;
                                accountId: string;
                                currency: string;
                                openingBalance: string | null;
                                closingBalance: string | null;
                                fromDate: string | null;
                                toDate: string | null;
                                filename: string;
                                lineCount: number;
                                /** @description lines not seen before for this account */
                                newLines: number;
                                /** @description lines imported before (recognised by fingerprint) and skipped */
                                duplicateLines: number;
                                warnings: {
                                    code: string;
                                    message: string;
                                    position?: number;
                                    details?: {
                                        [key: string]: string;
                                    };
                                }[];
                                counts: {
                                    unmatched: number;
                                    suggested: number;
                                    matched: number;
                                    ignored: number;
                                };
                                importedBy: string | null;
                                importedAt: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Import a bank statement file (CAMT.053, MT940/MT942, CSV/XLSX with a column mapping, Alipay/WeChat Pay bill exports): the file is the body */
        post: {
            parameters: {
                query?: {
                    format?: "auto" | "camt053" | "mt940" | "mt942" | "csv" | "xlsx" | "alipay_csv" | "wechat_csv";
                    encoding?: "auto" | "utf-8" | "gbk";
                    mappingId?: string;
                    filename?: string;
                    /** @description for files that do not say (CSV without a currency column); default the tenant’s base currency */
                    currency?: string;
                };
                header?: {
                    /** @description required: one effect per key; a repeat returns the first answer with Idempotent-Replayed: true */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: uuid */
                                id: string;
                                /** @description ST-YYYY-nnnnnn */
                                number: string;
                                format: string;
                                statementRef: string;
                                accountId: string;
                                currency: string;
                                openingBalance: string | null;
                                closingBalance: string | null;
                                fromDate: string | null;
                                toDate: string | null;
                                filename: string;
                                lineCount: number;
                                /** @description lines not seen before for this account */
                                newLines: number;
                                /** @description lines imported before (recognised by fingerprint) and skipped */
                                duplicateLines: number;
                                warnings: {
                                    code: string;
                                    message: string;
                                    position?: number;
                                    details?: {
                                        [key: string]: string;
                                    };
                                }[];
                                counts: {
                                    unmatched: number;
                                    suggested: number;
                                    matched: number;
                                    ignored: number;
                                };
                                importedBy: string | null;
                                importedAt: string;
                            }[];
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
    "/api/v1/statements/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One statement with its checks and line counts per status */
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
                            /** Format: uuid */
                            id: string;
                            /** @description ST-YYYY-nnnnnn */
                            number: string;
                            format: string;
                            statementRef: string;
                            accountId: string;
                            currency: string;
                            openingBalance: string | null;
                            closingBalance: string | null;
                            fromDate: string | null;
                            toDate: string | null;
                            filename: string;
                            lineCount: number;
                            /** @description lines not seen before for this account */
                            newLines: number;
                            /** @description lines imported before (recognised by fingerprint) and skipped */
                            duplicateLines: number;
                            warnings: {
                                code: string;
                                message: string;
                                position?: number;
                                details?: {
                                    [key: string]: string;
                                };
                            }[];
                            counts: {
                                unmatched: number;
                                suggested: number;
                                matched: number;
                                ignored: number;
                            };
                            importedBy: string | null;
                            importedAt: string;
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
    "/api/v1/statements/{id}/lines": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A statement’s lines in file order */
        get: {
            parameters: {
                query?: {
                    status?: "unmatched" | "suggested" | "matched" | "ignored";
                    cursor?: string;
                    limit?: number;
                };
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
                            items: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                statementId: string;
                                position: number;
                                bookingDate: string;
                                valueDate: string | null;
                                /** @description signed decimal string: + money in, − money out */
                                amount: string;
                                currency: string;
                                counterpartyName: string;
                                counterpartyAccount: string;
                                bankRef: string;
                                endToEndRef: string;
                                description: string;
                                /** @enum {string} */
                                status: "unmatched" | "suggested" | "matched" | "ignored";
                                statusReason: string | null;
                                bestScore: number | null;
                                customerId: string | null;
                                matchedReceipts: {
                                    /** Format: uuid */
                                    id: string;
                                    number: string;
                                    amount: string;
                                }[];
                                matchedBy: string | null;
                                matchedAt: string | null;
                            }[];
                            nextCursor: string | null;
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
    "/api/v1/statements/{id}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept every unambiguous suggestion scoring at least minScore (each line its own match; failures listed) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description required: one effect per key; a repeat returns the first answer with Idempotent-Replayed: true */
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        minScore: number;
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
                            accepted: number;
                            skipped: {
                                /** Format: uuid */
                                lineId: string;
                                position: number;
                                reason: string;
                            }[];
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
    "/api/v1/statements/{id}/rematch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Match the open lines again against today’s open items */
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
                            lines: number;
                            suggested: number;
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
    "/api/v1/statement-lines/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One statement line */
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
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            statementId: string;
                            position: number;
                            bookingDate: string;
                            valueDate: string | null;
                            /** @description signed decimal string: + money in, − money out */
                            amount: string;
                            currency: string;
                            counterpartyName: string;
                            counterpartyAccount: string;
                            bankRef: string;
                            endToEndRef: string;
                            description: string;
                            /** @enum {string} */
                            status: "unmatched" | "suggested" | "matched" | "ignored";
                            statusReason: string | null;
                            bestScore: number | null;
                            customerId: string | null;
                            matchedReceipts: {
                                /** Format: uuid */
                                id: string;
                                number: string;
                                amount: string;
                            }[];
                            matchedBy: string | null;
                            matchedAt: string | null;
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
    "/api/v1/statement-lines/{id}/candidates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The matcher’s suggestions for a line: score, the signals behind it in words, the items */
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
                            items: {
                                score: number;
                                /** Format: uuid */
                                customerId: string;
                                customerName: string;
                                signals: {
                                    kind: string;
                                    weight: number;
                                    detail: string;
                                }[];
                                lineIds: string[];
                                items: {
                                    /** @enum {string} */
                                    kind: "receipt" | "instalment";
                                    /** Format: uuid */
                                    id: string;
                                    number: string;
                                    amount: string;
                                    currency: string;
                                    dueDate: string | null;
                                    open: boolean;
                                }[];
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
    "/api/v1/statement-lines/{id}/match": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept a match: reconcile recorded receipts and/or record a confirmed receipt for open instalments (the rest to the advance) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description required: one effect per key; a repeat returns the first answer with Idempotent-Replayed: true */
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        customerId?: string;
                        items: {
                            /** @enum {string} */
                            kind: "receipt" | "instalment";
                            /** Format: uuid */
                            id: string;
                            /** @description decimal string in major units of the currency, e.g. "1234.56"; never a JSON number */
                            amount?: string;
                        }[];
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
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            statementId: string;
                            position: number;
                            bookingDate: string;
                            valueDate: string | null;
                            /** @description signed decimal string: + money in, − money out */
                            amount: string;
                            currency: string;
                            counterpartyName: string;
                            counterpartyAccount: string;
                            bankRef: string;
                            endToEndRef: string;
                            description: string;
                            /** @enum {string} */
                            status: "unmatched" | "suggested" | "matched" | "ignored";
                            statusReason: string | null;
                            bestScore: number | null;
                            customerId: string | null;
                            matchedReceipts: {
                                /** Format: uuid */
                                id: string;
                                number: string;
                                amount: string;
                            }[];
                            matchedBy: string | null;
                            matchedAt: string | null;
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
    "/api/v1/statement-lines/{id}/ignore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark a line as needing no match (bank fee, own transfer …), with the reason */
        post: {
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
                        reason: string;
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
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            statementId: string;
                            position: number;
                            bookingDate: string;
                            valueDate: string | null;
                            /** @description signed decimal string: + money in, − money out */
                            amount: string;
                            currency: string;
                            counterpartyName: string;
                            counterpartyAccount: string;
                            bankRef: string;
                            endToEndRef: string;
                            description: string;
                            /** @enum {string} */
                            status: "unmatched" | "suggested" | "matched" | "ignored";
                            statusReason: string | null;
                            bestScore: number | null;
                            customerId: string | null;
                            matchedReceipts: {
                                /** Format: uuid */
                                id: string;
                                number: string;
                                amount: string;
                            }[];
                            matchedBy: string | null;
                            matchedAt: string | null;
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
    "/api/v1/statement-lines/{id}/unmatch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Undo a match or an ignore (receipts it reconciled become open again; a receipt it recorded stays) */
        post: {
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
                        reason: string;
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
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            statementId: string;
                            position: number;
                            bookingDate: string;
                            valueDate: string | null;
                            /** @description signed decimal string: + money in, − money out */
                            amount: string;
                            currency: string;
                            counterpartyName: string;
                            counterpartyAccount: string;
                            bankRef: string;
                            endToEndRef: string;
                            description: string;
                            /** @enum {string} */
                            status: "unmatched" | "suggested" | "matched" | "ignored";
                            statusReason: string | null;
                            bestScore: number | null;
                            customerId: string | null;
                            matchedReceipts: {
                                /** Format: uuid */
                                id: string;
                                number: string;
                                amount: string;
                            }[];
                            matchedBy: string | null;
                            matchedAt: string | null;
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
    "/api/v1/statement-mappings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Saved CSV/XLSX column mappings */
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
                                /** Format: uuid */
                                id: string;
                                name: string;
                                definition: {
                                    name?: string;
                                    /** @enum {string} */
                                    preset?: "alipay" | "wechat" | "icbc" | "cmb" | "cn_bank";
                                    /** @enum {string} */
                                    encoding?: "auto" | "utf-8" | "gbk";
                                    /** @description lines before the header row; absent: the header is found among the first rows */
                                    skipRows?: number;
                                    /** @enum {string} */
                                    delimiter?: "auto" | "," | ";" | "\t" | "|";
                                    columns: {
                                        /** @description header name, or 1-based column number as text */
                                        bookingDate?: string;
                                        /** @description header name, or 1-based column number as text */
                                        valueDate?: string;
                                        /** @description header name, or 1-based column number as text */
                                        amount?: string;
                                        /** @description header name, or 1-based column number as text */
                                        credit?: string;
                                        /** @description header name, or 1-based column number as text */
                                        debit?: string;
                                        /** @description header name, or 1-based column number as text */
                                        direction?: string;
                                        /** @description header name, or 1-based column number as text */
                                        currency?: string;
                                        /** @description header name, or 1-based column number as text */
                                        counterpartyName?: string;
                                        /** @description header name, or 1-based column number as text */
                                        counterpartyAccount?: string;
                                        /** @description header name, or 1-based column number as text */
                                        bankRef?: string;
                                        /** @description header name, or 1-based column number as text */
                                        endToEndRef?: string;
                                        /** @description one column, or several whose texts are joined */
                                        description?: string | string[];
                                        /** @description header name, or 1-based column number as text */
                                        balance?: string;
                                    };
                                    /** @enum {string} */
                                    dateFormat?: "auto" | "YYYY-MM-DD" | "YYYY/MM/DD" | "YYYYMMDD" | "YYYY-MM-DD HH:mm:ss" | "DD.MM.YYYY" | "DD/MM/YYYY" | "MM/DD/YYYY" | "YYYY年MM月DD日";
                                    defaultCurrency?: string;
                                    /** @enum {string} */
                                    decimalSeparator?: "." | ",";
                                };
                                createdAt: string;
                                updatedAt: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Save a column mapping (checked as the importer will read it) */
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
                        definition: {
                            [key: string]: unknown;
                        };
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
                            /** Format: uuid */
                            id: string;
                            name: string;
                            definition: {
                                name?: string;
                                /** @enum {string} */
                                preset?: "alipay" | "wechat" | "icbc" | "cmb" | "cn_bank";
                                /** @enum {string} */
                                encoding?: "auto" | "utf-8" | "gbk";
                                /** @description lines before the header row; absent: the header is found among the first rows */
                                skipRows?: number;
                                /** @enum {string} */
                                delimiter?: "auto" | "," | ";" | "\t" | "|";
                                columns: {
                                    /** @description header name, or 1-based column number as text */
                                    bookingDate?: string;
                                    /** @description header name, or 1-based column number as text */
                                    valueDate?: string;
                                    /** @description header name, or 1-based column number as text */
                                    amount?: string;
                                    /** @description header name, or 1-based column number as text */
                                    credit?: string;
                                    /** @description header name, or 1-based column number as text */
                                    debit?: string;
                                    /** @description header name, or 1-based column number as text */
                                    direction?: string;
                                    /** @description header name, or 1-based column number as text */
                                    currency?: string;
                                    /** @description header name, or 1-based column number as text */
                                    counterpartyName?: string;
                                    /** @description header name, or 1-based column number as text */
                                    counterpartyAccount?: string;
                                    /** @description header name, or 1-based column number as text */
                                    bankRef?: string;
                                    /** @description header name, or 1-based column number as text */
                                    endToEndRef?: string;
                                    /** @description one column, or several whose texts are joined */
                                    description?: string | string[];
                                    /** @description header name, or 1-based column number as text */
                                    balance?: string;
                                };
                                /** @enum {string} */
                                dateFormat?: "auto" | "YYYY-MM-DD" | "YYYY/MM/DD" | "YYYYMMDD" | "YYYY-MM-DD HH:mm:ss" | "DD.MM.YYYY" | "DD/MM/YYYY" | "MM/DD/YYYY" | "YYYY年MM月DD日";
                                defaultCurrency?: string;
                                /** @enum {string} */
                                decimalSeparator?: "." | ",";
                            };
                            createdAt: string;
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
    "/api/v1/statement-mappings/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a column mapping */
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
        /** Rename or change a column mapping */
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
                        definition?: {
                            [key: string]: unknown;
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
                            /** Format: uuid */
                            id: string;
                            name: string;
                            definition: {
                                name?: string;
                                /** @enum {string} */
                                preset?: "alipay" | "wechat" | "icbc" | "cmb" | "cn_bank";
                                /** @enum {string} */
                                encoding?: "auto" | "utf-8" | "gbk";
                                /** @description lines before the header row; absent: the header is found among the first rows */
                                skipRows?: number;
                                /** @enum {string} */
                                delimiter?: "auto" | "," | ";" | "\t" | "|";
                                columns: {
                                    /** @description header name, or 1-based column number as text */
                                    bookingDate?: string;
                                    /** @description header name, or 1-based column number as text */
                                    valueDate?: string;
                                    /** @description header name, or 1-based column number as text */
                                    amount?: string;
                                    /** @description header name, or 1-based column number as text */
                                    credit?: string;
                                    /** @description header name, or 1-based column number as text */
                                    debit?: string;
                                    /** @description header name, or 1-based column number as text */
                                    direction?: string;
                                    /** @description header name, or 1-based column number as text */
                                    currency?: string;
                                    /** @description header name, or 1-based column number as text */
                                    counterpartyName?: string;
                                    /** @description header name, or 1-based column number as text */
                                    counterpartyAccount?: string;
                                    /** @description header name, or 1-based column number as text */
                                    bankRef?: string;
                                    /** @description header name, or 1-based column number as text */
                                    endToEndRef?: string;
                                    /** @description one column, or several whose texts are joined */
                                    description?: string | string[];
                                    /** @description header name, or 1-based column number as text */
                                    balance?: string;
                                };
                                /** @enum {string} */
                                dateFormat?: "auto" | "YYYY-MM-DD" | "YYYY/MM/DD" | "YYYYMMDD" | "YYYY-MM-DD HH:mm:ss" | "DD.MM.YYYY" | "DD/MM/YYYY" | "MM/DD/YYYY" | "YYYY年MM月DD日";
                                defaultCurrency?: string;
                                /** @enum {string} */
                                decimalSeparator?: "." | ",";
                            };
                            createdAt: string;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List users (directory; contact details masked without sensitive.view) */
        get: {
            parameters: {
                query?: {
                    role?: string;
                    departmentId?: string;
                    disabled?: boolean;
                    limit?: number;
                    cursor?: string;
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
                            items: {
                                /** Format: uuid */
                                id: string;
                                login: string;
                                displayName: string;
                                /** @description masked (z***@example.com) without sensitive.view */
                                email: string | null;
                                /** @description masked (138****5678) without sensitive.view */
                                phone: string | null;
                                role: string;
                                departmentId: string | null;
                                disabled: boolean;
                                disabledAt: string | null;
                                /** Format: date-time */
                                createdAt: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a user (users.manage) */
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
                        /** @description 2–64 letters, digits, ".", "_", "-", "@"; unique per tenant ignoring case */
                        login: string;
                        displayName: string;
                        email?: null | string;
                        phone?: null | string;
                        role: string;
                        departmentId?: null | string;
                        /** @description 8–64 characters */
                        password: string;
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
                            /** Format: uuid */
                            id: string;
                            login: string;
                            displayName: string;
                            /** @description masked (z***@example.com) without sensitive.view */
                            email: string | null;
                            /** @description masked (138****5678) without sensitive.view */
                            phone: string | null;
                            role: string;
                            departmentId: string | null;
                            disabled: boolean;
                            disabledAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
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
    "/api/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One user */
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
                            /** Format: uuid */
                            id: string;
                            login: string;
                            displayName: string;
                            /** @description masked (z***@example.com) without sensitive.view */
                            email: string | null;
                            /** @description masked (138****5678) without sensitive.view */
                            phone: string | null;
                            role: string;
                            departmentId: string | null;
                            disabled: boolean;
                            disabledAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
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
        /** Change a user (users.manage); a new role ends their sessions */
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
                        displayName?: string;
                        email?: null | string;
                        phone?: null | string;
                        role?: string;
                        departmentId?: null | string;
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
                            /** Format: uuid */
                            id: string;
                            login: string;
                            displayName: string;
                            /** @description masked (z***@example.com) without sensitive.view */
                            email: string | null;
                            /** @description masked (138****5678) without sensitive.view */
                            phone: string | null;
                            role: string;
                            departmentId: string | null;
                            disabled: boolean;
                            disabledAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/users/{id}/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Disable a user and end all their sessions (users.manage) */
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
                            /** Format: uuid */
                            id: string;
                            login: string;
                            displayName: string;
                            /** @description masked (z***@example.com) without sensitive.view */
                            email: string | null;
                            /** @description masked (138****5678) without sensitive.view */
                            phone: string | null;
                            role: string;
                            departmentId: string | null;
                            disabled: boolean;
                            disabledAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
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
    "/api/v1/users/{id}/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Enable a disabled user (users.manage) */
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
                            /** Format: uuid */
                            id: string;
                            login: string;
                            displayName: string;
                            /** @description masked (z***@example.com) without sensitive.view */
                            email: string | null;
                            /** @description masked (138****5678) without sensitive.view */
                            phone: string | null;
                            role: string;
                            departmentId: string | null;
                            disabled: boolean;
                            disabledAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
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
    "/api/v1/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your imports, newest first */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
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
                            items: {
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                kind: "customers" | "orders" | "receipts";
                                /** @enum {string} */
                                format: "csv" | "xlsx";
                                filename: string;
                                /** @enum {string} */
                                status: "validating" | "validated" | "importing" | "done" | "failed";
                                mode: ("all_or_nothing" | "valid_only") | null;
                                totalRows: number;
                                /** @description rows validated (status validating) or written/skipped (status importing) so far */
                                processedRows: number;
                                validRows: number;
                                errorRows: number;
                                importedRows: number;
                                /** @description valid_only: valid rows the use case refused at commit (their problem is in errors) */
                                skippedRows: number;
                                /** @description the first 200 problems in row order; all of them in errors.csv */
                                errors: {
                                    row: number;
                                    column: string;
                                    code: string;
                                    message: string;
                                }[];
                                errorCount: number;
                                failure: {
                                    code: string;
                                    message: string;
                                } | null;
                                createdAt: string;
                                validatedAt: string | null;
                                finishedAt: string | null;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Upload a CSV or XLSX file to import (the raw file as the body); answers 202 with the job, validated in the background */
        post: {
            parameters: {
                query: {
                    kind: "customers" | "orders" | "receipts";
                    format: "csv" | "xlsx";
                    filename?: string;
                    /** @description CSV only: auto = UTF-8 when valid, else GBK */
                    encoding?: "auto" | "utf-8" | "gbk";
                };
                header?: {
                    /** @description required: one effect per key; a repeat returns the first answer with Idempotent-Replayed: true */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            kind: "customers" | "orders" | "receipts";
                            /** @enum {string} */
                            format: "csv" | "xlsx";
                            filename: string;
                            /** @enum {string} */
                            status: "validating" | "validated" | "importing" | "done" | "failed";
                            mode: ("all_or_nothing" | "valid_only") | null;
                            totalRows: number;
                            /** @description rows validated (status validating) or written/skipped (status importing) so far */
                            processedRows: number;
                            validRows: number;
                            errorRows: number;
                            importedRows: number;
                            /** @description valid_only: valid rows the use case refused at commit (their problem is in errors) */
                            skippedRows: number;
                            /** @description the first 200 problems in row order; all of them in errors.csv */
                            errors: {
                                row: number;
                                column: string;
                                code: string;
                                message: string;
                            }[];
                            errorCount: number;
                            failure: {
                                code: string;
                                message: string;
                            } | null;
                            createdAt: string;
                            validatedAt: string | null;
                            finishedAt: string | null;
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
    "/api/v1/imports/templates/{kind}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A template to fill in: headers in Chinese and English, an example row; XLSX explains each column */
        get: {
            parameters: {
                query?: {
                    format?: "csv" | "xlsx";
                };
                header?: never;
                path: {
                    kind: "customers" | "orders" | "receipts";
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
    "/api/v1/imports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One import: status and progress */
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
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            kind: "customers" | "orders" | "receipts";
                            /** @enum {string} */
                            format: "csv" | "xlsx";
                            filename: string;
                            /** @enum {string} */
                            status: "validating" | "validated" | "importing" | "done" | "failed";
                            mode: ("all_or_nothing" | "valid_only") | null;
                            totalRows: number;
                            /** @description rows validated (status validating) or written/skipped (status importing) so far */
                            processedRows: number;
                            validRows: number;
                            errorRows: number;
                            importedRows: number;
                            /** @description valid_only: valid rows the use case refused at commit (their problem is in errors) */
                            skippedRows: number;
                            /** @description the first 200 problems in row order; all of them in errors.csv */
                            errors: {
                                row: number;
                                column: string;
                                code: string;
                                message: string;
                            }[];
                            errorCount: number;
                            failure: {
                                code: string;
                                message: string;
                            } | null;
                            createdAt: string;
                            validatedAt: string | null;
                            finishedAt: string | null;
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
    "/api/v1/imports/{id}/errors.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every problem of an import as CSV (row, column, code, message); cells are safe from formula injection */
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
    "/api/v1/imports/{id}/commit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import a validated file: all_or_nothing (refused when any row has errors; one transaction) or valid_only (each record on its own); 202, runs in the background */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description required: one effect per key; a repeat returns the first answer with Idempotent-Replayed: true */
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        mode: "all_or_nothing" | "valid_only";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            kind: "customers" | "orders" | "receipts";
                            /** @enum {string} */
                            format: "csv" | "xlsx";
                            filename: string;
                            /** @enum {string} */
                            status: "validating" | "validated" | "importing" | "done" | "failed";
                            mode: ("all_or_nothing" | "valid_only") | null;
                            totalRows: number;
                            /** @description rows validated (status validating) or written/skipped (status importing) so far */
                            processedRows: number;
                            validRows: number;
                            errorRows: number;
                            importedRows: number;
                            /** @description valid_only: valid rows the use case refused at commit (their problem is in errors) */
                            skippedRows: number;
                            /** @description the first 200 problems in row order; all of them in errors.csv */
                            errors: {
                                row: number;
                                column: string;
                                code: string;
                                message: string;
                            }[];
                            errorCount: number;
                            failure: {
                                code: string;
                                message: string;
                            } | null;
                            createdAt: string;
                            validatedAt: string | null;
                            finishedAt: string | null;
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
    "/api/v1/integrations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the tenant's gateway integrations */
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
                                /** Format: uuid */
                                id: string;
                                /** @enum {unknown} */
                                provider: "stripe" | "alipay" | "wechatpay" | "generic";
                                name: string;
                                enabled: boolean;
                                config: {
                                    /** @description alipay: the app id notifications are for */
                                    appId?: string;
                                    /** @description wechatpay: merchant id */
                                    mchId?: string;
                                    /** @description wechatpay: serial of the platform certificate */
                                    platformSerial?: string;
                                    /** @description generic: the cash channel its money lands in (default other) */
                                    defaultChannel?: string;
                                    /** @description money matched to a customer but no order goes to their oldest open orders */
                                    autoAllocate?: boolean;
                                };
                                secretsSet: string[];
                                /** @description where the provider sends notifications */
                                webhookPath: string;
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
        /**
         * Add a gateway integration
         * @description stripe: secrets.webhookSecret. alipay: config.appId, secrets.alipayPublicKey (PEM or base64). wechatpay: config.mchId and platformSerial, secrets.apiV3Key and platformCertificate (PEM). generic: secrets.hmacSecret, or none and one is generated and answered once as generatedSecret.
         */
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
                        /** @enum {unknown} */
                        provider: "stripe" | "alipay" | "wechatpay" | "generic";
                        name: string;
                        config?: {
                            /** @description alipay: the app id notifications are for */
                            appId?: string;
                            /** @description wechatpay: merchant id */
                            mchId?: string;
                            /** @description wechatpay: serial of the platform certificate */
                            platformSerial?: string;
                            /** @description generic: the cash channel its money lands in (default other) */
                            defaultChannel?: string;
                            /** @description money matched to a customer but no order goes to their oldest open orders */
                            autoAllocate?: boolean;
                        };
                        /** @description write-only: stored encrypted, never answered (secretsSet lists the names of those set) */
                        secrets?: {
                            webhookSecret?: string;
                            alipayPublicKey?: string;
                            apiV3Key?: string;
                            platformCertificate?: string;
                            hmacSecret?: string;
                        };
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
                            /** Format: uuid */
                            id: string;
                            /** @enum {unknown} */
                            provider: "stripe" | "alipay" | "wechatpay" | "generic";
                            name: string;
                            enabled: boolean;
                            config: {
                                /** @description alipay: the app id notifications are for */
                                appId?: string;
                                /** @description wechatpay: merchant id */
                                mchId?: string;
                                /** @description wechatpay: serial of the platform certificate */
                                platformSerial?: string;
                                /** @description generic: the cash channel its money lands in (default other) */
                                defaultChannel?: string;
                                /** @description money matched to a customer but no order goes to their oldest open orders */
                                autoAllocate?: boolean;
                            };
                            secretsSet: string[];
                            /** @description where the provider sends notifications */
                            webhookPath: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        } & {
                            /** @description shown this once only */
                            generatedSecret?: string;
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
    "/api/v1/integrations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One integration */
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
                            /** Format: uuid */
                            id: string;
                            /** @enum {unknown} */
                            provider: "stripe" | "alipay" | "wechatpay" | "generic";
                            name: string;
                            enabled: boolean;
                            config: {
                                /** @description alipay: the app id notifications are for */
                                appId?: string;
                                /** @description wechatpay: merchant id */
                                mchId?: string;
                                /** @description wechatpay: serial of the platform certificate */
                                platformSerial?: string;
                                /** @description generic: the cash channel its money lands in (default other) */
                                defaultChannel?: string;
                                /** @description money matched to a customer but no order goes to their oldest open orders */
                                autoAllocate?: boolean;
                            };
                            secretsSet: string[];
                            /** @description where the provider sends notifications */
                            webhookPath: string;
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
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Rename, enable or disable an integration, replace its settings, or set secrets
         * @description config replaces the whole settings object; secrets sets the ones named and keeps the others.
         */
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
                        enabled?: boolean;
                        config?: {
                            /** @description alipay: the app id notifications are for */
                            appId?: string;
                            /** @description wechatpay: merchant id */
                            mchId?: string;
                            /** @description wechatpay: serial of the platform certificate */
                            platformSerial?: string;
                            /** @description generic: the cash channel its money lands in (default other) */
                            defaultChannel?: string;
                            /** @description money matched to a customer but no order goes to their oldest open orders */
                            autoAllocate?: boolean;
                        };
                        /** @description write-only: stored encrypted, never answered (secretsSet lists the names of those set) */
                        secrets?: {
                            webhookSecret?: string;
                            alipayPublicKey?: string;
                            apiV3Key?: string;
                            platformCertificate?: string;
                            hmacSecret?: string;
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
                            /** Format: uuid */
                            id: string;
                            /** @enum {unknown} */
                            provider: "stripe" | "alipay" | "wechatpay" | "generic";
                            name: string;
                            enabled: boolean;
                            config: {
                                /** @description alipay: the app id notifications are for */
                                appId?: string;
                                /** @description wechatpay: merchant id */
                                mchId?: string;
                                /** @description wechatpay: serial of the platform certificate */
                                platformSerial?: string;
                                /** @description generic: the cash channel its money lands in (default other) */
                                defaultChannel?: string;
                                /** @description money matched to a customer but no order goes to their oldest open orders */
                                autoAllocate?: boolean;
                            };
                            secretsSet: string[];
                            /** @description where the provider sends notifications */
                            webhookPath: string;
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
    "/api/v1/webhooks/{provider}/{integrationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Receive a payment-gateway notification (Stripe, Alipay, WeChat Pay, generic HMAC)
         * @description Public: verified by the provider's signature over the raw body. Stored once per event id, then processed in the background. Answers: Stripe/generic 200 {received:true}; Alipay text "success"; WeChat Pay 200 {code:"SUCCESS"}. Refusals (401 bad signature or stale timestamp, 404 unknown or disabled integration, 400 bad body) are logged under GET /api/v1/webhook-rejections.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    provider: "stripe" | "alipay" | "wechatpay" | "generic";
                    integrationId: string;
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
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/gateway-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Gateway events, newest first */
        get: {
            parameters: {
                query?: {
                    status?: "received" | "processed" | "ignored" | "unmatched" | "failed" | "conflict";
                    provider?: "stripe" | "alipay" | "wechatpay" | "generic";
                    integrationId?: string;
                    cursor?: string;
                    limit?: number;
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
                            items: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                integrationId: string;
                                /** @enum {unknown} */
                                provider: "stripe" | "alipay" | "wechatpay" | "generic";
                                /** @description the provider's event id */
                                eventId: string;
                                providerType: string;
                                /** @enum {unknown} */
                                status: "received" | "processed" | "ignored" | "unmatched" | "failed" | "conflict";
                                kind: ("payment_succeeded" | "payment_failed" | "refund_succeeded" | "dispute_opened" | "fee_charged") | null;
                                amount: string | null;
                                currency: string | null;
                                /** Format: date-time */
                                receivedAt: string;
                                processedAt: string | null;
                                receiptId: string | null;
                                receiptNumber: string | null;
                                refundId: string | null;
                                error: {
                                    code: string;
                                    message: string;
                                } | null;
                                attempts: number;
                            }[];
                            nextCursor: string | null;
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
    "/api/v1/gateway-events/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One gateway event with its payload and how it was verified */
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
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            integrationId: string;
                            /** @enum {unknown} */
                            provider: "stripe" | "alipay" | "wechatpay" | "generic";
                            /** @description the provider's event id */
                            eventId: string;
                            providerType: string;
                            /** @enum {unknown} */
                            status: "received" | "processed" | "ignored" | "unmatched" | "failed" | "conflict";
                            kind: ("payment_succeeded" | "payment_failed" | "refund_succeeded" | "dispute_opened" | "fee_charged") | null;
                            amount: string | null;
                            currency: string | null;
                            /** Format: date-time */
                            receivedAt: string;
                            processedAt: string | null;
                            receiptId: string | null;
                            receiptNumber: string | null;
                            refundId: string | null;
                            error: {
                                code: string;
                                message: string;
                            } | null;
                            attempts: number;
                        } & {
                            /** @description the notification as received (WeChat Pay: with its resource decrypted) */
                            payload: string;
                            verification: {
                                ok: boolean;
                                method: string;
                                detail: string;
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
    "/api/v1/gateway-events/{id}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Process a failed or unmatched event again
         * @description Its effects are keyed by the provider's ids: a replay never makes a second receipt or refund.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description required: one effect per key; a repeat returns the first answer with Idempotent-Replayed: true */
                    "idempotency-key"?: string;
                };
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
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            integrationId: string;
                            /** @enum {unknown} */
                            provider: "stripe" | "alipay" | "wechatpay" | "generic";
                            /** @description the provider's event id */
                            eventId: string;
                            providerType: string;
                            /** @enum {unknown} */
                            status: "received" | "processed" | "ignored" | "unmatched" | "failed" | "conflict";
                            kind: ("payment_succeeded" | "payment_failed" | "refund_succeeded" | "dispute_opened" | "fee_charged") | null;
                            amount: string | null;
                            currency: string | null;
                            /** Format: date-time */
                            receivedAt: string;
                            processedAt: string | null;
                            receiptId: string | null;
                            receiptNumber: string | null;
                            refundId: string | null;
                            error: {
                                code: string;
                                message: string;
                            } | null;
                            attempts: number;
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
    "/api/v1/gateway-events/{id}/assign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Name the customer (and order) of an unmatched payment: its confirmed receipt is made
         * @description The payer is remembered (payer aliases), so their next payment matches by itself.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description required: one effect per key; a repeat returns the first answer with Idempotent-Replayed: true */
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        customerId: string;
                        /** Format: uuid */
                        orderId?: string;
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
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            integrationId: string;
                            /** @enum {unknown} */
                            provider: "stripe" | "alipay" | "wechatpay" | "generic";
                            /** @description the provider's event id */
                            eventId: string;
                            providerType: string;
                            /** @enum {unknown} */
                            status: "received" | "processed" | "ignored" | "unmatched" | "failed" | "conflict";
                            kind: ("payment_succeeded" | "payment_failed" | "refund_succeeded" | "dispute_opened" | "fee_charged") | null;
                            amount: string | null;
                            currency: string | null;
                            /** Format: date-time */
                            receivedAt: string;
                            processedAt: string | null;
                            receiptId: string | null;
                            receiptNumber: string | null;
                            refundId: string | null;
                            error: {
                                code: string;
                                message: string;
                            } | null;
                            attempts: number;
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
    "/api/v1/webhook-rejections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Refused webhook deliveries (bad signature, stale, unknown or disabled integration), newest first */
        get: {
            parameters: {
                query?: {
                    integrationId?: string;
                    cursor?: string;
                    limit?: number;
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
                            items: {
                                /** Format: uuid */
                                id: string;
                                integrationId: string | null;
                                provider: string;
                                /** @description a stable error code */
                                reason: string;
                                detail: string;
                                /** Format: date-time */
                                receivedAt: string;
                                ip: string | null;
                            }[];
                            nextCursor: string | null;
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
    "/api/v1/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Alerts within your data scope, newest first (alerts.view) */
        get: {
            parameters: {
                query?: {
                    status?: "open" | "acknowledged" | "resolved" | "unresolved";
                    severity?: "info" | "warning" | "critical";
                    rule?: "overdue_instalment" | "due_soon" | "duplicate_receipt" | "overpayment" | "large_amount" | "refund_after_receipt" | "refund_ratio" | "unusual_amount" | "payer_mismatch" | "back_dated" | "structuring" | "unallocated_aging" | "statement_unbalanced" | "webhook_signature_burst" | "dispute_opened";
                    customerId?: string;
                    assigneeId?: string;
                    limit?: number;
                    cursor?: string;
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
                            items: {
                                /** Format: uuid */
                                id: string;
                                rule: string;
                                /** @enum {unknown} */
                                severity: "info" | "warning" | "critical";
                                /** @enum {unknown} */
                                status: "open" | "acknowledged" | "resolved";
                                messageKey: string;
                                params: {
                                    [key: string]: string;
                                };
                                message: {
                                    zh: string;
                                    en: string;
                                };
                                links: {
                                    type: string;
                                    id: string;
                                    label: string;
                                }[];
                                customerId: string | null;
                                customerName: string | null;
                                assigneeId: string | null;
                                assigneeName: string | null;
                                /** Format: date-time */
                                raisedAt: string;
                                acknowledgedAt: string | null;
                                acknowledgedBy: string | null;
                                resolvedAt: string | null;
                                resolvedBy: string | null;
                                resolution: ("manual" | "auto") | null;
                                resolutionNote: string | null;
                            }[];
                            nextCursor: string | null;
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
    "/api/v1/alerts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One alert with its explanation (zh and en) and links */
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
                            /** Format: uuid */
                            id: string;
                            rule: string;
                            /** @enum {unknown} */
                            severity: "info" | "warning" | "critical";
                            /** @enum {unknown} */
                            status: "open" | "acknowledged" | "resolved";
                            messageKey: string;
                            params: {
                                [key: string]: string;
                            };
                            message: {
                                zh: string;
                                en: string;
                            };
                            links: {
                                type: string;
                                id: string;
                                label: string;
                            }[];
                            customerId: string | null;
                            customerName: string | null;
                            assigneeId: string | null;
                            assigneeName: string | null;
                            /** Format: date-time */
                            raisedAt: string;
                            acknowledgedAt: string | null;
                            acknowledgedBy: string | null;
                            resolvedAt: string | null;
                            resolvedBy: string | null;
                            resolution: ("manual" | "auto") | null;
                            resolutionNote: string | null;
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
    "/api/v1/alerts/{id}/acknowledge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Acknowledge an open alert (alerts.handle) */
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
                            /** Format: uuid */
                            id: string;
                            rule: string;
                            /** @enum {unknown} */
                            severity: "info" | "warning" | "critical";
                            /** @enum {unknown} */
                            status: "open" | "acknowledged" | "resolved";
                            messageKey: string;
                            params: {
                                [key: string]: string;
                            };
                            message: {
                                zh: string;
                                en: string;
                            };
                            links: {
                                type: string;
                                id: string;
                                label: string;
                            }[];
                            customerId: string | null;
                            customerName: string | null;
                            assigneeId: string | null;
                            assigneeName: string | null;
                            /** Format: date-time */
                            raisedAt: string;
                            acknowledgedAt: string | null;
                            acknowledgedBy: string | null;
                            resolvedAt: string | null;
                            resolvedBy: string | null;
                            resolution: ("manual" | "auto") | null;
                            resolutionNote: string | null;
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
    "/api/v1/alerts/{id}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resolve an alert with a note saying how (alerts.handle) */
        post: {
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
                        note?: string;
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
                            /** Format: uuid */
                            id: string;
                            rule: string;
                            /** @enum {unknown} */
                            severity: "info" | "warning" | "critical";
                            /** @enum {unknown} */
                            status: "open" | "acknowledged" | "resolved";
                            messageKey: string;
                            params: {
                                [key: string]: string;
                            };
                            message: {
                                zh: string;
                                en: string;
                            };
                            links: {
                                type: string;
                                id: string;
                                label: string;
                            }[];
                            customerId: string | null;
                            customerName: string | null;
                            assigneeId: string | null;
                            assigneeName: string | null;
                            /** Format: date-time */
                            raisedAt: string;
                            acknowledgedAt: string | null;
                            acknowledgedBy: string | null;
                            resolvedAt: string | null;
                            resolvedBy: string | null;
                            resolution: ("manual" | "auto") | null;
                            resolutionNote: string | null;
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
    "/api/v1/alerts/{id}/assign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Assign an alert to a user, or unassign it with null (alerts.handle) */
        post: {
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
                        assigneeId: string | null;
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
                            /** Format: uuid */
                            id: string;
                            rule: string;
                            /** @enum {unknown} */
                            severity: "info" | "warning" | "critical";
                            /** @enum {unknown} */
                            status: "open" | "acknowledged" | "resolved";
                            messageKey: string;
                            params: {
                                [key: string]: string;
                            };
                            message: {
                                zh: string;
                                en: string;
                            };
                            links: {
                                type: string;
                                id: string;
                                label: string;
                            }[];
                            customerId: string | null;
                            customerName: string | null;
                            assigneeId: string | null;
                            assigneeName: string | null;
                            /** Format: date-time */
                            raisedAt: string;
                            acknowledgedAt: string | null;
                            acknowledgedBy: string | null;
                            resolvedAt: string | null;
                            resolvedBy: string | null;
                            resolution: ("manual" | "auto") | null;
                            resolutionNote: string | null;
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
    "/api/v1/alert-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's alert rules: on/off, severity, parameters, recipients (alerts.view) */
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
                            rules: {
                                /** @enum {unknown} */
                                rule: "overdue_instalment" | "due_soon" | "duplicate_receipt" | "overpayment" | "large_amount" | "refund_after_receipt" | "refund_ratio" | "unusual_amount" | "payer_mismatch" | "back_dated" | "structuring" | "unallocated_aging" | "statement_unbalanced" | "webhook_signature_burst" | "dispute_opened";
                                enabled: boolean;
                                /** @enum {unknown} */
                                severity: "info" | "warning" | "critical";
                                /** @enum {unknown} */
                                defaultSeverity: "info" | "warning" | "critical";
                                params: {
                                    [key: string]: number;
                                };
                                ranges: {
                                    [key: string]: {
                                        min: number;
                                        max: number;
                                        default: number;
                                    };
                                };
                                recipients: {
                                    users: string[];
                                    roles: string[];
                                };
                            }[];
                        };
                    };
                };
            };
        };
        /** Change the settings of the rules given (alerts.manage); the others keep theirs */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        rules: {
                            rule: string;
                            enabled: boolean;
                            severity: string;
                            params: {
                                [key: string]: number;
                            };
                            recipients: {
                                users: string[];
                                roles: string[];
                            };
                        }[];
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
                            rules: {
                                /** @enum {unknown} */
                                rule: "overdue_instalment" | "due_soon" | "duplicate_receipt" | "overpayment" | "large_amount" | "refund_after_receipt" | "refund_ratio" | "unusual_amount" | "payer_mismatch" | "back_dated" | "structuring" | "unallocated_aging" | "statement_unbalanced" | "webhook_signature_burst" | "dispute_opened";
                                enabled: boolean;
                                /** @enum {unknown} */
                                severity: "info" | "warning" | "critical";
                                /** @enum {unknown} */
                                defaultSeverity: "info" | "warning" | "critical";
                                params: {
                                    [key: string]: number;
                                };
                                ranges: {
                                    [key: string]: {
                                        min: number;
                                        max: number;
                                        default: number;
                                    };
                                };
                                recipients: {
                                    users: string[];
                                    roles: string[];
                                };
                            }[];
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My notifications, newest first */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                    unread?: boolean;
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
                            items: {
                                /** Format: uuid */
                                id: string;
                                type: string;
                                /** Format: uuid */
                                eventId: string;
                                title: {
                                    zh: string;
                                    en: string;
                                };
                                body: {
                                    zh: string;
                                    en: string;
                                };
                                payload: unknown;
                                /** Format: date-time */
                                createdAt: string;
                                readAt: string | null;
                            }[];
                            nextCursor: string | null;
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
    "/api/v1/notifications/unread-count": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How many of my notifications are unread (the bell's badge) */
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
                            unread: number;
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
    "/api/v1/notifications/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark some of my notifications read */
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
                        ids: string[];
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
                            marked: number;
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
    "/api/v1/notifications/read-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark all my notifications read */
        post: {
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
                            marked: number;
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
    "/api/v1/notification-preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My notification preferences */
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
                            emailEnabled: boolean;
                            /** @enum {unknown} */
                            language: "zh" | "en";
                            email: string | null;
                        };
                    };
                };
            };
        };
        /** Set my notification preferences (email opt-in, language of emails) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        emailEnabled?: boolean;
                        /** @enum {unknown} */
                        language?: "zh" | "en";
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
                            emailEnabled: boolean;
                            /** @enum {unknown} */
                            language: "zh" | "en";
                            email: string | null;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhook-subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List outbound webhook subscriptions */
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
                                /** Format: uuid */
                                id: string;
                                url: string;
                                description: string;
                                eventTypes: string[];
                                active: boolean;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                            }[];
                            /** @description The operator's ceiling on private targets (KX_WEBHOOK_ALLOW_PRIVATE): never, where the tenant allows it, or always */
                            privateTargets: "never" | "tenant" | "always";
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Subscribe a URL to events
         * @description The answer carries the signing secret, this once only: deliveries are signed with it (Kx-Signature, see docs/webhooks.md).
         */
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
                        /** @description http(s) URL; must resolve to public addresses unless private targets are allowed */
                        url: string;
                        /** @description * or any of receipt.recorded, receipt.confirmed, receipt.voided, refund.requested, refund.approved, refund.paid, refund.rejected, statement.imported, alert.raised, alert.resolved, instalment.overdue, report.delivered, notification.test */
                        eventTypes: string[];
                        description?: string;
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
                            /** Format: uuid */
                            id: string;
                            url: string;
                            description: string;
                            eventTypes: string[];
                            active: boolean;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        } & {
                            /** @description shown this once only */
                            secret: string;
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
    "/api/v1/webhook-subscriptions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a subscription's URL, event types or description, or disable / enable it */
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
                        /** @description http(s) URL; must resolve to public addresses unless private targets are allowed */
                        url?: string;
                        /** @description * or any of receipt.recorded, receipt.confirmed, receipt.voided, refund.requested, refund.approved, refund.paid, refund.rejected, statement.imported, alert.raised, alert.resolved, instalment.overdue, report.delivered, notification.test */
                        eventTypes?: string[];
                        description?: string;
                        active?: boolean;
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
                            /** Format: uuid */
                            id: string;
                            url: string;
                            description: string;
                            eventTypes: string[];
                            active: boolean;
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
    "/api/v1/webhook-subscriptions/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A subscription's delivery log, newest first */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                    status?: "pending" | "succeeded" | "failed";
                };
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
                            items: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                eventId: string;
                                type: string;
                                /** @enum {unknown} */
                                status: "pending" | "succeeded" | "failed";
                                attempts: number;
                                nextAttemptAt: string | null;
                                lastStatusCode: number | null;
                                lastError: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                finishedAt: string | null;
                            }[];
                            nextCursor: string | null;
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
    "/api/v1/webhook-subscriptions/{id}/deliveries/{deliveryId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One delivery with its body and every attempt */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    deliveryId: string;
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
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            eventId: string;
                            type: string;
                            /** @enum {unknown} */
                            status: "pending" | "succeeded" | "failed";
                            attempts: number;
                            nextAttemptAt: string | null;
                            lastStatusCode: number | null;
                            lastError: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            finishedAt: string | null;
                        } & {
                            body: string;
                            attemptLog: {
                                attemptNo: number;
                                /** Format: date-time */
                                startedAt: string;
                                durationMs: number;
                                statusCode: number | null;
                                error: string | null;
                                responseBody: string | null;
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
    "/api/v1/webhook-subscriptions/{id}/deliveries/{deliveryId}/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a delivery again now */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    deliveryId: string;
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
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            eventId: string;
                            type: string;
                            /** @enum {unknown} */
                            status: "pending" | "succeeded" | "failed";
                            attempts: number;
                            nextAttemptAt: string | null;
                            lastStatusCode: number | null;
                            lastError: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            finishedAt: string | null;
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
    "/api/v1/exports/receipts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Export receipts (the list's filters, scope and masking; needs data.export; at most 200000 rows, audited) */
        get: {
            parameters: {
                query: {
                    /** @description csv (UTF-8 with BOM, formula-safe), xlsx (typed cells), pdf (at most 10000 rows) */
                    format: "csv" | "xlsx" | "pdf";
                    /** @description language of the column titles (default zh) */
                    lang?: "zh" | "en";
                    customer?: string;
                    owner?: string;
                    department?: string;
                    channel?: "bank_transfer" | "cash" | "cheque" | "alipay" | "wechat_pay" | "stripe" | "other";
                    status?: "pending" | "confirmed" | "rejected" | "voided";
                    kind?: "order_payment" | "prepayment";
                    /** @description ISO 4217 code */
                    currency?: string;
                    /** @description YYYY-MM-DD in the tenant’s time zone */
                    receivedFrom?: string;
                    /** @description YYYY-MM-DD in the tenant’s time zone */
                    receivedTo?: string;
                    /** @description in `currency` (required with an amount range) */
                    amountMin?: string;
                    /** @description in `currency` (required with an amount range) */
                    amountMax?: string;
                    /** @description part of the number, payer name or external reference */
                    q?: string;
                    sort?: "receivedDate" | "-receivedDate" | "amount" | "-amount";
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
    "/api/v1/exports/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Export orders (the list's filters, scope and masking; needs data.export; at most 200000 rows, audited) */
        get: {
            parameters: {
                query: {
                    /** @description csv (UTF-8 with BOM, formula-safe), xlsx (typed cells), pdf (at most 10000 rows) */
                    format: "csv" | "xlsx" | "pdf";
                    /** @description language of the column titles (default zh) */
                    lang?: "zh" | "en";
                    customer?: string;
                    owner?: string;
                    /** @description this department and its sub-departments */
                    department?: string;
                    product?: string;
                    status?: "draft" | "confirmed" | "completed" | "cancelled";
                    /** @description ISO 4217 code */
                    currency?: string;
                    /** @description YYYY-MM-DD in the tenant’s time zone */
                    signedFrom?: string;
                    /** @description YYYY-MM-DD in the tenant’s time zone */
                    signedTo?: string;
                    /** @description total at least, in major units of currency (currency required) */
                    amountMin?: string;
                    /** @description total at most, in major units of currency (currency required) */
                    amountMax?: string;
                    /** @description part of the number or title */
                    q?: string;
                    /** @description default -signedDate */
                    sort?: "signedDate" | "-signedDate" | "number" | "-number" | "total" | "-total";
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
    "/api/v1/exports/refunds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Export refunds (the list's filters, scope and masking; needs data.export; at most 200000 rows, audited) */
        get: {
            parameters: {
                query: {
                    /** @description csv (UTF-8 with BOM, formula-safe), xlsx (typed cells), pdf (at most 10000 rows) */
                    format: "csv" | "xlsx" | "pdf";
                    /** @description language of the column titles (default zh) */
                    lang?: "zh" | "en";
                    customer?: string;
                    owner?: string;
                    /** @description this department and its sub-departments */
                    department?: string;
                    receipt?: string;
                    status?: "requested" | "approved" | "paid" | "rejected" | "cancelled";
                    reasonCode?: "duplicate_payment" | "overpayment" | "order_cancelled" | "goodwill" | "other";
                    channel?: "bank_transfer" | "cash" | "cheque" | "alipay" | "wechat_pay" | "stripe" | "other";
                    /** @description only refunds you could approve now */
                    awaitingMyApproval?: boolean;
                    /** @description YYYY-MM-DD in the tenant’s time zone */
                    from?: string;
                    /** @description YYYY-MM-DD in the tenant’s time zone */
                    to?: string;
                    /** @description ISO 4217 code */
                    currency?: string;
                    /** @description decimal string in major units of the currency, e.g. "1234.56"; never a JSON number */
                    minAmount?: string;
                    /** @description decimal string in major units of the currency, e.g. "1234.56"; never a JSON number */
                    maxAmount?: string;
                    sort?: "newest" | "oldest";
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
    "/api/v1/exports/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Export customers (the list's filters, scope and masking; needs data.export; at most 200000 rows, audited) */
        get: {
            parameters: {
                query: {
                    /** @description csv (UTF-8 with BOM, formula-safe), xlsx (typed cells), pdf (at most 10000 rows) */
                    format: "csv" | "xlsx" | "pdf";
                    /** @description language of the column titles (default zh) */
                    lang?: "zh" | "en";
                    owner?: string;
                    /** @description this department and its sub-departments */
                    department?: string;
                    tag?: string;
                    /** @description part of the name or code */
                    q?: string;
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
    "/api/v1/customers/{id}/statement.pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The customer statement (对账单) as a PDF, every currency: opening balance, movements, totals, closing balance (audited) */
        get: {
            parameters: {
                query?: {
                    /** @description first business date (default: the first of this month) */
                    from?: string;
                    /** @description last business date (default: the end of that month); at most 366 days */
                    to?: string;
                    /** @description language of the column titles (default zh) */
                    lang?: "zh" | "en";
                };
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
    "/api/v1/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Live updates: a text/event-stream of changes to records you may see (receipts, refunds, statements, alerts) */
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
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
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
