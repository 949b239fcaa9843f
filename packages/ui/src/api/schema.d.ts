// Generated from Borda's OpenAPI document by packages/ui/scripts/apiTypes.mjs.
// Do not edit: run `npm run generate:api -w @borda/ui` after changing an API schema.
export interface paths {
    "/edge/v1/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
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
                            /** @enum {string} */
                            status: "ok";
                            version: string;
                            protocolVersion: string;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
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
    "/edge/v1/queue-depth": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    queues?: string;
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
                            queued: number;
                            running: number;
                            total: number;
                            oldest_queued_age_seconds: number | null;
                            queues: {
                                queue: string;
                                queued: number;
                                running: number;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
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
    "/edge/v1/workers/{name}/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        instanceId: string;
                        queues: string[];
                        concurrency: number;
                        version: string;
                        protocolVersion: string;
                        sysinfo: {
                            platform: string;
                            arch: string;
                            cpus: number;
                            loadAverage: number[];
                            memoryTotalBytes: number;
                            memoryFreeBytes: number;
                            diskFreeBytes: number | null;
                            nodeVersion: string;
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
                            directives: {
                                queues: string[];
                                concurrency: number;
                                maintenance: boolean;
                                maintenanceComment: string | null;
                                shutdown: boolean;
                                cancelAttemptIds: string[];
                            };
                            heartbeatIntervalMs: number;
                            fetchWaitMs: number;
                            serverVersion: string;
                            workerTimeoutMs?: number;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
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
    "/edge/v1/workers/{name}/heartbeat": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        instanceId: string;
                        /** @enum {string} */
                        state: "starting" | "running" | "idle" | "maintenance_pending" | "maintenance_mode" | "terminating" | "offline";
                        runningAttemptIds: string[];
                        freeSlots: number;
                        sysinfo: {
                            platform: string;
                            arch: string;
                            cpus: number;
                            loadAverage: number[];
                            memoryTotalBytes: number;
                            memoryFreeBytes: number;
                            diskFreeBytes: number | null;
                            nodeVersion: string;
                        };
                        selfMaintenance?: string | null;
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
                            queues: string[];
                            concurrency: number;
                            maintenance: boolean;
                            maintenanceComment: string | null;
                            shutdown: boolean;
                            cancelAttemptIds: string[];
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
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
    "/edge/v1/workers/{name}/fetch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        instanceId: string;
                        freeSlots: number;
                        waitMs?: number;
                        callbacks?: boolean;
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
                            jobs: {
                                attemptId: string;
                                dagId: string;
                                runId: string;
                                taskId: string;
                                mapIndex: number;
                                tryNumber: number;
                                queue: string;
                                pool: string;
                                poolSlots: number;
                                bundleHash: string;
                                /** @enum {string} */
                                kind: "function" | "bash";
                                /** @enum {string} */
                                runtime?: "node" | "python";
                                python?: {
                                    entry: string;
                                    callable: string | null;
                                    interpreter?: string | null;
                                    bundleHash?: string | null;
                                };
                                /** @enum {string} */
                                isolation: "warm" | "process";
                                executionTimeoutMs: number | null;
                                sensor?: {
                                    /** @enum {string} */
                                    mode: "poke" | "reschedule";
                                    pokeIntervalMs: number;
                                    timeoutMs: number;
                                    softFail: boolean;
                                    exponentialBackoff: boolean;
                                };
                                context: {
                                    dagId: string;
                                    runId: string;
                                    taskId: string;
                                    tryNumber: number;
                                    mapIndex?: number;
                                    logicalDate: string;
                                    dataIntervalStart: string | null;
                                    dataIntervalEnd: string | null;
                                    params: {
                                        [key: string]: unknown;
                                    };
                                    conf: {
                                        [key: string]: unknown;
                                    };
                                    inputs: {
                                        [key: string]: unknown;
                                    };
                                    upstream: {
                                        [key: string]: unknown;
                                    };
                                    triggeringAssetEvents?: {
                                        [key: string]: {
                                            uri: string;
                                            extra: {
                                                [key: string]: unknown;
                                            };
                                            sourceDagId: string | null;
                                            sourceRunId: string | null;
                                            sourceTaskId: string | null;
                                            sourceMapIndex: number | null;
                                            timestamp: string;
                                        }[];
                                    };
                                };
                                started?: boolean;
                            }[];
                            callbacks?: {
                                callbackId: string;
                                claimId: string;
                                dagId: string;
                                runId: string;
                                taskId: string;
                                mapIndex: number;
                                queue: string;
                                bundleHash: string;
                                /** @enum {string} */
                                runtime?: "node" | "python";
                                python?: {
                                    entry: string;
                                    callable: string | null;
                                    interpreter?: string | null;
                                    bundleHash?: string | null;
                                };
                                timeoutMs: number;
                                context: {
                                    dagId: string;
                                    runId: string;
                                    taskId: string;
                                    tryNumber: number;
                                    mapIndex?: number;
                                    logicalDate: string;
                                    dataIntervalStart: string | null;
                                    dataIntervalEnd: string | null;
                                    params: {
                                        [key: string]: unknown;
                                    };
                                    conf: {
                                        [key: string]: unknown;
                                    };
                                    inputs: {
                                        [key: string]: unknown;
                                    };
                                    upstream: {
                                        [key: string]: unknown;
                                    };
                                    triggeringAssetEvents?: {
                                        [key: string]: {
                                            uri: string;
                                            extra: {
                                                [key: string]: unknown;
                                            };
                                            sourceDagId: string | null;
                                            sourceRunId: string | null;
                                            sourceTaskId: string | null;
                                            sourceMapIndex: number | null;
                                            timestamp: string;
                                        }[];
                                    };
                                };
                                callback: {
                                    /** @enum {string} */
                                    event: "success" | "failure" | "retry";
                                    /** @enum {string} */
                                    scope: "task" | "dag";
                                    taskState: string | null;
                                    runState: string | null;
                                    exception: {
                                        type: string;
                                        message: string;
                                    } | null;
                                    reason: string | null;
                                };
                            }[];
                            directives: {
                                queues: string[];
                                concurrency: number;
                                maintenance: boolean;
                                maintenanceComment: string | null;
                                shutdown: boolean;
                                cancelAttemptIds: string[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
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
    "/edge/v1/workers/{name}/callbacks/{callbackId}/result": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                    callbackId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        claimId: string;
                        error: string | null;
                        output: string;
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
                            callbackId: string;
                            state: string;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
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
    "/edge/v1/workers/{name}/attempts/{attemptId}/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                    attemptId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
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
                            attemptId: string;
                            state: string;
                            next?: {
                                jobs: {
                                    attemptId: string;
                                    dagId: string;
                                    runId: string;
                                    taskId: string;
                                    mapIndex: number;
                                    tryNumber: number;
                                    queue: string;
                                    pool: string;
                                    poolSlots: number;
                                    bundleHash: string;
                                    /** @enum {string} */
                                    kind: "function" | "bash";
                                    /** @enum {string} */
                                    runtime?: "node" | "python";
                                    python?: {
                                        entry: string;
                                        callable: string | null;
                                        interpreter?: string | null;
                                        bundleHash?: string | null;
                                    };
                                    /** @enum {string} */
                                    isolation: "warm" | "process";
                                    executionTimeoutMs: number | null;
                                    sensor?: {
                                        /** @enum {string} */
                                        mode: "poke" | "reschedule";
                                        pokeIntervalMs: number;
                                        timeoutMs: number;
                                        softFail: boolean;
                                        exponentialBackoff: boolean;
                                    };
                                    context: {
                                        dagId: string;
                                        runId: string;
                                        taskId: string;
                                        tryNumber: number;
                                        mapIndex?: number;
                                        logicalDate: string;
                                        dataIntervalStart: string | null;
                                        dataIntervalEnd: string | null;
                                        params: {
                                            [key: string]: unknown;
                                        };
                                        conf: {
                                            [key: string]: unknown;
                                        };
                                        inputs: {
                                            [key: string]: unknown;
                                        };
                                        upstream: {
                                            [key: string]: unknown;
                                        };
                                        triggeringAssetEvents?: {
                                            [key: string]: {
                                                uri: string;
                                                extra: {
                                                    [key: string]: unknown;
                                                };
                                                sourceDagId: string | null;
                                                sourceRunId: string | null;
                                                sourceTaskId: string | null;
                                                sourceMapIndex: number | null;
                                                timestamp: string;
                                            }[];
                                        };
                                    };
                                    started?: boolean;
                                }[];
                                callbacks?: {
                                    callbackId: string;
                                    claimId: string;
                                    dagId: string;
                                    runId: string;
                                    taskId: string;
                                    mapIndex: number;
                                    queue: string;
                                    bundleHash: string;
                                    /** @enum {string} */
                                    runtime?: "node" | "python";
                                    python?: {
                                        entry: string;
                                        callable: string | null;
                                        interpreter?: string | null;
                                        bundleHash?: string | null;
                                    };
                                    timeoutMs: number;
                                    context: {
                                        dagId: string;
                                        runId: string;
                                        taskId: string;
                                        tryNumber: number;
                                        mapIndex?: number;
                                        logicalDate: string;
                                        dataIntervalStart: string | null;
                                        dataIntervalEnd: string | null;
                                        params: {
                                            [key: string]: unknown;
                                        };
                                        conf: {
                                            [key: string]: unknown;
                                        };
                                        inputs: {
                                            [key: string]: unknown;
                                        };
                                        upstream: {
                                            [key: string]: unknown;
                                        };
                                        triggeringAssetEvents?: {
                                            [key: string]: {
                                                uri: string;
                                                extra: {
                                                    [key: string]: unknown;
                                                };
                                                sourceDagId: string | null;
                                                sourceRunId: string | null;
                                                sourceTaskId: string | null;
                                                sourceMapIndex: number | null;
                                                timestamp: string;
                                            }[];
                                        };
                                    };
                                    callback: {
                                        /** @enum {string} */
                                        event: "success" | "failure" | "retry";
                                        /** @enum {string} */
                                        scope: "task" | "dag";
                                        taskState: string | null;
                                        runState: string | null;
                                        exception: {
                                            type: string;
                                            message: string;
                                        } | null;
                                        reason: string | null;
                                    };
                                }[];
                                directives: {
                                    queues: string[];
                                    concurrency: number;
                                    maintenance: boolean;
                                    maintenanceComment: string | null;
                                    shutdown: boolean;
                                    cancelAttemptIds: string[];
                                };
                            };
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
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
    "/edge/v1/workers/{name}/attempts/{attemptId}/success": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                    attemptId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        returnValue?: unknown;
                        xcoms?: {
                            [key: string]: unknown;
                        };
                        renderedMapIndex?: string;
                        next?: {
                            instanceId: string;
                            freeSlots: number;
                            callbacks?: boolean;
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
                            attemptId: string;
                            state: string;
                            next?: {
                                jobs: {
                                    attemptId: string;
                                    dagId: string;
                                    runId: string;
                                    taskId: string;
                                    mapIndex: number;
                                    tryNumber: number;
                                    queue: string;
                                    pool: string;
                                    poolSlots: number;
                                    bundleHash: string;
                                    /** @enum {string} */
                                    kind: "function" | "bash";
                                    /** @enum {string} */
                                    runtime?: "node" | "python";
                                    python?: {
                                        entry: string;
                                        callable: string | null;
                                        interpreter?: string | null;
                                        bundleHash?: string | null;
                                    };
                                    /** @enum {string} */
                                    isolation: "warm" | "process";
                                    executionTimeoutMs: number | null;
                                    sensor?: {
                                        /** @enum {string} */
                                        mode: "poke" | "reschedule";
                                        pokeIntervalMs: number;
                                        timeoutMs: number;
                                        softFail: boolean;
                                        exponentialBackoff: boolean;
                                    };
                                    context: {
                                        dagId: string;
                                        runId: string;
                                        taskId: string;
                                        tryNumber: number;
                                        mapIndex?: number;
                                        logicalDate: string;
                                        dataIntervalStart: string | null;
                                        dataIntervalEnd: string | null;
                                        params: {
                                            [key: string]: unknown;
                                        };
                                        conf: {
                                            [key: string]: unknown;
                                        };
                                        inputs: {
                                            [key: string]: unknown;
                                        };
                                        upstream: {
                                            [key: string]: unknown;
                                        };
                                        triggeringAssetEvents?: {
                                            [key: string]: {
                                                uri: string;
                                                extra: {
                                                    [key: string]: unknown;
                                                };
                                                sourceDagId: string | null;
                                                sourceRunId: string | null;
                                                sourceTaskId: string | null;
                                                sourceMapIndex: number | null;
                                                timestamp: string;
                                            }[];
                                        };
                                    };
                                    started?: boolean;
                                }[];
                                callbacks?: {
                                    callbackId: string;
                                    claimId: string;
                                    dagId: string;
                                    runId: string;
                                    taskId: string;
                                    mapIndex: number;
                                    queue: string;
                                    bundleHash: string;
                                    /** @enum {string} */
                                    runtime?: "node" | "python";
                                    python?: {
                                        entry: string;
                                        callable: string | null;
                                        interpreter?: string | null;
                                        bundleHash?: string | null;
                                    };
                                    timeoutMs: number;
                                    context: {
                                        dagId: string;
                                        runId: string;
                                        taskId: string;
                                        tryNumber: number;
                                        mapIndex?: number;
                                        logicalDate: string;
                                        dataIntervalStart: string | null;
                                        dataIntervalEnd: string | null;
                                        params: {
                                            [key: string]: unknown;
                                        };
                                        conf: {
                                            [key: string]: unknown;
                                        };
                                        inputs: {
                                            [key: string]: unknown;
                                        };
                                        upstream: {
                                            [key: string]: unknown;
                                        };
                                        triggeringAssetEvents?: {
                                            [key: string]: {
                                                uri: string;
                                                extra: {
                                                    [key: string]: unknown;
                                                };
                                                sourceDagId: string | null;
                                                sourceRunId: string | null;
                                                sourceTaskId: string | null;
                                                sourceMapIndex: number | null;
                                                timestamp: string;
                                            }[];
                                        };
                                    };
                                    callback: {
                                        /** @enum {string} */
                                        event: "success" | "failure" | "retry";
                                        /** @enum {string} */
                                        scope: "task" | "dag";
                                        taskState: string | null;
                                        runState: string | null;
                                        exception: {
                                            type: string;
                                            message: string;
                                        } | null;
                                        reason: string | null;
                                    };
                                }[];
                                directives: {
                                    queues: string[];
                                    concurrency: number;
                                    maintenance: boolean;
                                    maintenanceComment: string | null;
                                    shutdown: boolean;
                                    cancelAttemptIds: string[];
                                };
                            };
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
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
    "/edge/v1/workers/{name}/attempts/{attemptId}/failure": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                    attemptId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        error: string;
                        exitCode?: number | null;
                        sensorTimeout?: boolean;
                        skipped?: boolean;
                        next?: {
                            instanceId: string;
                            freeSlots: number;
                            callbacks?: boolean;
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
                            attemptId: string;
                            state: string;
                            next?: {
                                jobs: {
                                    attemptId: string;
                                    dagId: string;
                                    runId: string;
                                    taskId: string;
                                    mapIndex: number;
                                    tryNumber: number;
                                    queue: string;
                                    pool: string;
                                    poolSlots: number;
                                    bundleHash: string;
                                    /** @enum {string} */
                                    kind: "function" | "bash";
                                    /** @enum {string} */
                                    runtime?: "node" | "python";
                                    python?: {
                                        entry: string;
                                        callable: string | null;
                                        interpreter?: string | null;
                                        bundleHash?: string | null;
                                    };
                                    /** @enum {string} */
                                    isolation: "warm" | "process";
                                    executionTimeoutMs: number | null;
                                    sensor?: {
                                        /** @enum {string} */
                                        mode: "poke" | "reschedule";
                                        pokeIntervalMs: number;
                                        timeoutMs: number;
                                        softFail: boolean;
                                        exponentialBackoff: boolean;
                                    };
                                    context: {
                                        dagId: string;
                                        runId: string;
                                        taskId: string;
                                        tryNumber: number;
                                        mapIndex?: number;
                                        logicalDate: string;
                                        dataIntervalStart: string | null;
                                        dataIntervalEnd: string | null;
                                        params: {
                                            [key: string]: unknown;
                                        };
                                        conf: {
                                            [key: string]: unknown;
                                        };
                                        inputs: {
                                            [key: string]: unknown;
                                        };
                                        upstream: {
                                            [key: string]: unknown;
                                        };
                                        triggeringAssetEvents?: {
                                            [key: string]: {
                                                uri: string;
                                                extra: {
                                                    [key: string]: unknown;
                                                };
                                                sourceDagId: string | null;
                                                sourceRunId: string | null;
                                                sourceTaskId: string | null;
                                                sourceMapIndex: number | null;
                                                timestamp: string;
                                            }[];
                                        };
                                    };
                                    started?: boolean;
                                }[];
                                callbacks?: {
                                    callbackId: string;
                                    claimId: string;
                                    dagId: string;
                                    runId: string;
                                    taskId: string;
                                    mapIndex: number;
                                    queue: string;
                                    bundleHash: string;
                                    /** @enum {string} */
                                    runtime?: "node" | "python";
                                    python?: {
                                        entry: string;
                                        callable: string | null;
                                        interpreter?: string | null;
                                        bundleHash?: string | null;
                                    };
                                    timeoutMs: number;
                                    context: {
                                        dagId: string;
                                        runId: string;
                                        taskId: string;
                                        tryNumber: number;
                                        mapIndex?: number;
                                        logicalDate: string;
                                        dataIntervalStart: string | null;
                                        dataIntervalEnd: string | null;
                                        params: {
                                            [key: string]: unknown;
                                        };
                                        conf: {
                                            [key: string]: unknown;
                                        };
                                        inputs: {
                                            [key: string]: unknown;
                                        };
                                        upstream: {
                                            [key: string]: unknown;
                                        };
                                        triggeringAssetEvents?: {
                                            [key: string]: {
                                                uri: string;
                                                extra: {
                                                    [key: string]: unknown;
                                                };
                                                sourceDagId: string | null;
                                                sourceRunId: string | null;
                                                sourceTaskId: string | null;
                                                sourceMapIndex: number | null;
                                                timestamp: string;
                                            }[];
                                        };
                                    };
                                    callback: {
                                        /** @enum {string} */
                                        event: "success" | "failure" | "retry";
                                        /** @enum {string} */
                                        scope: "task" | "dag";
                                        taskState: string | null;
                                        runState: string | null;
                                        exception: {
                                            type: string;
                                            message: string;
                                        } | null;
                                        reason: string | null;
                                    };
                                }[];
                                directives: {
                                    queues: string[];
                                    concurrency: number;
                                    maintenance: boolean;
                                    maintenanceComment: string | null;
                                    shutdown: boolean;
                                    cancelAttemptIds: string[];
                                };
                            };
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
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
    "/edge/v1/workers/{name}/attempts/{attemptId}/release": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                    attemptId: string;
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
                            attemptId: string;
                            state: string;
                            next?: {
                                jobs: {
                                    attemptId: string;
                                    dagId: string;
                                    runId: string;
                                    taskId: string;
                                    mapIndex: number;
                                    tryNumber: number;
                                    queue: string;
                                    pool: string;
                                    poolSlots: number;
                                    bundleHash: string;
                                    /** @enum {string} */
                                    kind: "function" | "bash";
                                    /** @enum {string} */
                                    runtime?: "node" | "python";
                                    python?: {
                                        entry: string;
                                        callable: string | null;
                                        interpreter?: string | null;
                                        bundleHash?: string | null;
                                    };
                                    /** @enum {string} */
                                    isolation: "warm" | "process";
                                    executionTimeoutMs: number | null;
                                    sensor?: {
                                        /** @enum {string} */
                                        mode: "poke" | "reschedule";
                                        pokeIntervalMs: number;
                                        timeoutMs: number;
                                        softFail: boolean;
                                        exponentialBackoff: boolean;
                                    };
                                    context: {
                                        dagId: string;
                                        runId: string;
                                        taskId: string;
                                        tryNumber: number;
                                        mapIndex?: number;
                                        logicalDate: string;
                                        dataIntervalStart: string | null;
                                        dataIntervalEnd: string | null;
                                        params: {
                                            [key: string]: unknown;
                                        };
                                        conf: {
                                            [key: string]: unknown;
                                        };
                                        inputs: {
                                            [key: string]: unknown;
                                        };
                                        upstream: {
                                            [key: string]: unknown;
                                        };
                                        triggeringAssetEvents?: {
                                            [key: string]: {
                                                uri: string;
                                                extra: {
                                                    [key: string]: unknown;
                                                };
                                                sourceDagId: string | null;
                                                sourceRunId: string | null;
                                                sourceTaskId: string | null;
                                                sourceMapIndex: number | null;
                                                timestamp: string;
                                            }[];
                                        };
                                    };
                                    started?: boolean;
                                }[];
                                callbacks?: {
                                    callbackId: string;
                                    claimId: string;
                                    dagId: string;
                                    runId: string;
                                    taskId: string;
                                    mapIndex: number;
                                    queue: string;
                                    bundleHash: string;
                                    /** @enum {string} */
                                    runtime?: "node" | "python";
                                    python?: {
                                        entry: string;
                                        callable: string | null;
                                        interpreter?: string | null;
                                        bundleHash?: string | null;
                                    };
                                    timeoutMs: number;
                                    context: {
                                        dagId: string;
                                        runId: string;
                                        taskId: string;
                                        tryNumber: number;
                                        mapIndex?: number;
                                        logicalDate: string;
                                        dataIntervalStart: string | null;
                                        dataIntervalEnd: string | null;
                                        params: {
                                            [key: string]: unknown;
                                        };
                                        conf: {
                                            [key: string]: unknown;
                                        };
                                        inputs: {
                                            [key: string]: unknown;
                                        };
                                        upstream: {
                                            [key: string]: unknown;
                                        };
                                        triggeringAssetEvents?: {
                                            [key: string]: {
                                                uri: string;
                                                extra: {
                                                    [key: string]: unknown;
                                                };
                                                sourceDagId: string | null;
                                                sourceRunId: string | null;
                                                sourceTaskId: string | null;
                                                sourceMapIndex: number | null;
                                                timestamp: string;
                                            }[];
                                        };
                                    };
                                    callback: {
                                        /** @enum {string} */
                                        event: "success" | "failure" | "retry";
                                        /** @enum {string} */
                                        scope: "task" | "dag";
                                        taskState: string | null;
                                        runState: string | null;
                                        exception: {
                                            type: string;
                                            message: string;
                                        } | null;
                                        reason: string | null;
                                    };
                                }[];
                                directives: {
                                    queues: string[];
                                    concurrency: number;
                                    maintenance: boolean;
                                    maintenanceComment: string | null;
                                    shutdown: boolean;
                                    cancelAttemptIds: string[];
                                };
                            };
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
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
    "/edge/v1/workers/{name}/attempts/{attemptId}/reschedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                    attemptId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        next?: {
                            instanceId: string;
                            freeSlots: number;
                            callbacks?: boolean;
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
                            attemptId: string;
                            state: string;
                            next?: {
                                jobs: {
                                    attemptId: string;
                                    dagId: string;
                                    runId: string;
                                    taskId: string;
                                    mapIndex: number;
                                    tryNumber: number;
                                    queue: string;
                                    pool: string;
                                    poolSlots: number;
                                    bundleHash: string;
                                    /** @enum {string} */
                                    kind: "function" | "bash";
                                    /** @enum {string} */
                                    runtime?: "node" | "python";
                                    python?: {
                                        entry: string;
                                        callable: string | null;
                                        interpreter?: string | null;
                                        bundleHash?: string | null;
                                    };
                                    /** @enum {string} */
                                    isolation: "warm" | "process";
                                    executionTimeoutMs: number | null;
                                    sensor?: {
                                        /** @enum {string} */
                                        mode: "poke" | "reschedule";
                                        pokeIntervalMs: number;
                                        timeoutMs: number;
                                        softFail: boolean;
                                        exponentialBackoff: boolean;
                                    };
                                    context: {
                                        dagId: string;
                                        runId: string;
                                        taskId: string;
                                        tryNumber: number;
                                        mapIndex?: number;
                                        logicalDate: string;
                                        dataIntervalStart: string | null;
                                        dataIntervalEnd: string | null;
                                        params: {
                                            [key: string]: unknown;
                                        };
                                        conf: {
                                            [key: string]: unknown;
                                        };
                                        inputs: {
                                            [key: string]: unknown;
                                        };
                                        upstream: {
                                            [key: string]: unknown;
                                        };
                                        triggeringAssetEvents?: {
                                            [key: string]: {
                                                uri: string;
                                                extra: {
                                                    [key: string]: unknown;
                                                };
                                                sourceDagId: string | null;
                                                sourceRunId: string | null;
                                                sourceTaskId: string | null;
                                                sourceMapIndex: number | null;
                                                timestamp: string;
                                            }[];
                                        };
                                    };
                                    started?: boolean;
                                }[];
                                callbacks?: {
                                    callbackId: string;
                                    claimId: string;
                                    dagId: string;
                                    runId: string;
                                    taskId: string;
                                    mapIndex: number;
                                    queue: string;
                                    bundleHash: string;
                                    /** @enum {string} */
                                    runtime?: "node" | "python";
                                    python?: {
                                        entry: string;
                                        callable: string | null;
                                        interpreter?: string | null;
                                        bundleHash?: string | null;
                                    };
                                    timeoutMs: number;
                                    context: {
                                        dagId: string;
                                        runId: string;
                                        taskId: string;
                                        tryNumber: number;
                                        mapIndex?: number;
                                        logicalDate: string;
                                        dataIntervalStart: string | null;
                                        dataIntervalEnd: string | null;
                                        params: {
                                            [key: string]: unknown;
                                        };
                                        conf: {
                                            [key: string]: unknown;
                                        };
                                        inputs: {
                                            [key: string]: unknown;
                                        };
                                        upstream: {
                                            [key: string]: unknown;
                                        };
                                        triggeringAssetEvents?: {
                                            [key: string]: {
                                                uri: string;
                                                extra: {
                                                    [key: string]: unknown;
                                                };
                                                sourceDagId: string | null;
                                                sourceRunId: string | null;
                                                sourceTaskId: string | null;
                                                sourceMapIndex: number | null;
                                                timestamp: string;
                                            }[];
                                        };
                                    };
                                    callback: {
                                        /** @enum {string} */
                                        event: "success" | "failure" | "retry";
                                        /** @enum {string} */
                                        scope: "task" | "dag";
                                        taskState: string | null;
                                        runState: string | null;
                                        exception: {
                                            type: string;
                                            message: string;
                                        } | null;
                                        reason: string | null;
                                    };
                                }[];
                                directives: {
                                    queues: string[];
                                    concurrency: number;
                                    maintenance: boolean;
                                    maintenanceComment: string | null;
                                    shutdown: boolean;
                                    cancelAttemptIds: string[];
                                };
                            };
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
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
    "/edge/v1/workers/{name}/attempts/{attemptId}/xcoms": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                    attemptId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        taskIds?: string[];
                        /** @default return_value */
                        key?: string;
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
                            values: {
                                taskId: string;
                                value: unknown;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
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
    "/edge/v1/workers/{name}/attempts/{attemptId}/external-state": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                    attemptId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        dagId: string;
                        taskId: string | null;
                        /** Format: date-time */
                        logicalDate: string;
                        checkExistence?: boolean;
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
                            state: string | null;
                            exists?: boolean;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
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
    "/edge/v1/workers/{name}/attempts/{attemptId}/connection": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                    attemptId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        connId: string;
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
                            connId: string;
                            connType: string;
                            description: string | null;
                            host: string | null;
                            port: number | null;
                            login: string | null;
                            password: string | null;
                            schema: string | null;
                            extra: string | null;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
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
    "/edge/v1/workers/{name}/attempts/{attemptId}/variable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                    attemptId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        key: string;
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
                            key: string;
                            value: string;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
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
    "/edge/v1/workers/{name}/attempts/{attemptId}/logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                    attemptId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        offset: number;
                        data: string;
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
                            nextOffset: number;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
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
    "/edge/v1/bundles/{hash}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    hash: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The bundle: one ESM file, immutable under its hash. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/javascript": string;
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
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
    "/api/v1/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
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
                            metadatabase: {
                                /** @enum {string} */
                                status: "healthy" | "unhealthy";
                            };
                            scheduler: {
                                /** @enum {string} */
                                status: "healthy" | "unhealthy";
                                latest_scheduler_heartbeat: string | null;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
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
    "/api/v1/version": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
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
                            version: string;
                            git_version: string | null;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
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
    "/api/v1/pools": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    offset?: number;
                    order_by?: string;
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
                            pools: {
                                name: string;
                                slots: number;
                                occupied_slots: number;
                                running_slots: number;
                                queued_slots: number;
                                open_slots: number;
                                scheduled_slots: number;
                                deferred_slots: number;
                                description: string | null;
                                include_deferred: boolean;
                                team?: string;
                            }[];
                            total_entries: number;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
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
                        slots: number;
                        description?: string | null;
                        include_deferred?: boolean;
                        team?: string;
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
                            name: string;
                            slots: number;
                            occupied_slots: number;
                            running_slots: number;
                            queued_slots: number;
                            open_slots: number;
                            scheduled_slots: number;
                            deferred_slots: number;
                            description: string | null;
                            include_deferred: boolean;
                            team?: string;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
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
    "/api/v1/pools/{pool_name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    pool_name: string;
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
                            name: string;
                            slots: number;
                            occupied_slots: number;
                            running_slots: number;
                            queued_slots: number;
                            open_slots: number;
                            scheduled_slots: number;
                            deferred_slots: number;
                            description: string | null;
                            include_deferred: boolean;
                            team?: string;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    pool_name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: {
                    /** @description Fields to update, comma-separated or repeated; unset: every field given */
                    update_mask?: string | string[];
                };
                header?: never;
                path: {
                    pool_name: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        slots?: number;
                        description?: string | null;
                        include_deferred?: boolean;
                        team?: string;
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
                            name: string;
                            slots: number;
                            occupied_slots: number;
                            running_slots: number;
                            queued_slots: number;
                            open_slots: number;
                            scheduled_slots: number;
                            deferred_slots: number;
                            description: string | null;
                            include_deferred: boolean;
                            team?: string;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/connections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_connections"];
        put?: never;
        post: operations["post_connection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/connections/{connection_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_connection"];
        put?: never;
        post?: never;
        delete: operations["delete_connection"];
        options?: never;
        head?: never;
        patch: operations["patch_connection"];
        trace?: never;
    };
    "/api/v1/connections/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["test_connection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/variables": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_variables"];
        put?: never;
        post: operations["post_variables"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/variables/{variable_key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_variable"];
        put?: never;
        post?: never;
        delete: operations["delete_variable"];
        options?: never;
        head?: never;
        patch: operations["patch_variable"];
        trace?: never;
    };
    "/api/v1/auth/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
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
                            username: string;
                            role: string;
                            teams: {
                                name: string;
                                role: ("Viewer" | "User" | "Op") | null;
                            }[];
                            csrf_token: string | null;
                            expires_at: string | null;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
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
                        username: string;
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
                            username: string;
                            role: string;
                            teams: {
                                name: string;
                                role: ("Viewer" | "User" | "Op") | null;
                            }[];
                            csrf_token: string | null;
                            expires_at: string | null;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
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
    "/api/v1/auth/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    offset?: number;
                    order_by?: string;
                    username?: string;
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
                            tokens: {
                                id: string;
                                name: string;
                                username: string;
                                /** @description ISO-8601 date and time */
                                created_at: string;
                                expires_at: string | null;
                                last_used_at: string | null;
                                revoked_at: string | null;
                            }[];
                            total_entries: number;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
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
                        expires_in_days?: number;
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
                            username: string;
                            /** @description ISO-8601 date and time */
                            created_at: string;
                            expires_at: string | null;
                            last_used_at: string | null;
                            revoked_at: string | null;
                            token: string;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
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
    "/api/v1/auth/tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
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
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
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
    "/api/v1/dags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_dags"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["patch_dags"];
        trace?: never;
    };
    "/api/v1/dags/{dag_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_dag"];
        put?: never;
        post?: never;
        delete: operations["delete_dag"];
        options?: never;
        head?: never;
        patch: operations["patch_dag"];
        trace?: never;
    };
    "/api/v1/dags/{dag_id}/details": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_dag_details"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dags/{dag_id}/pythonSources": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    dag_id: string;
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
                            files: {
                                path: string;
                                content: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
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
    "/api/v1/dags/{dag_id}/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_tasks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dags/{dag_id}/tasks/{task_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_task"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dagSources/{file_token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_dag_source"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/parseDagFile/{file_token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: operations["reparse_dag_file"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dagWarnings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_dag_warnings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dags/{dag_id}/dagRuns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_dag_runs"];
        put?: never;
        post: operations["post_dag_run"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dags/~/dagRuns/list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["get_dag_runs_batch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dagStats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_dag_stats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_dag_run"];
        put?: never;
        post?: never;
        delete: operations["delete_dag_run"];
        options?: never;
        head?: never;
        patch: operations["update_dag_run_state"];
        trace?: never;
    };
    "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/setNote": {
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
        patch: operations["set_dag_run_note"];
        trace?: never;
    };
    "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/clear": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["clear_dag_run"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/backfills": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["list_backfills"];
        put?: never;
        post: operations["create_backfill"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/backfills/{backfill_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_backfill"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/backfills/dry_run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["create_backfill_dry_run"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/backfills/{backfill_id}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: operations["pause_backfill"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/backfills/{backfill_id}/unpause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: operations["unpause_backfill"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/backfills/{backfill_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: operations["cancel_backfill"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dags/deploy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
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
                        file_name: string;
                        source: string;
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
                            file_name: string;
                            dags: {
                                dag_id: string;
                                version_number: number;
                                new_version: boolean;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
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
    "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_task_instances"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dags/~/dagRuns/~/taskInstances/list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["get_task_instances_batch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_task_instance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["patch_task_instance"];
        trace?: never;
    };
    "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/{map_index}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_mapped_task_instance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["patch_mapped_task_instance"];
        trace?: never;
    };
    "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/listMapped": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_mapped_task_instances"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/tries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_task_instance_tries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/tries/{task_try_number}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_task_instance_try_details"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/{map_index}/tries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_mapped_task_instance_tries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/{map_index}/tries/{task_try_number}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_mapped_task_instance_try_details"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/logs/{task_try_number}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_log"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/setNote": {
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
        patch: operations["set_task_instance_note"];
        trace?: never;
    };
    "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/{map_index}/setNote": {
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
        patch: operations["set_mapped_task_instance_note"];
        trace?: never;
    };
    "/api/v1/dags/{dag_id}/updateTaskInstancesState": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["post_set_task_instances_state"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dags/{dag_id}/clearTaskInstances": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["post_clear_task_instances"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/dependencies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_task_instance_dependencies"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/{map_index}/dependencies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_mapped_task_instance_dependencies"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_extra_links"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/xcomEntries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_xcom_entries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/xcomEntries/{xcom_key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_xcom_entry"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/datasets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_datasets"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/datasets/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_dataset_events"];
        put?: never;
        post: operations["create_dataset_event"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/datasets/{uri}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_dataset"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/upstreamDatasetEvents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_upstream_dataset_events"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dags/{dag_id}/datasets/queuedEvent/{uri}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_dag_dataset_queued_event"];
        put?: never;
        post?: never;
        delete: operations["delete_dag_dataset_queued_event"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dags/{dag_id}/datasets/queuedEvent": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_dag_dataset_queued_events"];
        put?: never;
        post?: never;
        delete: operations["delete_dag_dataset_queued_events"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/datasets/queuedEvent/{uri}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_dataset_queued_events"];
        put?: never;
        post?: never;
        delete: operations["delete_dataset_queued_events"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/importErrors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    offset?: number;
                    order_by?: string;
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
                            import_errors: {
                                import_error_id: number;
                                /** @description ISO-8601 date and time */
                                timestamp: string;
                                filename: string;
                                stack_trace: string;
                            }[];
                            total_entries: number;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
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
    "/api/v1/importErrors/{import_error_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    import_error_id: number;
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
                            import_error_id: number;
                            /** @description ISO-8601 date and time */
                            timestamp: string;
                            filename: string;
                            stack_trace: string;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
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
    "/api/v1/eventLogs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_event_logs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/eventLogs/{event_log_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_event_log"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/edge/workers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    offset?: number;
                    order_by?: string;
                    /** @description Part of the name, any case */
                    worker_name_pattern?: string;
                    /** @description Only workers serving this queue */
                    queue?: string;
                    state?: ("starting" | "running" | "idle" | "maintenance_request" | "maintenance_pending" | "maintenance_mode" | "maintenance_exit" | "shutdown_request" | "terminating" | "offline" | "unknown" | "offline_maintenance") | ("starting" | "running" | "idle" | "maintenance_request" | "maintenance_pending" | "maintenance_mode" | "maintenance_exit" | "shutdown_request" | "terminating" | "offline" | "unknown" | "offline_maintenance")[];
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
                            workers: {
                                worker_name: string;
                                /** @enum {string} */
                                state: "starting" | "running" | "idle" | "maintenance_request" | "maintenance_pending" | "maintenance_mode" | "maintenance_exit" | "shutdown_request" | "terminating" | "offline" | "unknown" | "offline_maintenance";
                                queues: string[];
                                team: string | null;
                                concurrency: number;
                                free_slots: number;
                                running_attempts: number;
                                /** @description ISO-8601 date and time */
                                first_online: string;
                                /** @description ISO-8601 date and time */
                                last_heartbeat: string;
                                heartbeat_stale: boolean;
                                version: string;
                                sysinfo: {
                                    platform: string;
                                    arch: string;
                                    cpus: number;
                                    load_average: number[];
                                    memory_total_bytes: number;
                                    memory_free_bytes: number;
                                    disk_free_bytes: number | null;
                                    node_version: string;
                                };
                                maintenance_comment: string | null;
                                self_maintenance_reason: string | null;
                            }[];
                            total_entries: number;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
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
    "/api/v1/edge/workers/{worker_name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    worker_name: string;
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
                            worker_name: string;
                            /** @enum {string} */
                            state: "starting" | "running" | "idle" | "maintenance_request" | "maintenance_pending" | "maintenance_mode" | "maintenance_exit" | "shutdown_request" | "terminating" | "offline" | "unknown" | "offline_maintenance";
                            queues: string[];
                            team: string | null;
                            concurrency: number;
                            free_slots: number;
                            running_attempts: number;
                            /** @description ISO-8601 date and time */
                            first_online: string;
                            /** @description ISO-8601 date and time */
                            last_heartbeat: string;
                            heartbeat_stale: boolean;
                            version: string;
                            sysinfo: {
                                platform: string;
                                arch: string;
                                cpus: number;
                                load_average: number[];
                                memory_total_bytes: number;
                                memory_free_bytes: number;
                                disk_free_bytes: number | null;
                                node_version: string;
                            };
                            maintenance_comment: string | null;
                            self_maintenance_reason: string | null;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    worker_name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
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
    "/api/v1/edge/workers/{worker_name}/maintenance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    worker_name: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        on: boolean;
                        comment?: string;
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
                            worker_name: string;
                            /** @enum {string} */
                            state: "starting" | "running" | "idle" | "maintenance_request" | "maintenance_pending" | "maintenance_mode" | "maintenance_exit" | "shutdown_request" | "terminating" | "offline" | "unknown" | "offline_maintenance";
                            queues: string[];
                            team: string | null;
                            concurrency: number;
                            free_slots: number;
                            running_attempts: number;
                            /** @description ISO-8601 date and time */
                            first_online: string;
                            /** @description ISO-8601 date and time */
                            last_heartbeat: string;
                            heartbeat_stale: boolean;
                            version: string;
                            sysinfo: {
                                platform: string;
                                arch: string;
                                cpus: number;
                                load_average: number[];
                                memory_total_bytes: number;
                                memory_free_bytes: number;
                                disk_free_bytes: number | null;
                                node_version: string;
                            };
                            maintenance_comment: string | null;
                            self_maintenance_reason: string | null;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
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
    "/api/v1/edge/workers/{worker_name}/shutdown": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    worker_name: string;
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
                            worker_name: string;
                            /** @enum {string} */
                            state: "starting" | "running" | "idle" | "maintenance_request" | "maintenance_pending" | "maintenance_mode" | "maintenance_exit" | "shutdown_request" | "terminating" | "offline" | "unknown" | "offline_maintenance";
                            queues: string[];
                            team: string | null;
                            concurrency: number;
                            free_slots: number;
                            running_attempts: number;
                            /** @description ISO-8601 date and time */
                            first_online: string;
                            /** @description ISO-8601 date and time */
                            last_heartbeat: string;
                            heartbeat_stale: boolean;
                            version: string;
                            sysinfo: {
                                platform: string;
                                arch: string;
                                cpus: number;
                                load_average: number[];
                                memory_total_bytes: number;
                                memory_free_bytes: number;
                                disk_free_bytes: number | null;
                                node_version: string;
                            };
                            maintenance_comment: string | null;
                            self_maintenance_reason: string | null;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
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
    "/api/v1/edge/workers/{worker_name}/queues": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    worker_name: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        queue: string;
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
                            worker_name: string;
                            /** @enum {string} */
                            state: "starting" | "running" | "idle" | "maintenance_request" | "maintenance_pending" | "maintenance_mode" | "maintenance_exit" | "shutdown_request" | "terminating" | "offline" | "unknown" | "offline_maintenance";
                            queues: string[];
                            team: string | null;
                            concurrency: number;
                            free_slots: number;
                            running_attempts: number;
                            /** @description ISO-8601 date and time */
                            first_online: string;
                            /** @description ISO-8601 date and time */
                            last_heartbeat: string;
                            heartbeat_stale: boolean;
                            version: string;
                            sysinfo: {
                                platform: string;
                                arch: string;
                                cpus: number;
                                load_average: number[];
                                memory_total_bytes: number;
                                memory_free_bytes: number;
                                disk_free_bytes: number | null;
                                node_version: string;
                            };
                            maintenance_comment: string | null;
                            self_maintenance_reason: string | null;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
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
    "/api/v1/edge/workers/{worker_name}/queues/{queue}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    worker_name: string;
                    queue: string;
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
                            worker_name: string;
                            /** @enum {string} */
                            state: "starting" | "running" | "idle" | "maintenance_request" | "maintenance_pending" | "maintenance_mode" | "maintenance_exit" | "shutdown_request" | "terminating" | "offline" | "unknown" | "offline_maintenance";
                            queues: string[];
                            team: string | null;
                            concurrency: number;
                            free_slots: number;
                            running_attempts: number;
                            /** @description ISO-8601 date and time */
                            first_online: string;
                            /** @description ISO-8601 date and time */
                            last_heartbeat: string;
                            heartbeat_stale: boolean;
                            version: string;
                            sysinfo: {
                                platform: string;
                                arch: string;
                                cpus: number;
                                load_average: number[];
                                memory_total_bytes: number;
                                memory_free_bytes: number;
                                disk_free_bytes: number | null;
                                node_version: string;
                            };
                            maintenance_comment: string | null;
                            self_maintenance_reason: string | null;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
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
    "/api/v1/edge/workers/{worker_name}/concurrency": {
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
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    worker_name: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        concurrency: number;
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
                            worker_name: string;
                            /** @enum {string} */
                            state: "starting" | "running" | "idle" | "maintenance_request" | "maintenance_pending" | "maintenance_mode" | "maintenance_exit" | "shutdown_request" | "terminating" | "offline" | "unknown" | "offline_maintenance";
                            queues: string[];
                            team: string | null;
                            concurrency: number;
                            free_slots: number;
                            running_attempts: number;
                            /** @description ISO-8601 date and time */
                            first_online: string;
                            /** @description ISO-8601 date and time */
                            last_heartbeat: string;
                            heartbeat_stale: boolean;
                            version: string;
                            sysinfo: {
                                platform: string;
                                arch: string;
                                cpus: number;
                                load_average: number[];
                                memory_total_bytes: number;
                                memory_free_bytes: number;
                                disk_free_bytes: number | null;
                                node_version: string;
                            };
                            maintenance_comment: string | null;
                            self_maintenance_reason: string | null;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/edge/queues": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    offset?: number;
                    order_by?: string;
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
                            queues: {
                                queue: string;
                                queued_jobs: number;
                                live_workers: number;
                            }[];
                            total_entries: number;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
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
    "/api/v1/edge/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    offset?: number;
                    order_by?: string;
                    dag_id?: string;
                    run_id?: string;
                    task_id?: string;
                    queue?: string;
                    worker_name?: string;
                    state?: ("queued" | "claimed" | "running" | "success" | "failed" | "superseded" | "up_for_reschedule") | ("queued" | "claimed" | "running" | "success" | "failed" | "superseded" | "up_for_reschedule")[];
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
                            jobs: {
                                attempt_id: string;
                                dag_id: string;
                                run_id: string;
                                task_id: string;
                                map_index: number;
                                try_number: number;
                                /** @enum {string} */
                                state: "queued" | "claimed" | "running" | "success" | "failed" | "superseded" | "up_for_reschedule";
                                queue: string;
                                pool: string;
                                pool_slots: number;
                                worker_name: string | null;
                                /** @description ISO-8601 date and time */
                                queued_at: string;
                                claimed_at: string | null;
                                started_at: string | null;
                                ended_at: string | null;
                                /** @description ISO-8601 date and time */
                                last_update: string;
                                error: string | null;
                            }[];
                            total_entries: number;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
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
    "/api/v1/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
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
                            healthy: boolean;
                            /** @description ISO-8601 date and time */
                            checked_at: string;
                            unserved_queues: {
                                queue: string;
                                queued: number;
                                /** @description ISO-8601 date and time */
                                oldest_queued_at: string;
                            }[];
                            unknown_workers: {
                                worker_name: string;
                                /** @description ISO-8601 date and time */
                                last_heartbeat: string;
                            }[];
                            stuck_tasks: {
                                count: number;
                                threshold_seconds: number;
                                oldest: {
                                    dag_id: string;
                                    run_id: string;
                                    task_id: string;
                                    map_index: number;
                                    queue: string;
                                    /** @description ISO-8601 date and time */
                                    queued_at: string;
                                }[];
                            };
                            import_errors: {
                                count: number;
                                files: {
                                    import_error_id: number;
                                    filename: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
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
    "/api/v1/edge/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    offset?: number;
                    order_by?: string;
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
                            tokens: {
                                id: string;
                                name: string;
                                team: string | null;
                                queues: string[];
                                worker_timeout: number | null;
                                /** @description ISO-8601 date and time */
                                created_at: string;
                                last_used_at: string | null;
                                revoked_at: string | null;
                            }[];
                            total_entries: number;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
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
                        queues: string[];
                        team?: string;
                        worker_timeout?: number;
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
                            team: string | null;
                            queues: string[];
                            worker_timeout: number | null;
                            /** @description ISO-8601 date and time */
                            created_at: string;
                            last_used_at: string | null;
                            revoked_at: string | null;
                            token: string;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
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
    "/api/v1/edge/tokens/{id_or_name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id_or_name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
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
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    offset?: number;
                    order_by?: string;
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
                            users: {
                                username: string;
                                first_name: string;
                                last_name: string;
                                email?: string;
                                active: boolean | null;
                                last_login: string | null;
                                login_count: number | null;
                                failed_login_count: number | null;
                                roles: {
                                    name: string;
                                }[];
                                created_on: string | null;
                                changed_on: string | null;
                            }[];
                            total_entries: number;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
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
                        username: string;
                        password: string;
                        roles: {
                            /** @enum {string} */
                            name: "Admin" | "Op" | "User" | "Viewer";
                        }[];
                        first_name?: string;
                        last_name?: string;
                        email?: string;
                        team?: string;
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
                            username: string;
                            first_name: string;
                            last_name: string;
                            email?: string;
                            active: boolean | null;
                            last_login: string | null;
                            login_count: number | null;
                            failed_login_count: number | null;
                            roles: {
                                name: string;
                            }[];
                            created_on: string | null;
                            changed_on: string | null;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
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
    "/api/v1/users/{username}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    username: string;
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
                            username: string;
                            first_name: string;
                            last_name: string;
                            email?: string;
                            active: boolean | null;
                            last_login: string | null;
                            login_count: number | null;
                            failed_login_count: number | null;
                            roles: {
                                name: string;
                            }[];
                            created_on: string | null;
                            changed_on: string | null;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    username: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: {
                    /** @description Fields to update, comma-separated or repeated; unset: every field given */
                    update_mask?: string | string[];
                };
                header?: never;
                path: {
                    username: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        username?: string;
                        password?: string;
                        roles?: {
                            /** @enum {string} */
                            name: "Admin" | "Op" | "User" | "Viewer";
                        }[];
                        first_name?: string;
                        last_name?: string;
                        email?: string;
                        team?: string;
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
                            username: string;
                            first_name: string;
                            last_name: string;
                            email?: string;
                            active: boolean | null;
                            last_login: string | null;
                            login_count: number | null;
                            failed_login_count: number | null;
                            roles: {
                                name: string;
                            }[];
                            created_on: string | null;
                            changed_on: string | null;
                        };
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: number;
                            title: string;
                            detail: string;
                            type: string;
                            code: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/teams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_teams"];
        put?: never;
        post: operations["post_team"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/teams/{team_name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_team"];
        put?: never;
        post?: never;
        delete: operations["delete_team"];
        options?: never;
        head?: never;
        patch: operations["patch_team"];
        trace?: never;
    };
    "/api/v1/teams/{team_name}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_team_members"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/teams/{team_name}/members/{username}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: operations["put_team_member"];
        post?: never;
        delete: operations["delete_team_member"];
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
        get: operations["get_roles"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roles/{role_name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_role"];
        put?: never;
        post?: never;
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
        get: operations["get_permissions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_config"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/config/section/{section}/option/{option}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_value"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/plugins": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_plugins"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_providers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The callbacks and notifications of a run, and how each was delivered (Borda) */
        get: operations["get_dag_run_notifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/monitor/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["v2_get_health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/version": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["v2_get_version"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/dags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["v2_get_dags"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["v2_patch_dags"];
        trace?: never;
    };
    "/api/v2/dags/{dag_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["v2_get_dag"];
        put?: never;
        post?: never;
        delete: operations["v2_delete_dag"];
        options?: never;
        head?: never;
        patch: operations["v2_patch_dag"];
        trace?: never;
    };
    "/api/v2/dags/{dag_id}/details": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["v2_get_dag_details"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/dags/{dag_id}/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["v2_get_tasks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/dags/{dag_id}/tasks/{task_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["v2_get_task"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/dags/{dag_id}/dagRuns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["v2_get_dag_runs"];
        put?: never;
        post: operations["v2_trigger_dag_run"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/dags/{dag_id}/dagRuns/list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["v2_get_list_dag_runs_batch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/dagStats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["v2_get_dag_stats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["v2_get_dag_run"];
        put?: never;
        post?: never;
        delete: operations["v2_delete_dag_run"];
        options?: never;
        head?: never;
        patch: operations["v2_patch_dag_run"];
        trace?: never;
    };
    "/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/clear": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["v2_clear_dag_run"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/tries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["v2_get_task_instance_tries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/tries/{task_try_number}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["v2_get_task_instance_try_details"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/{map_index}/tries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["v2_get_mapped_task_instance_tries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/{map_index}/tries/{task_try_number}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["v2_get_mapped_task_instance_try_details"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/{map_index}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["v2_get_mapped_task_instance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["v2_patch_task_instance_by_map_index"];
        trace?: never;
    };
    "/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/listMapped": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["v2_get_mapped_task_instances"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["v2_get_task_instances"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["v2_get_task_instance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["v2_patch_task_instance"];
        trace?: never;
    };
    "/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/logs/{try_number}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["v2_get_log"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/dags/{dag_id}/clearTaskInstances": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["v2_post_clear_task_instances"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/dependencies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["v2_get_task_instance_dependencies"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/{map_index}/dependencies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["v2_get_task_instance_dependencies_by_map_index"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["v2_get_extra_links"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/xcomEntries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["v2_get_xcom_entries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/xcomEntries/{xcom_key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["v2_get_xcom_entry"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/pools": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["v2_get_pools"];
        put?: never;
        post: operations["v2_post_pool"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/pools/{pool_name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["v2_get_pool"];
        put?: never;
        post?: never;
        delete: operations["v2_delete_pool"];
        options?: never;
        head?: never;
        patch: operations["v2_patch_pool"];
        trace?: never;
    };
    "/api/v2/variables": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["v2_get_variables"];
        put?: never;
        post: operations["v2_post_variable"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/variables/{variable_key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["v2_get_variable"];
        put?: never;
        post?: never;
        delete: operations["v2_delete_variable"];
        options?: never;
        head?: never;
        patch: operations["v2_patch_variable"];
        trace?: never;
    };
    "/api/v2/connections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["v2_get_connections"];
        put?: never;
        post: operations["v2_post_connection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/connections/{connection_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["v2_get_connection"];
        put?: never;
        post?: never;
        delete: operations["v2_delete_connection"];
        options?: never;
        head?: never;
        patch: operations["v2_patch_connection"];
        trace?: never;
    };
    "/api/v2/connections/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["v2_test_connection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/importErrors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["v2_get_import_errors"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/importErrors/{import_error_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["v2_get_import_error"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/eventLogs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["v2_get_event_logs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/eventLogs/{event_log_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["v2_get_event_log"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/assets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["v2_get_assets"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/assets/aliases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["v2_get_asset_aliases"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/assets/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["v2_get_asset_events"];
        put?: never;
        post: operations["v2_create_asset_event"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/assets/{asset_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["v2_get_asset"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/dags/{dag_id}/assets/{asset_id}/queuedEvents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["v2_get_dag_asset_queued_event"];
        put?: never;
        post?: never;
        delete: operations["v2_delete_dag_asset_queued_event"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/dags/{dag_id}/assets/queuedEvents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["v2_get_dag_asset_queued_events"];
        put?: never;
        post?: never;
        delete: operations["v2_delete_dag_asset_queued_events"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/assets/{asset_id}/queuedEvents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["v2_get_asset_queued_events"];
        put?: never;
        post?: never;
        delete: operations["v2_delete_asset_queued_events"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/backfills": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["v2_list_backfills"];
        put?: never;
        post: operations["v2_create_backfill"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/backfills/{backfill_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["v2_get_backfill"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/backfills/dry_run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["v2_create_backfill_dry_run"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/backfills/{backfill_id}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: operations["v2_pause_backfill"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/backfills/{backfill_id}/unpause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: operations["v2_unpause_backfill"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/backfills/{backfill_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: operations["v2_cancel_backfill"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/dagSources/{dag_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["v2_get_dag_source"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/dags/{dag_id}/dagVersions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["v2_get_dag_versions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/dags/{dag_id}/dagVersions/{version_number}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["v2_get_dag_version"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/dagTags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["v2_get_dag_tags"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/parseDagFile/{file_token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: operations["v2_reparse_dag_file"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["v2_get_config"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/config/section/{section}/option/{option}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["v2_get_config_value"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/plugins": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["v2_get_plugins"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["v2_get_providers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/dagWarnings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["v2_list_dag_warnings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["create_token"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/token/cli": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["create_token_cli"];
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
export interface operations {
    get_connections: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                order_by?: string;
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
                        connections: {
                            connection_id: string;
                            conn_type: string;
                            description: string | null;
                            host: string | null;
                            login: string | null;
                            schema: string | null;
                            port: number | null;
                            queues: string[] | null;
                            has_password: boolean;
                            team?: string;
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    post_connection: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    connection_id: string;
                    conn_type: string;
                    description?: string | null;
                    host?: string | null;
                    login?: string | null;
                    schema?: string | null;
                    port?: number | null;
                    password?: string | null;
                    extra?: string | null;
                    /** @description Borda: queue patterns whose tasks may read it; null: every queue */
                    queues?: string[] | null;
                    team?: string;
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
                        connection_id: string;
                        conn_type: string;
                        description: string | null;
                        host: string | null;
                        login: string | null;
                        schema: string | null;
                        port: number | null;
                        queues: string[] | null;
                        has_password: boolean;
                        team?: string;
                        extra: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    get_connection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connection_id: string;
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
                        connection_id: string;
                        conn_type: string;
                        description: string | null;
                        host: string | null;
                        login: string | null;
                        schema: string | null;
                        port: number | null;
                        queues: string[] | null;
                        has_password: boolean;
                        team?: string;
                        extra: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    delete_connection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connection_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    patch_connection: {
        parameters: {
            query?: {
                /** @description Fields to update, comma-separated or repeated; unset: every field given */
                update_mask?: string | string[];
            };
            header?: never;
            path: {
                connection_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    connection_id?: string;
                    conn_type?: string;
                    description?: string | null;
                    host?: string | null;
                    login?: string | null;
                    schema?: string | null;
                    port?: number | null;
                    password?: string | null;
                    extra?: string | null;
                    /** @description Borda: queue patterns whose tasks may read it; null: every queue */
                    queues?: string[] | null;
                    team?: string;
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
                        connection_id: string;
                        conn_type: string;
                        description: string | null;
                        host: string | null;
                        login: string | null;
                        schema: string | null;
                        port: number | null;
                        queues: string[] | null;
                        has_password: boolean;
                        team?: string;
                        extra: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    test_connection: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    connection_id: string;
                    conn_type: string;
                    description?: string | null;
                    host?: string | null;
                    login?: string | null;
                    schema?: string | null;
                    port?: number | null;
                    password?: string | null;
                    extra?: string | null;
                    /** @description Borda: queue patterns whose tasks may read it; null: every queue */
                    queues?: string[] | null;
                    team?: string;
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
                        status: boolean;
                        message: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    get_variables: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                order_by?: string;
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
                        variables: {
                            key: string;
                            description: string | null;
                            queues: string[] | null;
                            team?: string;
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    post_variables: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    key: string;
                    value: string;
                    description?: string | null;
                    /** @description Borda: queue patterns whose tasks may read it; null: every queue */
                    queues?: string[] | null;
                    team?: string;
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
                        key: string;
                        description: string | null;
                        queues: string[] | null;
                        team?: string;
                        value: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    get_variable: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                variable_key: string;
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
                        key: string;
                        description: string | null;
                        queues: string[] | null;
                        team?: string;
                        value: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    delete_variable: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                variable_key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    patch_variable: {
        parameters: {
            query?: {
                /** @description Fields to update, comma-separated or repeated; unset: every field given */
                update_mask?: string | string[];
            };
            header?: never;
            path: {
                variable_key: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    key?: string;
                    value?: string;
                    description?: string | null;
                    /** @description Borda: queue patterns whose tasks may read it; null: every queue */
                    queues?: string[] | null;
                    team?: string;
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
                        key: string;
                        description: string | null;
                        queues: string[] | null;
                        team?: string;
                        value: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    get_dags: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                order_by?: string;
                dag_id_pattern?: string;
                tags?: string | string[];
                /** @description true or false */
                paused?: "true" | "false" | "True" | "False";
                /** @description true or false */
                only_active?: "true" | "false" | "True" | "False";
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
                        dags: {
                            dag_id: string;
                            dag_display_name: string;
                            is_paused: boolean;
                            is_active: boolean;
                            last_parsed_time: string | null;
                            last_pickled: string | null;
                            last_expired: string | null;
                            scheduler_lock: boolean | null;
                            pickle_id: string | null;
                            default_view: string | null;
                            fileloc: string;
                            file_token: string;
                            owners: string[];
                            description: string | null;
                            schedule_interval: {
                                /** @enum {string} */
                                __type: "CronExpression";
                                value: string;
                            } | null;
                            timetable_description: string | null;
                            tags: {
                                name: string;
                            }[];
                            max_active_tasks: number | null;
                            max_active_runs: number | null;
                            has_task_concurrency_limits: boolean | null;
                            has_import_errors: boolean | null;
                            next_dagrun: string | null;
                            next_dagrun_data_interval_start: string | null;
                            next_dagrun_data_interval_end: string | null;
                            next_dagrun_create_after: string | null;
                            max_consecutive_failed_dag_runs: number | null;
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    patch_dags: {
        parameters: {
            query: {
                limit?: number;
                offset?: number;
                dag_id_pattern: string;
                tags?: string | string[];
                /** @description true or false */
                only_active?: "true" | "false" | "True" | "False";
                update_mask?: string | string[];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    is_paused: boolean;
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
                        dags: {
                            dag_id: string;
                            dag_display_name: string;
                            is_paused: boolean;
                            is_active: boolean;
                            last_parsed_time: string | null;
                            last_pickled: string | null;
                            last_expired: string | null;
                            scheduler_lock: boolean | null;
                            pickle_id: string | null;
                            default_view: string | null;
                            fileloc: string;
                            file_token: string;
                            owners: string[];
                            description: string | null;
                            schedule_interval: {
                                /** @enum {string} */
                                __type: "CronExpression";
                                value: string;
                            } | null;
                            timetable_description: string | null;
                            tags: {
                                name: string;
                            }[];
                            max_active_tasks: number | null;
                            max_active_runs: number | null;
                            has_task_concurrency_limits: boolean | null;
                            has_import_errors: boolean | null;
                            next_dagrun: string | null;
                            next_dagrun_data_interval_start: string | null;
                            next_dagrun_data_interval_end: string | null;
                            next_dagrun_create_after: string | null;
                            max_consecutive_failed_dag_runs: number | null;
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    get_dag: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dag_id: string;
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
                        dag_id: string;
                        dag_display_name: string;
                        is_paused: boolean;
                        is_active: boolean;
                        last_parsed_time: string | null;
                        last_pickled: string | null;
                        last_expired: string | null;
                        scheduler_lock: boolean | null;
                        pickle_id: string | null;
                        default_view: string | null;
                        fileloc: string;
                        file_token: string;
                        owners: string[];
                        description: string | null;
                        schedule_interval: {
                            /** @enum {string} */
                            __type: "CronExpression";
                            value: string;
                        } | null;
                        timetable_description: string | null;
                        tags: {
                            name: string;
                        }[];
                        max_active_tasks: number | null;
                        max_active_runs: number | null;
                        has_task_concurrency_limits: boolean | null;
                        has_import_errors: boolean | null;
                        next_dagrun: string | null;
                        next_dagrun_data_interval_start: string | null;
                        next_dagrun_data_interval_end: string | null;
                        next_dagrun_create_after: string | null;
                        max_consecutive_failed_dag_runs: number | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    delete_dag: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dag_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    patch_dag: {
        parameters: {
            query?: {
                /** @description Fields to update, comma-separated or repeated; unset: every field given */
                update_mask?: string | string[];
            };
            header?: never;
            path: {
                dag_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    is_paused: boolean;
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
                        dag_id: string;
                        dag_display_name: string;
                        is_paused: boolean;
                        is_active: boolean;
                        last_parsed_time: string | null;
                        last_pickled: string | null;
                        last_expired: string | null;
                        scheduler_lock: boolean | null;
                        pickle_id: string | null;
                        default_view: string | null;
                        fileloc: string;
                        file_token: string;
                        owners: string[];
                        description: string | null;
                        schedule_interval: {
                            /** @enum {string} */
                            __type: "CronExpression";
                            value: string;
                        } | null;
                        timetable_description: string | null;
                        tags: {
                            name: string;
                        }[];
                        max_active_tasks: number | null;
                        max_active_runs: number | null;
                        has_task_concurrency_limits: boolean | null;
                        has_import_errors: boolean | null;
                        next_dagrun: string | null;
                        next_dagrun_data_interval_start: string | null;
                        next_dagrun_data_interval_end: string | null;
                        next_dagrun_create_after: string | null;
                        max_consecutive_failed_dag_runs: number | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    get_dag_details: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dag_id: string;
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
                        dag_id: string;
                        dag_display_name: string;
                        is_paused: boolean;
                        is_active: boolean;
                        last_parsed_time: string | null;
                        last_pickled: string | null;
                        last_expired: string | null;
                        scheduler_lock: boolean | null;
                        pickle_id: string | null;
                        default_view: string | null;
                        fileloc: string;
                        file_token: string;
                        owners: string[];
                        description: string | null;
                        schedule_interval: {
                            /** @enum {string} */
                            __type: "CronExpression";
                            value: string;
                        } | null;
                        timetable_description: string | null;
                        tags: {
                            name: string;
                        }[];
                        max_active_tasks: number | null;
                        max_active_runs: number | null;
                        has_task_concurrency_limits: boolean | null;
                        has_import_errors: boolean | null;
                        next_dagrun: string | null;
                        next_dagrun_data_interval_start: string | null;
                        next_dagrun_data_interval_end: string | null;
                        next_dagrun_create_after: string | null;
                        max_consecutive_failed_dag_runs: number | null;
                        timezone: string | null;
                        catchup: boolean | null;
                        orientation: string | null;
                        concurrency: number | null;
                        start_date: string | null;
                        dag_run_timeout: null;
                        dataset_expression: {
                            [key: string]: unknown;
                        } | null;
                        doc_md: string | null;
                        params: {
                            [key: string]: {
                                /** @enum {string} */
                                __class: "airflow.models.param.Param";
                                value: unknown;
                                description: string | null;
                                schema: {
                                    [key: string]: unknown;
                                };
                            };
                        };
                        end_date: string | null;
                        is_paused_upon_creation: boolean | null;
                        last_parsed: string | null;
                        template_search_path: string[] | null;
                        render_template_as_native_obj: boolean | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    get_tasks: {
        parameters: {
            query?: {
                order_by?: string;
            };
            header?: never;
            path: {
                dag_id: string;
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
                        tasks: {
                            class_ref: {
                                module_path: string;
                                class_name: string;
                            };
                            task_id: string;
                            task_display_name: string;
                            owner: string;
                            start_date: string | null;
                            end_date: string | null;
                            /** @enum {string} */
                            trigger_rule: "all_success" | "all_failed" | "all_done" | "one_success" | "one_failed" | "none_failed" | "none_failed_min_one_success" | "always";
                            extra_links: {
                                class_ref: {
                                    module_path: string;
                                    class_name: string;
                                };
                            }[];
                            depends_on_past: boolean;
                            is_mapped: boolean;
                            wait_for_downstream: boolean;
                            retries: number;
                            queue: string | null;
                            executor: string | null;
                            pool: string;
                            pool_slots: number;
                            execution_timeout: {
                                /** @enum {string} */
                                __type: "TimeDelta";
                                days: number;
                                seconds: number;
                                microseconds: number;
                            } | null;
                            retry_delay: {
                                /** @enum {string} */
                                __type: "TimeDelta";
                                days: number;
                                seconds: number;
                                microseconds: number;
                            } | null;
                            retry_exponential_backoff: boolean;
                            priority_weight: number;
                            /** @enum {string} */
                            weight_rule: "absolute";
                            ui_color: string;
                            ui_fgcolor: string;
                            template_fields: string[];
                            downstream_task_ids: string[];
                            doc_md: string | null;
                            params: {
                                [key: string]: {
                                    /** @enum {string} */
                                    __class: "airflow.models.param.Param";
                                    value: unknown;
                                    description: string | null;
                                    schema: {
                                        [key: string]: unknown;
                                    };
                                };
                            };
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    get_task: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dag_id: string;
                task_id: string;
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
                        class_ref: {
                            module_path: string;
                            class_name: string;
                        };
                        task_id: string;
                        task_display_name: string;
                        owner: string;
                        start_date: string | null;
                        end_date: string | null;
                        /** @enum {string} */
                        trigger_rule: "all_success" | "all_failed" | "all_done" | "one_success" | "one_failed" | "none_failed" | "none_failed_min_one_success" | "always";
                        extra_links: {
                            class_ref: {
                                module_path: string;
                                class_name: string;
                            };
                        }[];
                        depends_on_past: boolean;
                        is_mapped: boolean;
                        wait_for_downstream: boolean;
                        retries: number;
                        queue: string | null;
                        executor: string | null;
                        pool: string;
                        pool_slots: number;
                        execution_timeout: {
                            /** @enum {string} */
                            __type: "TimeDelta";
                            days: number;
                            seconds: number;
                            microseconds: number;
                        } | null;
                        retry_delay: {
                            /** @enum {string} */
                            __type: "TimeDelta";
                            days: number;
                            seconds: number;
                            microseconds: number;
                        } | null;
                        retry_exponential_backoff: boolean;
                        priority_weight: number;
                        /** @enum {string} */
                        weight_rule: "absolute";
                        ui_color: string;
                        ui_fgcolor: string;
                        template_fields: string[];
                        downstream_task_ids: string[];
                        doc_md: string | null;
                        params: {
                            [key: string]: {
                                /** @enum {string} */
                                __class: "airflow.models.param.Param";
                                value: unknown;
                                description: string | null;
                                schema: {
                                    [key: string]: unknown;
                                };
                            };
                        };
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    get_dag_source: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                file_token: string;
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
                        content: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    reparse_dag_file: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                file_token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    get_dag_warnings: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                order_by?: string;
                dag_id?: string;
                warning_type?: string;
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
                        import_errors: {
                            dag_id: string;
                            warning_type: string;
                            message: string;
                            /** @description ISO-8601 date and time */
                            timestamp: string;
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    get_dag_runs: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                order_by?: string;
                state?: ("queued" | "running" | "success" | "failed") | ("queued" | "running" | "success" | "failed")[];
            };
            header?: never;
            path: {
                dag_id: string;
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
                        dag_runs: {
                            dag_run_id: string;
                            dag_id: string;
                            /** @description ISO-8601 date and time */
                            logical_date: string;
                            /** @description ISO-8601 date and time */
                            execution_date: string;
                            start_date: string | null;
                            end_date: string | null;
                            data_interval_start: string | null;
                            data_interval_end: string | null;
                            last_scheduling_decision: string | null;
                            /** @enum {string} */
                            run_type: "backfill" | "manual" | "scheduled" | "dataset_triggered";
                            /** @enum {string} */
                            state: "queued" | "running" | "success" | "failed";
                            external_trigger: boolean;
                            conf: {
                                [key: string]: unknown;
                            };
                            note: string | null;
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    post_dag_run: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dag_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    dag_run_id?: string | null;
                    logical_date?: string | null;
                    execution_date?: string | null;
                    data_interval_start?: string | null;
                    data_interval_end?: string | null;
                    conf?: {
                        [key: string]: unknown;
                    } | null;
                    note?: string | null;
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
                        dag_run_id: string;
                        dag_id: string;
                        /** @description ISO-8601 date and time */
                        logical_date: string;
                        /** @description ISO-8601 date and time */
                        execution_date: string;
                        start_date: string | null;
                        end_date: string | null;
                        data_interval_start: string | null;
                        data_interval_end: string | null;
                        last_scheduling_decision: string | null;
                        /** @enum {string} */
                        run_type: "backfill" | "manual" | "scheduled" | "dataset_triggered";
                        /** @enum {string} */
                        state: "queued" | "running" | "success" | "failed";
                        external_trigger: boolean;
                        conf: {
                            [key: string]: unknown;
                        };
                        note: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    get_dag_runs_batch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    dag_ids?: string[] | null;
                    states?: ("queued" | "running" | "success" | "failed")[] | null;
                    execution_date_gte?: string | null;
                    execution_date_lte?: string | null;
                    start_date_gte?: string | null;
                    start_date_lte?: string | null;
                    end_date_gte?: string | null;
                    end_date_lte?: string | null;
                    /** @default 0 */
                    page_offset?: number;
                    /** @default 100 */
                    page_limit?: number;
                    order_by?: string;
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
                        dag_runs: {
                            dag_run_id: string;
                            dag_id: string;
                            /** @description ISO-8601 date and time */
                            logical_date: string;
                            /** @description ISO-8601 date and time */
                            execution_date: string;
                            start_date: string | null;
                            end_date: string | null;
                            data_interval_start: string | null;
                            data_interval_end: string | null;
                            last_scheduling_decision: string | null;
                            /** @enum {string} */
                            run_type: "backfill" | "manual" | "scheduled" | "dataset_triggered";
                            /** @enum {string} */
                            state: "queued" | "running" | "success" | "failed";
                            external_trigger: boolean;
                            conf: {
                                [key: string]: unknown;
                            };
                            note: string | null;
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    get_dag_stats: {
        parameters: {
            query: {
                /** @description DAG ids, comma-separated */
                dag_ids: string;
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
                        dags: {
                            dag_id: string;
                            stats: {
                                /** @enum {string} */
                                state: "queued" | "running" | "success" | "failed";
                                count: number;
                            }[];
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    get_dag_run: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dag_id: string;
                dag_run_id: string;
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
                        dag_run_id: string;
                        dag_id: string;
                        /** @description ISO-8601 date and time */
                        logical_date: string;
                        /** @description ISO-8601 date and time */
                        execution_date: string;
                        start_date: string | null;
                        end_date: string | null;
                        data_interval_start: string | null;
                        data_interval_end: string | null;
                        last_scheduling_decision: string | null;
                        /** @enum {string} */
                        run_type: "backfill" | "manual" | "scheduled" | "dataset_triggered";
                        /** @enum {string} */
                        state: "queued" | "running" | "success" | "failed";
                        external_trigger: boolean;
                        conf: {
                            [key: string]: unknown;
                        };
                        note: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    delete_dag_run: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dag_id: string;
                dag_run_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    update_dag_run_state: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dag_id: string;
                dag_run_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    state: "success" | "failed" | "queued";
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
                        dag_run_id: string;
                        dag_id: string;
                        /** @description ISO-8601 date and time */
                        logical_date: string;
                        /** @description ISO-8601 date and time */
                        execution_date: string;
                        start_date: string | null;
                        end_date: string | null;
                        data_interval_start: string | null;
                        data_interval_end: string | null;
                        last_scheduling_decision: string | null;
                        /** @enum {string} */
                        run_type: "backfill" | "manual" | "scheduled" | "dataset_triggered";
                        /** @enum {string} */
                        state: "queued" | "running" | "success" | "failed";
                        external_trigger: boolean;
                        conf: {
                            [key: string]: unknown;
                        };
                        note: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    set_dag_run_note: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dag_id: string;
                dag_run_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    note: string | null;
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
                        dag_run_id: string;
                        dag_id: string;
                        /** @description ISO-8601 date and time */
                        logical_date: string;
                        /** @description ISO-8601 date and time */
                        execution_date: string;
                        start_date: string | null;
                        end_date: string | null;
                        data_interval_start: string | null;
                        data_interval_end: string | null;
                        last_scheduling_decision: string | null;
                        /** @enum {string} */
                        run_type: "backfill" | "manual" | "scheduled" | "dataset_triggered";
                        /** @enum {string} */
                        state: "queued" | "running" | "success" | "failed";
                        external_trigger: boolean;
                        conf: {
                            [key: string]: unknown;
                        };
                        note: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    clear_dag_run: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dag_id: string;
                dag_run_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default true */
                    dry_run?: boolean;
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
                        dag_run_id: string;
                        dag_id: string;
                        /** @description ISO-8601 date and time */
                        logical_date: string;
                        /** @description ISO-8601 date and time */
                        execution_date: string;
                        start_date: string | null;
                        end_date: string | null;
                        data_interval_start: string | null;
                        data_interval_end: string | null;
                        last_scheduling_decision: string | null;
                        /** @enum {string} */
                        run_type: "backfill" | "manual" | "scheduled" | "dataset_triggered";
                        /** @enum {string} */
                        state: "queued" | "running" | "success" | "failed";
                        external_trigger: boolean;
                        conf: {
                            [key: string]: unknown;
                        };
                        note: string | null;
                    } | {
                        task_instances: {
                            task_id: string;
                            task_display_name: string;
                            dag_id: string;
                            dag_run_id: string;
                            /** @description ISO-8601 date and time */
                            execution_date: string;
                            start_date: string | null;
                            end_date: string | null;
                            duration: number | null;
                            state: ("success" | "running" | "failed" | "upstream_failed" | "skipped" | "up_for_retry" | "up_for_reschedule" | "queued" | "scheduled" | "removed") | null;
                            try_number: number;
                            map_index: number;
                            max_tries: number;
                            hostname: string;
                            unixname: string;
                            pool: string;
                            pool_slots: number;
                            queue: string | null;
                            priority_weight: number | null;
                            operator: string | null;
                            queued_when: string | null;
                            pid: number | null;
                            executor: string | null;
                            executor_config: string;
                            sla_miss: null;
                            rendered_map_index: string | null;
                            rendered_fields: {
                                [key: string]: unknown;
                            };
                            trigger: null;
                            triggerer_job: null;
                            note: string | null;
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    list_backfills: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                order_by?: string;
                dag_id?: string;
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
                        backfills: {
                            id: number;
                            dag_id: string;
                            /** @description ISO-8601 date and time */
                            from_date: string;
                            /** @description ISO-8601 date and time */
                            to_date: string;
                            dag_run_conf: {
                                [key: string]: unknown;
                            };
                            is_paused: boolean;
                            /** @enum {string} */
                            reprocess_behavior: "none" | "failed" | "completed";
                            max_active_runs: number;
                            /** @description ISO-8601 date and time */
                            created_at: string;
                            completed_at: string | null;
                            /** @description ISO-8601 date and time */
                            updated_at: string;
                            dag_display_name: string;
                            progress: {
                                total: number;
                                created: number;
                                skipped: number;
                                running: number;
                                succeeded: number;
                                failed: number;
                            };
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    create_backfill: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    dag_id: string;
                    from_date: string;
                    to_date: string;
                    /** @default false */
                    run_backwards?: boolean;
                    /** @default {} */
                    dag_run_conf?: {
                        [key: string]: unknown;
                    };
                    /**
                     * @default none
                     * @enum {string}
                     */
                    reprocess_behavior?: "none" | "failed" | "completed" | "all";
                    max_active_runs?: number;
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
                        id: number;
                        dag_id: string;
                        /** @description ISO-8601 date and time */
                        from_date: string;
                        /** @description ISO-8601 date and time */
                        to_date: string;
                        dag_run_conf: {
                            [key: string]: unknown;
                        };
                        is_paused: boolean;
                        /** @enum {string} */
                        reprocess_behavior: "none" | "failed" | "completed";
                        max_active_runs: number;
                        /** @description ISO-8601 date and time */
                        created_at: string;
                        completed_at: string | null;
                        /** @description ISO-8601 date and time */
                        updated_at: string;
                        dag_display_name: string;
                        progress: {
                            total: number;
                            created: number;
                            skipped: number;
                            running: number;
                            succeeded: number;
                            failed: number;
                        };
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    get_backfill: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                backfill_id: number;
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
                        id: number;
                        dag_id: string;
                        /** @description ISO-8601 date and time */
                        from_date: string;
                        /** @description ISO-8601 date and time */
                        to_date: string;
                        dag_run_conf: {
                            [key: string]: unknown;
                        };
                        is_paused: boolean;
                        /** @enum {string} */
                        reprocess_behavior: "none" | "failed" | "completed";
                        max_active_runs: number;
                        /** @description ISO-8601 date and time */
                        created_at: string;
                        completed_at: string | null;
                        /** @description ISO-8601 date and time */
                        updated_at: string;
                        dag_display_name: string;
                        progress: {
                            total: number;
                            created: number;
                            skipped: number;
                            running: number;
                            succeeded: number;
                            failed: number;
                        };
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    create_backfill_dry_run: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    dag_id: string;
                    from_date: string;
                    to_date: string;
                    /** @default false */
                    run_backwards?: boolean;
                    /** @default {} */
                    dag_run_conf?: {
                        [key: string]: unknown;
                    };
                    /**
                     * @default none
                     * @enum {string}
                     */
                    reprocess_behavior?: "none" | "failed" | "completed" | "all";
                    max_active_runs?: number;
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
                        backfills: {
                            /** @description ISO-8601 date and time */
                            logical_date: string;
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    pause_backfill: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                backfill_id: number;
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
                        id: number;
                        dag_id: string;
                        /** @description ISO-8601 date and time */
                        from_date: string;
                        /** @description ISO-8601 date and time */
                        to_date: string;
                        dag_run_conf: {
                            [key: string]: unknown;
                        };
                        is_paused: boolean;
                        /** @enum {string} */
                        reprocess_behavior: "none" | "failed" | "completed";
                        max_active_runs: number;
                        /** @description ISO-8601 date and time */
                        created_at: string;
                        completed_at: string | null;
                        /** @description ISO-8601 date and time */
                        updated_at: string;
                        dag_display_name: string;
                        progress: {
                            total: number;
                            created: number;
                            skipped: number;
                            running: number;
                            succeeded: number;
                            failed: number;
                        };
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    unpause_backfill: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                backfill_id: number;
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
                        id: number;
                        dag_id: string;
                        /** @description ISO-8601 date and time */
                        from_date: string;
                        /** @description ISO-8601 date and time */
                        to_date: string;
                        dag_run_conf: {
                            [key: string]: unknown;
                        };
                        is_paused: boolean;
                        /** @enum {string} */
                        reprocess_behavior: "none" | "failed" | "completed";
                        max_active_runs: number;
                        /** @description ISO-8601 date and time */
                        created_at: string;
                        completed_at: string | null;
                        /** @description ISO-8601 date and time */
                        updated_at: string;
                        dag_display_name: string;
                        progress: {
                            total: number;
                            created: number;
                            skipped: number;
                            running: number;
                            succeeded: number;
                            failed: number;
                        };
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    cancel_backfill: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                backfill_id: number;
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
                        id: number;
                        dag_id: string;
                        /** @description ISO-8601 date and time */
                        from_date: string;
                        /** @description ISO-8601 date and time */
                        to_date: string;
                        dag_run_conf: {
                            [key: string]: unknown;
                        };
                        is_paused: boolean;
                        /** @enum {string} */
                        reprocess_behavior: "none" | "failed" | "completed";
                        max_active_runs: number;
                        /** @description ISO-8601 date and time */
                        created_at: string;
                        completed_at: string | null;
                        /** @description ISO-8601 date and time */
                        updated_at: string;
                        dag_display_name: string;
                        progress: {
                            total: number;
                            created: number;
                            skipped: number;
                            running: number;
                            succeeded: number;
                            failed: number;
                        };
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    get_task_instances: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                order_by?: string;
                state?: ("success" | "running" | "failed" | "upstream_failed" | "skipped" | "up_for_retry" | "up_for_reschedule" | "queued" | "scheduled" | "removed" | "none" | "deferred" | "restarting") | ("success" | "running" | "failed" | "upstream_failed" | "skipped" | "up_for_retry" | "up_for_reschedule" | "queued" | "scheduled" | "removed" | "none" | "deferred" | "restarting")[];
                pool?: string | string[];
                queue?: string | string[];
                execution_date_gte?: string;
                execution_date_lte?: string;
                start_date_gte?: string;
                start_date_lte?: string;
                end_date_gte?: string;
                end_date_lte?: string;
                duration_gte?: number;
                duration_lte?: number;
            };
            header?: never;
            path: {
                dag_id: string;
                dag_run_id: string;
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
                        task_instances: {
                            task_id: string;
                            task_display_name: string;
                            dag_id: string;
                            dag_run_id: string;
                            /** @description ISO-8601 date and time */
                            execution_date: string;
                            start_date: string | null;
                            end_date: string | null;
                            duration: number | null;
                            state: ("success" | "running" | "failed" | "upstream_failed" | "skipped" | "up_for_retry" | "up_for_reschedule" | "queued" | "scheduled" | "removed") | null;
                            try_number: number;
                            map_index: number;
                            max_tries: number;
                            hostname: string;
                            unixname: string;
                            pool: string;
                            pool_slots: number;
                            queue: string | null;
                            priority_weight: number | null;
                            operator: string | null;
                            queued_when: string | null;
                            pid: number | null;
                            executor: string | null;
                            executor_config: string;
                            sla_miss: null;
                            rendered_map_index: string | null;
                            rendered_fields: {
                                [key: string]: unknown;
                            };
                            trigger: null;
                            triggerer_job: null;
                            note: string | null;
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    get_task_instances_batch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    dag_ids?: string[];
                    dag_run_ids?: string[];
                    task_ids?: string[];
                    state?: (("success" | "running" | "failed" | "upstream_failed" | "skipped" | "up_for_retry" | "up_for_reschedule" | "queued" | "scheduled" | "removed" | "none" | "deferred" | "restarting") | null)[];
                    pool?: string[];
                    queue?: string[];
                    executor?: string[];
                    /** Format: date-time */
                    execution_date_gte?: string;
                    /** Format: date-time */
                    execution_date_lte?: string;
                    /** Format: date-time */
                    start_date_gte?: string;
                    /** Format: date-time */
                    start_date_lte?: string;
                    /** Format: date-time */
                    end_date_gte?: string;
                    /** Format: date-time */
                    end_date_lte?: string;
                    duration_gte?: number;
                    duration_lte?: number;
                    /** @default 0 */
                    page_offset?: number;
                    /** @default 100 */
                    page_limit?: number;
                    order_by?: string;
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
                        task_instances: {
                            task_id: string;
                            task_display_name: string;
                            dag_id: string;
                            dag_run_id: string;
                            /** @description ISO-8601 date and time */
                            execution_date: string;
                            start_date: string | null;
                            end_date: string | null;
                            duration: number | null;
                            state: ("success" | "running" | "failed" | "upstream_failed" | "skipped" | "up_for_retry" | "up_for_reschedule" | "queued" | "scheduled" | "removed") | null;
                            try_number: number;
                            map_index: number;
                            max_tries: number;
                            hostname: string;
                            unixname: string;
                            pool: string;
                            pool_slots: number;
                            queue: string | null;
                            priority_weight: number | null;
                            operator: string | null;
                            queued_when: string | null;
                            pid: number | null;
                            executor: string | null;
                            executor_config: string;
                            sla_miss: null;
                            rendered_map_index: string | null;
                            rendered_fields: {
                                [key: string]: unknown;
                            };
                            trigger: null;
                            triggerer_job: null;
                            note: string | null;
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    get_task_instance: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dag_id: string;
                dag_run_id: string;
                task_id: string;
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
                        task_id: string;
                        task_display_name: string;
                        dag_id: string;
                        dag_run_id: string;
                        /** @description ISO-8601 date and time */
                        execution_date: string;
                        start_date: string | null;
                        end_date: string | null;
                        duration: number | null;
                        state: ("success" | "running" | "failed" | "upstream_failed" | "skipped" | "up_for_retry" | "up_for_reschedule" | "queued" | "scheduled" | "removed") | null;
                        try_number: number;
                        map_index: number;
                        max_tries: number;
                        hostname: string;
                        unixname: string;
                        pool: string;
                        pool_slots: number;
                        queue: string | null;
                        priority_weight: number | null;
                        operator: string | null;
                        queued_when: string | null;
                        pid: number | null;
                        executor: string | null;
                        executor_config: string;
                        sla_miss: null;
                        rendered_map_index: string | null;
                        rendered_fields: {
                            [key: string]: unknown;
                        };
                        trigger: null;
                        triggerer_job: null;
                        note: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    patch_task_instance: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dag_id: string;
                dag_run_id: string;
                task_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default true */
                    dry_run?: boolean;
                    /** @enum {string} */
                    new_state: "success" | "failed" | "skipped";
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
                        task_id: string;
                        dag_id: string;
                        /** @description ISO-8601 date and time */
                        execution_date: string;
                        dag_run_id: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    get_mapped_task_instance: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dag_id: string;
                dag_run_id: string;
                task_id: string;
                map_index: number;
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
                        task_id: string;
                        task_display_name: string;
                        dag_id: string;
                        dag_run_id: string;
                        /** @description ISO-8601 date and time */
                        execution_date: string;
                        start_date: string | null;
                        end_date: string | null;
                        duration: number | null;
                        state: ("success" | "running" | "failed" | "upstream_failed" | "skipped" | "up_for_retry" | "up_for_reschedule" | "queued" | "scheduled" | "removed") | null;
                        try_number: number;
                        map_index: number;
                        max_tries: number;
                        hostname: string;
                        unixname: string;
                        pool: string;
                        pool_slots: number;
                        queue: string | null;
                        priority_weight: number | null;
                        operator: string | null;
                        queued_when: string | null;
                        pid: number | null;
                        executor: string | null;
                        executor_config: string;
                        sla_miss: null;
                        rendered_map_index: string | null;
                        rendered_fields: {
                            [key: string]: unknown;
                        };
                        trigger: null;
                        triggerer_job: null;
                        note: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    patch_mapped_task_instance: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dag_id: string;
                dag_run_id: string;
                task_id: string;
                map_index: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default true */
                    dry_run?: boolean;
                    /** @enum {string} */
                    new_state: "success" | "failed" | "skipped";
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
                        task_id: string;
                        dag_id: string;
                        /** @description ISO-8601 date and time */
                        execution_date: string;
                        dag_run_id: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    get_mapped_task_instances: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                order_by?: string;
                state?: ("success" | "running" | "failed" | "upstream_failed" | "skipped" | "up_for_retry" | "up_for_reschedule" | "queued" | "scheduled" | "removed" | "none" | "deferred" | "restarting") | ("success" | "running" | "failed" | "upstream_failed" | "skipped" | "up_for_retry" | "up_for_reschedule" | "queued" | "scheduled" | "removed" | "none" | "deferred" | "restarting")[];
                pool?: string | string[];
                queue?: string | string[];
                execution_date_gte?: string;
                execution_date_lte?: string;
                start_date_gte?: string;
                start_date_lte?: string;
                end_date_gte?: string;
                end_date_lte?: string;
                duration_gte?: number;
                duration_lte?: number;
            };
            header?: never;
            path: {
                dag_id: string;
                dag_run_id: string;
                task_id: string;
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
                        task_instances: {
                            task_id: string;
                            task_display_name: string;
                            dag_id: string;
                            dag_run_id: string;
                            /** @description ISO-8601 date and time */
                            execution_date: string;
                            start_date: string | null;
                            end_date: string | null;
                            duration: number | null;
                            state: ("success" | "running" | "failed" | "upstream_failed" | "skipped" | "up_for_retry" | "up_for_reschedule" | "queued" | "scheduled" | "removed") | null;
                            try_number: number;
                            map_index: number;
                            max_tries: number;
                            hostname: string;
                            unixname: string;
                            pool: string;
                            pool_slots: number;
                            queue: string | null;
                            priority_weight: number | null;
                            operator: string | null;
                            queued_when: string | null;
                            pid: number | null;
                            executor: string | null;
                            executor_config: string;
                            sla_miss: null;
                            rendered_map_index: string | null;
                            rendered_fields: {
                                [key: string]: unknown;
                            };
                            trigger: null;
                            triggerer_job: null;
                            note: string | null;
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    get_task_instance_tries: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                order_by?: string;
            };
            header?: never;
            path: {
                dag_id: string;
                dag_run_id: string;
                task_id: string;
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
                        task_instances: {
                            task_id: string;
                            task_display_name: string;
                            dag_id: string;
                            dag_run_id: string;
                            /** @description ISO-8601 date and time */
                            execution_date: string;
                            start_date: string | null;
                            end_date: string | null;
                            duration: number | null;
                            state: ("success" | "running" | "failed" | "upstream_failed" | "skipped" | "up_for_retry" | "up_for_reschedule" | "queued" | "scheduled" | "removed") | null;
                            try_number: number;
                            map_index: number;
                            max_tries: number;
                            hostname: string;
                            unixname: string;
                            pool: string;
                            pool_slots: number;
                            queue: string | null;
                            priority_weight: number | null;
                            operator: string | null;
                            queued_when: string | null;
                            pid: number | null;
                            executor: string | null;
                            executor_config: string;
                            sla_miss: null;
                            rendered_map_index: string | null;
                            rendered_fields: {
                                [key: string]: unknown;
                            };
                            trigger: null;
                            triggerer_job: null;
                            note: string | null;
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    get_task_instance_try_details: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dag_id: string;
                dag_run_id: string;
                task_id: string;
                task_try_number: number;
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
                        task_id: string;
                        task_display_name: string;
                        dag_id: string;
                        dag_run_id: string;
                        /** @description ISO-8601 date and time */
                        execution_date: string;
                        start_date: string | null;
                        end_date: string | null;
                        duration: number | null;
                        state: ("success" | "running" | "failed" | "upstream_failed" | "skipped" | "up_for_retry" | "up_for_reschedule" | "queued" | "scheduled" | "removed") | null;
                        try_number: number;
                        map_index: number;
                        max_tries: number;
                        hostname: string;
                        unixname: string;
                        pool: string;
                        pool_slots: number;
                        queue: string | null;
                        priority_weight: number | null;
                        operator: string | null;
                        queued_when: string | null;
                        pid: number | null;
                        executor: string | null;
                        executor_config: string;
                        sla_miss: null;
                        rendered_map_index: string | null;
                        rendered_fields: {
                            [key: string]: unknown;
                        };
                        trigger: null;
                        triggerer_job: null;
                        note: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    get_mapped_task_instance_tries: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                order_by?: string;
            };
            header?: never;
            path: {
                dag_id: string;
                dag_run_id: string;
                task_id: string;
                map_index: number;
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
                        task_instances: {
                            task_id: string;
                            task_display_name: string;
                            dag_id: string;
                            dag_run_id: string;
                            /** @description ISO-8601 date and time */
                            execution_date: string;
                            start_date: string | null;
                            end_date: string | null;
                            duration: number | null;
                            state: ("success" | "running" | "failed" | "upstream_failed" | "skipped" | "up_for_retry" | "up_for_reschedule" | "queued" | "scheduled" | "removed") | null;
                            try_number: number;
                            map_index: number;
                            max_tries: number;
                            hostname: string;
                            unixname: string;
                            pool: string;
                            pool_slots: number;
                            queue: string | null;
                            priority_weight: number | null;
                            operator: string | null;
                            queued_when: string | null;
                            pid: number | null;
                            executor: string | null;
                            executor_config: string;
                            sla_miss: null;
                            rendered_map_index: string | null;
                            rendered_fields: {
                                [key: string]: unknown;
                            };
                            trigger: null;
                            triggerer_job: null;
                            note: string | null;
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    get_mapped_task_instance_try_details: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dag_id: string;
                dag_run_id: string;
                task_id: string;
                map_index: number;
                task_try_number: number;
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
                        task_id: string;
                        task_display_name: string;
                        dag_id: string;
                        dag_run_id: string;
                        /** @description ISO-8601 date and time */
                        execution_date: string;
                        start_date: string | null;
                        end_date: string | null;
                        duration: number | null;
                        state: ("success" | "running" | "failed" | "upstream_failed" | "skipped" | "up_for_retry" | "up_for_reschedule" | "queued" | "scheduled" | "removed") | null;
                        try_number: number;
                        map_index: number;
                        max_tries: number;
                        hostname: string;
                        unixname: string;
                        pool: string;
                        pool_slots: number;
                        queue: string | null;
                        priority_weight: number | null;
                        operator: string | null;
                        queued_when: string | null;
                        pid: number | null;
                        executor: string | null;
                        executor_config: string;
                        sla_miss: null;
                        rendered_map_index: string | null;
                        rendered_fields: {
                            [key: string]: unknown;
                        };
                        trigger: null;
                        triggerer_job: null;
                        note: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    get_log: {
        parameters: {
            query?: {
                /** @description true or false */
                full_content?: "true" | "false" | "True" | "False";
                map_index?: number;
                token?: string;
            };
            header?: never;
            path: {
                dag_id: string;
                dag_run_id: string;
                task_id: string;
                task_try_number: number;
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
                        continuation_token: string;
                        content: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    set_task_instance_note: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dag_id: string;
                dag_run_id: string;
                task_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    note: string | null;
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
                        task_id: string;
                        task_display_name: string;
                        dag_id: string;
                        dag_run_id: string;
                        /** @description ISO-8601 date and time */
                        execution_date: string;
                        start_date: string | null;
                        end_date: string | null;
                        duration: number | null;
                        state: ("success" | "running" | "failed" | "upstream_failed" | "skipped" | "up_for_retry" | "up_for_reschedule" | "queued" | "scheduled" | "removed") | null;
                        try_number: number;
                        map_index: number;
                        max_tries: number;
                        hostname: string;
                        unixname: string;
                        pool: string;
                        pool_slots: number;
                        queue: string | null;
                        priority_weight: number | null;
                        operator: string | null;
                        queued_when: string | null;
                        pid: number | null;
                        executor: string | null;
                        executor_config: string;
                        sla_miss: null;
                        rendered_map_index: string | null;
                        rendered_fields: {
                            [key: string]: unknown;
                        };
                        trigger: null;
                        triggerer_job: null;
                        note: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    set_mapped_task_instance_note: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dag_id: string;
                dag_run_id: string;
                task_id: string;
                map_index: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    note: string | null;
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
                        task_id: string;
                        task_display_name: string;
                        dag_id: string;
                        dag_run_id: string;
                        /** @description ISO-8601 date and time */
                        execution_date: string;
                        start_date: string | null;
                        end_date: string | null;
                        duration: number | null;
                        state: ("success" | "running" | "failed" | "upstream_failed" | "skipped" | "up_for_retry" | "up_for_reschedule" | "queued" | "scheduled" | "removed") | null;
                        try_number: number;
                        map_index: number;
                        max_tries: number;
                        hostname: string;
                        unixname: string;
                        pool: string;
                        pool_slots: number;
                        queue: string | null;
                        priority_weight: number | null;
                        operator: string | null;
                        queued_when: string | null;
                        pid: number | null;
                        executor: string | null;
                        executor_config: string;
                        sla_miss: null;
                        rendered_map_index: string | null;
                        rendered_fields: {
                            [key: string]: unknown;
                        };
                        trigger: null;
                        triggerer_job: null;
                        note: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    post_set_task_instances_state: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dag_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default true */
                    dry_run?: boolean;
                    task_id: string;
                    /** Format: date-time */
                    execution_date?: string;
                    dag_run_id?: string;
                    /** @default false */
                    include_upstream?: boolean;
                    /** @default false */
                    include_downstream?: boolean;
                    /** @default false */
                    include_future?: boolean;
                    /** @default false */
                    include_past?: boolean;
                    /** @enum {string} */
                    new_state: "success" | "failed" | "skipped";
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
                        task_instances: {
                            task_id: string;
                            dag_id: string;
                            /** @description ISO-8601 date and time */
                            execution_date: string;
                            dag_run_id: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    post_clear_task_instances: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dag_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default true */
                    dry_run?: boolean;
                    task_ids?: (string | [
                        string,
                        number
                    ])[];
                    /** Format: date-time */
                    start_date?: string;
                    /** Format: date-time */
                    end_date?: string;
                    /** @default true */
                    only_failed?: boolean;
                    /** @default false */
                    only_running?: boolean;
                    reset_dag_runs?: boolean;
                    dag_run_id?: string | null;
                    /** @default false */
                    include_upstream?: boolean;
                    /** @default false */
                    include_downstream?: boolean;
                    /** @default false */
                    include_future?: boolean;
                    /** @default false */
                    include_past?: boolean;
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
                        task_instances: {
                            task_id: string;
                            dag_id: string;
                            /** @description ISO-8601 date and time */
                            execution_date: string;
                            dag_run_id: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    get_task_instance_dependencies: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dag_id: string;
                dag_run_id: string;
                task_id: string;
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
                        dependencies: {
                            name: string;
                            reason: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    get_mapped_task_instance_dependencies: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dag_id: string;
                dag_run_id: string;
                task_id: string;
                map_index: number;
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
                        dependencies: {
                            name: string;
                            reason: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    get_extra_links: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dag_id: string;
                dag_run_id: string;
                task_id: string;
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
                        extra_links: {
                            class_ref: {
                                module_path: string;
                                class_name: string;
                            };
                            name: string;
                            href: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    get_xcom_entries: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                order_by?: string;
                map_index?: number;
                xcom_key?: string;
            };
            header?: never;
            path: {
                dag_id: string;
                dag_run_id: string;
                task_id: string;
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
                        xcom_entries: {
                            key: string;
                            /** @description ISO-8601 date and time */
                            timestamp: string;
                            /** @description ISO-8601 date and time */
                            execution_date: string;
                            map_index: number;
                            task_id: string;
                            dag_id: string;
                            run_id: string;
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    get_xcom_entry: {
        parameters: {
            query?: {
                map_index?: number;
                /** @description true or false */
                deserialize?: "true" | "false" | "True" | "False";
                /** @description true or false */
                stringify?: "true" | "false" | "True" | "False";
            };
            header?: never;
            path: {
                dag_id: string;
                dag_run_id: string;
                task_id: string;
                xcom_key: string;
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
                        key: string;
                        /** @description ISO-8601 date and time */
                        timestamp: string;
                        /** @description ISO-8601 date and time */
                        execution_date: string;
                        map_index: number;
                        task_id: string;
                        dag_id: string;
                        run_id: string;
                        value: unknown;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    get_datasets: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                order_by?: string;
                uri_pattern?: string;
                dag_ids?: string;
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
                        datasets: {
                            id: number;
                            uri: string;
                            extra: {
                                [key: string]: unknown;
                            } | null;
                            /** @description ISO-8601 date and time */
                            created_at: string;
                            /** @description ISO-8601 date and time */
                            updated_at: string;
                            consuming_dags: {
                                dag_id: string;
                                /** @description ISO-8601 date and time */
                                created_at: string;
                                /** @description ISO-8601 date and time */
                                updated_at: string;
                            }[];
                            producing_tasks: {
                                dag_id: string;
                                task_id: string;
                                /** @description ISO-8601 date and time */
                                created_at: string;
                                /** @description ISO-8601 date and time */
                                updated_at: string;
                            }[];
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    get_dataset_events: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                order_by?: string;
                dataset_id?: number;
                source_dag_id?: string;
                source_task_id?: string;
                source_run_id?: string;
                source_map_index?: number;
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
                        dataset_events: {
                            dataset_id: number;
                            dataset_uri: string;
                            extra: {
                                [key: string]: unknown;
                            } | null;
                            source_dag_id: string | null;
                            source_task_id: string | null;
                            source_run_id: string | null;
                            source_map_index: number | null;
                            created_dagruns: {
                                run_id: string;
                                dag_id: string;
                                /** @description ISO-8601 date and time */
                                logical_date: string;
                                start_date: string | null;
                                end_date: string | null;
                                data_interval_start: string | null;
                                data_interval_end: string | null;
                                /** @enum {string} */
                                state: "queued" | "running" | "success" | "failed";
                            }[];
                            /** @description ISO-8601 date and time */
                            timestamp: string;
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    create_dataset_event: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    dataset_uri: string;
                    extra?: {
                        [key: string]: unknown;
                    } | null;
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
                        dataset_id: number;
                        dataset_uri: string;
                        extra: {
                            [key: string]: unknown;
                        } | null;
                        source_dag_id: string | null;
                        source_task_id: string | null;
                        source_run_id: string | null;
                        source_map_index: number | null;
                        created_dagruns: {
                            run_id: string;
                            dag_id: string;
                            /** @description ISO-8601 date and time */
                            logical_date: string;
                            start_date: string | null;
                            end_date: string | null;
                            data_interval_start: string | null;
                            data_interval_end: string | null;
                            /** @enum {string} */
                            state: "queued" | "running" | "success" | "failed";
                        }[];
                        /** @description ISO-8601 date and time */
                        timestamp: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    get_dataset: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                uri: string;
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
                        id: number;
                        uri: string;
                        extra: {
                            [key: string]: unknown;
                        } | null;
                        /** @description ISO-8601 date and time */
                        created_at: string;
                        /** @description ISO-8601 date and time */
                        updated_at: string;
                        consuming_dags: {
                            dag_id: string;
                            /** @description ISO-8601 date and time */
                            created_at: string;
                            /** @description ISO-8601 date and time */
                            updated_at: string;
                        }[];
                        producing_tasks: {
                            dag_id: string;
                            task_id: string;
                            /** @description ISO-8601 date and time */
                            created_at: string;
                            /** @description ISO-8601 date and time */
                            updated_at: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    get_upstream_dataset_events: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dag_id: string;
                dag_run_id: string;
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
                        dataset_events: {
                            dataset_id: number;
                            dataset_uri: string;
                            extra: {
                                [key: string]: unknown;
                            } | null;
                            source_dag_id: string | null;
                            source_task_id: string | null;
                            source_run_id: string | null;
                            source_map_index: number | null;
                            created_dagruns: {
                                run_id: string;
                                dag_id: string;
                                /** @description ISO-8601 date and time */
                                logical_date: string;
                                start_date: string | null;
                                end_date: string | null;
                                data_interval_start: string | null;
                                data_interval_end: string | null;
                                /** @enum {string} */
                                state: "queued" | "running" | "success" | "failed";
                            }[];
                            /** @description ISO-8601 date and time */
                            timestamp: string;
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    get_dag_dataset_queued_event: {
        parameters: {
            query?: {
                before?: string;
            };
            header?: never;
            path: {
                dag_id: string;
                uri: string;
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
                        uri: string;
                        dag_id: string;
                        /** @description ISO-8601 date and time */
                        created_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    delete_dag_dataset_queued_event: {
        parameters: {
            query?: {
                before?: string;
            };
            header?: never;
            path: {
                dag_id: string;
                uri: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    get_dag_dataset_queued_events: {
        parameters: {
            query?: {
                before?: string;
            };
            header?: never;
            path: {
                dag_id: string;
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
                        datasets: {
                            uri: string;
                            dag_id: string;
                            /** @description ISO-8601 date and time */
                            created_at: string;
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    delete_dag_dataset_queued_events: {
        parameters: {
            query?: {
                before?: string;
            };
            header?: never;
            path: {
                dag_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    get_dataset_queued_events: {
        parameters: {
            query?: {
                before?: string;
            };
            header?: never;
            path: {
                uri: string;
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
                        datasets: {
                            uri: string;
                            dag_id: string;
                            /** @description ISO-8601 date and time */
                            created_at: string;
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    delete_dataset_queued_events: {
        parameters: {
            query?: {
                before?: string;
            };
            header?: never;
            path: {
                uri: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    get_event_logs: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                order_by?: string;
                dag_id?: string;
                task_id?: string;
                run_id?: string;
                map_index?: number;
                try_number?: number;
                event?: string;
                owner?: string;
                before?: string;
                after?: string;
                included_events?: string;
                excluded_events?: string;
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
                        event_logs: {
                            event_log_id: number;
                            /** @description ISO-8601 date and time */
                            when: string;
                            dag_id: string | null;
                            task_id: string | null;
                            run_id: string | null;
                            map_index: number | null;
                            try_number: number | null;
                            event: string;
                            execution_date: string | null;
                            owner: string | null;
                            extra: string | null;
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    get_event_log: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                event_log_id: number;
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
                        event_log_id: number;
                        /** @description ISO-8601 date and time */
                        when: string;
                        dag_id: string | null;
                        task_id: string | null;
                        run_id: string | null;
                        map_index: number | null;
                        try_number: number | null;
                        event: string;
                        execution_date: string | null;
                        owner: string | null;
                        extra: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    get_teams: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                order_by?: string;
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
                        teams: {
                            name: string;
                            description: string | null;
                            queues: string[];
                            created_at: string;
                            role: ("Viewer" | "User" | "Op") | null;
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    post_team: {
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
                    description?: string | null;
                    queues: string[];
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
                        name: string;
                        description: string | null;
                        queues: string[];
                        created_at: string;
                        role: ("Viewer" | "User" | "Op") | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    get_team: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                team_name: string;
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
                        name: string;
                        description: string | null;
                        queues: string[];
                        created_at: string;
                        role: ("Viewer" | "User" | "Op") | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    delete_team: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                team_name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    patch_team: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                team_name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    description?: string | null;
                    queues?: string[];
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
                        name: string;
                        description: string | null;
                        queues: string[];
                        created_at: string;
                        role: ("Viewer" | "User" | "Op") | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    get_team_members: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                order_by?: string;
            };
            header?: never;
            path: {
                team_name: string;
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
                        members: {
                            username: string;
                            /** @enum {string} */
                            role: "Viewer" | "User" | "Op";
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    put_team_member: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                team_name: string;
                username: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    role: "Viewer" | "User" | "Op";
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
                        username: string;
                        /** @enum {string} */
                        role: "Viewer" | "User" | "Op";
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    delete_team_member: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                team_name: string;
                username: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    get_roles: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                order_by?: string;
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
                        roles: {
                            name: string;
                            actions: {
                                action: {
                                    name: string;
                                };
                                resource: {
                                    name: string;
                                };
                            }[];
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    get_role: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                role_name: string;
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
                        name: string;
                        actions: {
                            action: {
                                name: string;
                            };
                            resource: {
                                name: string;
                            };
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    get_permissions: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                order_by?: string;
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
                        actions: {
                            name: string;
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    get_config: {
        parameters: {
            query?: {
                section?: string;
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
                        sections: {
                            name: string;
                            options: {
                                key: string;
                                value: string;
                            }[];
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    get_value: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                section: string;
                option: string;
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
                        sections: {
                            name: string;
                            options: {
                                key: string;
                                value: string;
                            }[];
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    get_plugins: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                order_by?: string;
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
                        plugins: {
                            name: string;
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    get_providers: {
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
                        providers: {
                            package_name: string;
                            description: string;
                            version: string;
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    get_dag_run_notifications: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dag_id: string;
                dag_run_id: string;
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
                        notifications: {
                            id: number;
                            dag_id: string;
                            dag_run_id: string;
                            task_id: string | null;
                            map_index: number;
                            try_number: number | null;
                            /** @enum {string} */
                            scope: "task" | "dag";
                            /** @enum {string} */
                            event: "success" | "failure" | "retry";
                            /** @enum {string} */
                            target: "code" | "webhook" | "slack" | "smtp";
                            conn_id: string | null;
                            /** @enum {string} */
                            state: "pending" | "running" | "delivered" | "failed";
                            tries: number;
                            last_error: string | null;
                            output: string | null;
                            worker: string | null;
                            created_at: string;
                            finished_at: string | null;
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        title: string;
                        detail: string;
                        type: string;
                        code: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    v2_get_health: {
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
                        metadatabase: {
                            status: string | null;
                        };
                        scheduler: {
                            status: string | null;
                            latest_scheduler_heartbeat: string | null;
                        };
                        triggerer: {
                            status: string | null;
                            latest_triggerer_heartbeat: string | null;
                        };
                        dag_processor: {
                            status: string | null;
                            latest_dag_processor_heartbeat: string | null;
                        } | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_get_version: {
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
                        version: string;
                        git_version: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_get_dags: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                order_by?: string | string[];
                tags?: string | string[];
                dag_id_pattern?: string;
                paused?: "true" | "false";
                exclude_stale?: "true" | "false";
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
                        dags: {
                            dag_id: string;
                            dag_display_name: string;
                            is_paused: boolean;
                            is_stale: boolean;
                            last_parsed_time: string | null;
                            last_parse_duration: number | null;
                            last_expired: string | null;
                            bundle_name: string | null;
                            bundle_version: string | null;
                            relative_fileloc: string | null;
                            fileloc: string;
                            description: string | null;
                            timetable_summary: string | null;
                            timetable_description: string | null;
                            timetable_partitioned: boolean;
                            timetable_periodic: boolean;
                            tags: {
                                name: string;
                                dag_id: string;
                                dag_display_name: string;
                            }[];
                            max_active_tasks: number;
                            max_active_runs: number | null;
                            max_consecutive_failed_dag_runs: number;
                            has_task_concurrency_limits: boolean;
                            has_import_errors: boolean;
                            next_dagrun_logical_date: string | null;
                            next_dagrun_data_interval_start: string | null;
                            next_dagrun_data_interval_end: string | null;
                            next_dagrun_run_after: string | null;
                            allowed_run_types: string[] | null;
                            owners: string[];
                            is_backfillable: boolean;
                            file_token: string;
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_patch_dags: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                order_by?: string | string[];
                tags?: string | string[];
                dag_id_pattern?: string;
                paused?: "true" | "false";
                exclude_stale?: "true" | "false";
                update_mask?: "is_paused" | "is_paused"[];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    is_paused: boolean;
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
                        dags: {
                            dag_id: string;
                            dag_display_name: string;
                            is_paused: boolean;
                            is_stale: boolean;
                            last_parsed_time: string | null;
                            last_parse_duration: number | null;
                            last_expired: string | null;
                            bundle_name: string | null;
                            bundle_version: string | null;
                            relative_fileloc: string | null;
                            fileloc: string;
                            description: string | null;
                            timetable_summary: string | null;
                            timetable_description: string | null;
                            timetable_partitioned: boolean;
                            timetable_periodic: boolean;
                            tags: {
                                name: string;
                                dag_id: string;
                                dag_display_name: string;
                            }[];
                            max_active_tasks: number;
                            max_active_runs: number | null;
                            max_consecutive_failed_dag_runs: number;
                            has_task_concurrency_limits: boolean;
                            has_import_errors: boolean;
                            next_dagrun_logical_date: string | null;
                            next_dagrun_data_interval_start: string | null;
                            next_dagrun_data_interval_end: string | null;
                            next_dagrun_run_after: string | null;
                            allowed_run_types: string[] | null;
                            owners: string[];
                            is_backfillable: boolean;
                            file_token: string;
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_get_dag: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dag_id: string;
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
                        dag_id: string;
                        dag_display_name: string;
                        is_paused: boolean;
                        is_stale: boolean;
                        last_parsed_time: string | null;
                        last_parse_duration: number | null;
                        last_expired: string | null;
                        bundle_name: string | null;
                        bundle_version: string | null;
                        relative_fileloc: string | null;
                        fileloc: string;
                        description: string | null;
                        timetable_summary: string | null;
                        timetable_description: string | null;
                        timetable_partitioned: boolean;
                        timetable_periodic: boolean;
                        tags: {
                            name: string;
                            dag_id: string;
                            dag_display_name: string;
                        }[];
                        max_active_tasks: number;
                        max_active_runs: number | null;
                        max_consecutive_failed_dag_runs: number;
                        has_task_concurrency_limits: boolean;
                        has_import_errors: boolean;
                        next_dagrun_logical_date: string | null;
                        next_dagrun_data_interval_start: string | null;
                        next_dagrun_data_interval_end: string | null;
                        next_dagrun_run_after: string | null;
                        allowed_run_types: string[] | null;
                        owners: string[];
                        is_backfillable: boolean;
                        file_token: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_delete_dag: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dag_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The DAG was deleted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_patch_dag: {
        parameters: {
            query?: {
                update_mask?: "is_paused" | "is_paused"[];
            };
            header?: never;
            path: {
                dag_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    is_paused: boolean;
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
                        dag_id: string;
                        dag_display_name: string;
                        is_paused: boolean;
                        is_stale: boolean;
                        last_parsed_time: string | null;
                        last_parse_duration: number | null;
                        last_expired: string | null;
                        bundle_name: string | null;
                        bundle_version: string | null;
                        relative_fileloc: string | null;
                        fileloc: string;
                        description: string | null;
                        timetable_summary: string | null;
                        timetable_description: string | null;
                        timetable_partitioned: boolean;
                        timetable_periodic: boolean;
                        tags: {
                            name: string;
                            dag_id: string;
                            dag_display_name: string;
                        }[];
                        max_active_tasks: number;
                        max_active_runs: number | null;
                        max_consecutive_failed_dag_runs: number;
                        has_task_concurrency_limits: boolean;
                        has_import_errors: boolean;
                        next_dagrun_logical_date: string | null;
                        next_dagrun_data_interval_start: string | null;
                        next_dagrun_data_interval_end: string | null;
                        next_dagrun_run_after: string | null;
                        allowed_run_types: string[] | null;
                        owners: string[];
                        is_backfillable: boolean;
                        file_token: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_get_dag_details: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dag_id: string;
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
                        dag_id: string;
                        dag_display_name: string;
                        is_paused: boolean;
                        is_stale: boolean;
                        last_parsed_time: string | null;
                        last_parse_duration: number | null;
                        last_expired: string | null;
                        bundle_name: string | null;
                        bundle_version: string | null;
                        relative_fileloc: string | null;
                        fileloc: string;
                        description: string | null;
                        timetable_summary: string | null;
                        timetable_description: string | null;
                        timetable_partitioned: boolean;
                        timetable_periodic: boolean;
                        tags: {
                            name: string;
                            dag_id: string;
                            dag_display_name: string;
                        }[];
                        max_active_tasks: number;
                        max_active_runs: number | null;
                        max_consecutive_failed_dag_runs: number;
                        has_task_concurrency_limits: boolean;
                        has_import_errors: boolean;
                        next_dagrun_logical_date: string | null;
                        next_dagrun_data_interval_start: string | null;
                        next_dagrun_data_interval_end: string | null;
                        next_dagrun_run_after: string | null;
                        allowed_run_types: string[] | null;
                        owners: string[];
                        is_backfillable: boolean;
                        file_token: string;
                        catchup: boolean;
                        dag_run_timeout: string | null;
                        asset_expression: {
                            [key: string]: unknown;
                        } | null;
                        doc_md: string | null;
                        start_date: string | null;
                        end_date: string | null;
                        is_paused_upon_creation: boolean | null;
                        params: {
                            [key: string]: unknown;
                        } | null;
                        render_template_as_native_obj: boolean;
                        template_search_path: string[] | null;
                        timezone: string | null;
                        last_parsed: string | null;
                        default_args: {
                            [key: string]: unknown;
                        } | null;
                        owner_links: {
                            [key: string]: string;
                        } | null;
                        is_favorite: boolean;
                        active_runs_count: number;
                        concurrency: number;
                        latest_dag_version: {
                            /** @description UUID */
                            id: string;
                            version_number: number;
                            dag_id: string;
                            bundle_name: string | null;
                            bundle_version: string | null;
                            /** @description ISO-8601 date and time */
                            created_at: string;
                            dag_display_name: string;
                            bundle_url: string | null;
                        } | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_get_tasks: {
        parameters: {
            query?: {
                order_by?: string;
            };
            header?: never;
            path: {
                dag_id: string;
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
                        tasks: {
                            task_id: string;
                            task_display_name: string;
                            owner: string;
                            start_date: string | null;
                            end_date: string | null;
                            trigger_rule: string;
                            depends_on_past: boolean;
                            wait_for_downstream: boolean;
                            retries: number;
                            queue: string;
                            pool: string;
                            pool_slots: number;
                            execution_timeout: {
                                __type: string;
                                days: number;
                                seconds: number;
                                microseconds: number;
                            } | null;
                            retry_delay: {
                                __type: string;
                                days: number;
                                seconds: number;
                                microseconds: number;
                            } | null;
                            retry_exponential_backoff: number;
                            priority_weight: number;
                            weight_rule: string;
                            ui_color: string;
                            ui_fgcolor: string;
                            template_fields: string[];
                            downstream_task_ids: string[];
                            doc_md: string | null;
                            operator_name: string;
                            params: {
                                [key: string]: unknown;
                            };
                            class_ref: {
                                [key: string]: unknown;
                            };
                            is_mapped: boolean;
                            extra_links: string[];
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_get_task: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dag_id: string;
                task_id: string;
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
                        task_id: string;
                        task_display_name: string;
                        owner: string;
                        start_date: string | null;
                        end_date: string | null;
                        trigger_rule: string;
                        depends_on_past: boolean;
                        wait_for_downstream: boolean;
                        retries: number;
                        queue: string;
                        pool: string;
                        pool_slots: number;
                        execution_timeout: {
                            __type: string;
                            days: number;
                            seconds: number;
                            microseconds: number;
                        } | null;
                        retry_delay: {
                            __type: string;
                            days: number;
                            seconds: number;
                            microseconds: number;
                        } | null;
                        retry_exponential_backoff: number;
                        priority_weight: number;
                        weight_rule: string;
                        ui_color: string;
                        ui_fgcolor: string;
                        template_fields: string[];
                        downstream_task_ids: string[];
                        doc_md: string | null;
                        operator_name: string;
                        params: {
                            [key: string]: unknown;
                        };
                        class_ref: {
                            [key: string]: unknown;
                        };
                        is_mapped: boolean;
                        extra_links: string[];
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_get_dag_runs: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                order_by?: string | string[];
                state?: ("queued" | "running" | "success" | "failed") | ("queued" | "running" | "success" | "failed")[];
                logical_date_gte?: string | null;
                logical_date_lte?: string | null;
                start_date_gte?: string | null;
                start_date_lte?: string | null;
                end_date_gte?: string | null;
                end_date_lte?: string | null;
            };
            header?: never;
            path: {
                dag_id: string;
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
                        dag_runs: {
                            dag_run_id: string;
                            dag_id: string;
                            logical_date: string | null;
                            queued_at: string | null;
                            start_date: string | null;
                            end_date: string | null;
                            duration: number | null;
                            data_interval_start: string | null;
                            data_interval_end: string | null;
                            /** @description ISO-8601 date and time */
                            run_after: string;
                            last_scheduling_decision: string | null;
                            /** @enum {string} */
                            run_type: "backfill" | "scheduled" | "manual" | "asset_triggered";
                            /** @enum {string} */
                            state: "queued" | "running" | "success" | "failed";
                            triggered_by: ("timetable" | "backfill" | "asset") | null;
                            triggering_user_name: string | null;
                            conf: {
                                [key: string]: unknown;
                            } | null;
                            note: string | null;
                            dag_versions: {
                                /** @description UUID */
                                id: string;
                                version_number: number;
                                dag_id: string;
                                bundle_name: string | null;
                                bundle_version: string | null;
                                /** @description ISO-8601 date and time */
                                created_at: string;
                                dag_display_name: string;
                                bundle_url: string | null;
                            }[];
                            bundle_version: string | null;
                            dag_display_name: string;
                            partition_key: string | null;
                            partition_date: string | null;
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_trigger_dag_run: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dag_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    dag_run_id?: string | null;
                    logical_date?: string | null;
                    data_interval_start?: string | null;
                    data_interval_end?: string | null;
                    run_after?: string | null;
                    conf?: {
                        [key: string]: unknown;
                    } | null;
                    note?: string | null;
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
                        dag_run_id: string;
                        dag_id: string;
                        logical_date: string | null;
                        queued_at: string | null;
                        start_date: string | null;
                        end_date: string | null;
                        duration: number | null;
                        data_interval_start: string | null;
                        data_interval_end: string | null;
                        /** @description ISO-8601 date and time */
                        run_after: string;
                        last_scheduling_decision: string | null;
                        /** @enum {string} */
                        run_type: "backfill" | "scheduled" | "manual" | "asset_triggered";
                        /** @enum {string} */
                        state: "queued" | "running" | "success" | "failed";
                        triggered_by: ("timetable" | "backfill" | "asset") | null;
                        triggering_user_name: string | null;
                        conf: {
                            [key: string]: unknown;
                        } | null;
                        note: string | null;
                        dag_versions: {
                            /** @description UUID */
                            id: string;
                            version_number: number;
                            dag_id: string;
                            bundle_name: string | null;
                            bundle_version: string | null;
                            /** @description ISO-8601 date and time */
                            created_at: string;
                            dag_display_name: string;
                            bundle_url: string | null;
                        }[];
                        bundle_version: string | null;
                        dag_display_name: string;
                        partition_key: string | null;
                        partition_date: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_get_list_dag_runs_batch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dag_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    order_by?: string | null;
                    /** @default 0 */
                    page_offset?: number;
                    /** @default 100 */
                    page_limit?: number;
                    dag_ids?: string[] | null;
                    states?: ("queued" | "running" | "success" | "failed")[] | null;
                    logical_date_gte?: string | null;
                    logical_date_lte?: string | null;
                    start_date_gte?: string | null;
                    start_date_lte?: string | null;
                    end_date_gte?: string | null;
                    end_date_lte?: string | null;
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
                        dag_runs: {
                            dag_run_id: string;
                            dag_id: string;
                            logical_date: string | null;
                            queued_at: string | null;
                            start_date: string | null;
                            end_date: string | null;
                            duration: number | null;
                            data_interval_start: string | null;
                            data_interval_end: string | null;
                            /** @description ISO-8601 date and time */
                            run_after: string;
                            last_scheduling_decision: string | null;
                            /** @enum {string} */
                            run_type: "backfill" | "scheduled" | "manual" | "asset_triggered";
                            /** @enum {string} */
                            state: "queued" | "running" | "success" | "failed";
                            triggered_by: ("timetable" | "backfill" | "asset") | null;
                            triggering_user_name: string | null;
                            conf: {
                                [key: string]: unknown;
                            } | null;
                            note: string | null;
                            dag_versions: {
                                /** @description UUID */
                                id: string;
                                version_number: number;
                                dag_id: string;
                                bundle_name: string | null;
                                bundle_version: string | null;
                                /** @description ISO-8601 date and time */
                                created_at: string;
                                dag_display_name: string;
                                bundle_url: string | null;
                            }[];
                            bundle_version: string | null;
                            dag_display_name: string;
                            partition_key: string | null;
                            partition_date: string | null;
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_get_dag_stats: {
        parameters: {
            query?: {
                dag_ids?: string | string[];
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
                        dags: {
                            dag_id: string;
                            dag_display_name: string;
                            stats: {
                                /** @enum {string} */
                                state: "queued" | "running" | "success" | "failed";
                                count: number;
                            }[];
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_get_dag_run: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dag_id: string;
                dag_run_id: string;
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
                        dag_run_id: string;
                        dag_id: string;
                        logical_date: string | null;
                        queued_at: string | null;
                        start_date: string | null;
                        end_date: string | null;
                        duration: number | null;
                        data_interval_start: string | null;
                        data_interval_end: string | null;
                        /** @description ISO-8601 date and time */
                        run_after: string;
                        last_scheduling_decision: string | null;
                        /** @enum {string} */
                        run_type: "backfill" | "scheduled" | "manual" | "asset_triggered";
                        /** @enum {string} */
                        state: "queued" | "running" | "success" | "failed";
                        triggered_by: ("timetable" | "backfill" | "asset") | null;
                        triggering_user_name: string | null;
                        conf: {
                            [key: string]: unknown;
                        } | null;
                        note: string | null;
                        dag_versions: {
                            /** @description UUID */
                            id: string;
                            version_number: number;
                            dag_id: string;
                            bundle_name: string | null;
                            bundle_version: string | null;
                            /** @description ISO-8601 date and time */
                            created_at: string;
                            dag_display_name: string;
                            bundle_url: string | null;
                        }[];
                        bundle_version: string | null;
                        dag_display_name: string;
                        partition_key: string | null;
                        partition_date: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_delete_dag_run: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dag_id: string;
                dag_run_id: string;
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
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_patch_dag_run: {
        parameters: {
            query?: {
                update_mask?: ("state" | "note") | ("state" | "note")[];
            };
            header?: never;
            path: {
                dag_id: string;
                dag_run_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    state?: ("queued" | "success" | "failed") | null;
                    note?: string | null;
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
                        dag_run_id: string;
                        dag_id: string;
                        logical_date: string | null;
                        queued_at: string | null;
                        start_date: string | null;
                        end_date: string | null;
                        duration: number | null;
                        data_interval_start: string | null;
                        data_interval_end: string | null;
                        /** @description ISO-8601 date and time */
                        run_after: string;
                        last_scheduling_decision: string | null;
                        /** @enum {string} */
                        run_type: "backfill" | "scheduled" | "manual" | "asset_triggered";
                        /** @enum {string} */
                        state: "queued" | "running" | "success" | "failed";
                        triggered_by: ("timetable" | "backfill" | "asset") | null;
                        triggering_user_name: string | null;
                        conf: {
                            [key: string]: unknown;
                        } | null;
                        note: string | null;
                        dag_versions: {
                            /** @description UUID */
                            id: string;
                            version_number: number;
                            dag_id: string;
                            bundle_name: string | null;
                            bundle_version: string | null;
                            /** @description ISO-8601 date and time */
                            created_at: string;
                            dag_display_name: string;
                            bundle_url: string | null;
                        }[];
                        bundle_version: string | null;
                        dag_display_name: string;
                        partition_key: string | null;
                        partition_date: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_clear_dag_run: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dag_id: string;
                dag_run_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default true */
                    dry_run?: boolean;
                    /** @default false */
                    only_failed?: boolean;
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
                        dag_run_id: string;
                        dag_id: string;
                        logical_date: string | null;
                        queued_at: string | null;
                        start_date: string | null;
                        end_date: string | null;
                        duration: number | null;
                        data_interval_start: string | null;
                        data_interval_end: string | null;
                        /** @description ISO-8601 date and time */
                        run_after: string;
                        last_scheduling_decision: string | null;
                        /** @enum {string} */
                        run_type: "backfill" | "scheduled" | "manual" | "asset_triggered";
                        /** @enum {string} */
                        state: "queued" | "running" | "success" | "failed";
                        triggered_by: ("timetable" | "backfill" | "asset") | null;
                        triggering_user_name: string | null;
                        conf: {
                            [key: string]: unknown;
                        } | null;
                        note: string | null;
                        dag_versions: {
                            /** @description UUID */
                            id: string;
                            version_number: number;
                            dag_id: string;
                            bundle_name: string | null;
                            bundle_version: string | null;
                            /** @description ISO-8601 date and time */
                            created_at: string;
                            dag_display_name: string;
                            bundle_url: string | null;
                        }[];
                        bundle_version: string | null;
                        dag_display_name: string;
                        partition_key: string | null;
                        partition_date: string | null;
                    } | {
                        task_instances: {
                            id: string;
                            task_id: string;
                            dag_id: string;
                            dag_run_id: string;
                            map_index: number;
                            logical_date: string | null;
                            /** @description ISO-8601 date and time */
                            run_after: string;
                            start_date: string | null;
                            end_date: string | null;
                            duration: number | null;
                            state: ("removed" | "scheduled" | "queued" | "running" | "success" | "failed" | "up_for_retry" | "up_for_reschedule" | "upstream_failed" | "skipped") | null;
                            try_number: number;
                            max_tries: number;
                            task_display_name: string;
                            dag_display_name: string;
                            hostname: string | null;
                            unixname: string | null;
                            pool: string;
                            pool_slots: number;
                            queue: string | null;
                            priority_weight: number | null;
                            operator: string | null;
                            operator_name: string | null;
                            queued_when: string | null;
                            scheduled_when: string | null;
                            pid: number | null;
                            executor: string | null;
                            executor_config: string;
                            note: string | null;
                            rendered_map_index: string | null;
                            rendered_fields: {
                                [key: string]: unknown;
                            };
                            trigger: null;
                            triggerer_job: null;
                            dag_version: null;
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_get_task_instance_tries: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dag_id: string;
                dag_run_id: string;
                task_id: string;
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
                        task_instances: {
                            id: string;
                            task_id: string;
                            dag_id: string;
                            dag_run_id: string;
                            map_index: number;
                            logical_date: string | null;
                            /** @description ISO-8601 date and time */
                            run_after: string;
                            start_date: string | null;
                            end_date: string | null;
                            duration: number | null;
                            state: ("removed" | "scheduled" | "queued" | "running" | "success" | "failed" | "up_for_retry" | "up_for_reschedule" | "upstream_failed" | "skipped") | null;
                            try_number: number;
                            max_tries: number;
                            task_display_name: string;
                            dag_display_name: string;
                            hostname: string | null;
                            unixname: string | null;
                            pool: string;
                            pool_slots: number;
                            queue: string | null;
                            priority_weight: number | null;
                            operator: string | null;
                            operator_name: string | null;
                            queued_when: string | null;
                            scheduled_when: string | null;
                            pid: number | null;
                            executor: string | null;
                            executor_config: string;
                            note: string | null;
                            rendered_map_index: string | null;
                            rendered_fields: {
                                [key: string]: unknown;
                            };
                            trigger: null;
                            triggerer_job: null;
                            dag_version: null;
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_get_task_instance_try_details: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dag_id: string;
                dag_run_id: string;
                task_id: string;
                task_try_number: number;
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
                        task_id: string;
                        dag_id: string;
                        dag_run_id: string;
                        map_index: number;
                        logical_date: string | null;
                        /** @description ISO-8601 date and time */
                        run_after: string;
                        start_date: string | null;
                        end_date: string | null;
                        duration: number | null;
                        state: ("removed" | "scheduled" | "queued" | "running" | "success" | "failed" | "up_for_retry" | "up_for_reschedule" | "upstream_failed" | "skipped") | null;
                        try_number: number;
                        max_tries: number;
                        task_display_name: string;
                        dag_display_name: string;
                        hostname: string | null;
                        unixname: string | null;
                        pool: string;
                        pool_slots: number;
                        queue: string | null;
                        priority_weight: number | null;
                        operator: string | null;
                        operator_name: string | null;
                        queued_when: string | null;
                        scheduled_when: string | null;
                        pid: number | null;
                        executor: string | null;
                        executor_config: string;
                        note: string | null;
                        rendered_map_index: string | null;
                        rendered_fields: {
                            [key: string]: unknown;
                        };
                        trigger: null;
                        triggerer_job: null;
                        dag_version: null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_get_mapped_task_instance_tries: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dag_id: string;
                dag_run_id: string;
                task_id: string;
                map_index: number;
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
                        task_instances: {
                            id: string;
                            task_id: string;
                            dag_id: string;
                            dag_run_id: string;
                            map_index: number;
                            logical_date: string | null;
                            /** @description ISO-8601 date and time */
                            run_after: string;
                            start_date: string | null;
                            end_date: string | null;
                            duration: number | null;
                            state: ("removed" | "scheduled" | "queued" | "running" | "success" | "failed" | "up_for_retry" | "up_for_reschedule" | "upstream_failed" | "skipped") | null;
                            try_number: number;
                            max_tries: number;
                            task_display_name: string;
                            dag_display_name: string;
                            hostname: string | null;
                            unixname: string | null;
                            pool: string;
                            pool_slots: number;
                            queue: string | null;
                            priority_weight: number | null;
                            operator: string | null;
                            operator_name: string | null;
                            queued_when: string | null;
                            scheduled_when: string | null;
                            pid: number | null;
                            executor: string | null;
                            executor_config: string;
                            note: string | null;
                            rendered_map_index: string | null;
                            rendered_fields: {
                                [key: string]: unknown;
                            };
                            trigger: null;
                            triggerer_job: null;
                            dag_version: null;
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_get_mapped_task_instance_try_details: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dag_id: string;
                dag_run_id: string;
                task_id: string;
                map_index: number;
                task_try_number: number;
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
                        task_id: string;
                        dag_id: string;
                        dag_run_id: string;
                        map_index: number;
                        logical_date: string | null;
                        /** @description ISO-8601 date and time */
                        run_after: string;
                        start_date: string | null;
                        end_date: string | null;
                        duration: number | null;
                        state: ("removed" | "scheduled" | "queued" | "running" | "success" | "failed" | "up_for_retry" | "up_for_reschedule" | "upstream_failed" | "skipped") | null;
                        try_number: number;
                        max_tries: number;
                        task_display_name: string;
                        dag_display_name: string;
                        hostname: string | null;
                        unixname: string | null;
                        pool: string;
                        pool_slots: number;
                        queue: string | null;
                        priority_weight: number | null;
                        operator: string | null;
                        operator_name: string | null;
                        queued_when: string | null;
                        scheduled_when: string | null;
                        pid: number | null;
                        executor: string | null;
                        executor_config: string;
                        note: string | null;
                        rendered_map_index: string | null;
                        rendered_fields: {
                            [key: string]: unknown;
                        };
                        trigger: null;
                        triggerer_job: null;
                        dag_version: null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_get_mapped_task_instance: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dag_id: string;
                dag_run_id: string;
                task_id: string;
                map_index: number;
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
                        task_id: string;
                        dag_id: string;
                        dag_run_id: string;
                        map_index: number;
                        logical_date: string | null;
                        /** @description ISO-8601 date and time */
                        run_after: string;
                        start_date: string | null;
                        end_date: string | null;
                        duration: number | null;
                        state: ("removed" | "scheduled" | "queued" | "running" | "success" | "failed" | "up_for_retry" | "up_for_reschedule" | "upstream_failed" | "skipped") | null;
                        try_number: number;
                        max_tries: number;
                        task_display_name: string;
                        dag_display_name: string;
                        hostname: string | null;
                        unixname: string | null;
                        pool: string;
                        pool_slots: number;
                        queue: string | null;
                        priority_weight: number | null;
                        operator: string | null;
                        operator_name: string | null;
                        queued_when: string | null;
                        scheduled_when: string | null;
                        pid: number | null;
                        executor: string | null;
                        executor_config: string;
                        note: string | null;
                        rendered_map_index: string | null;
                        rendered_fields: {
                            [key: string]: unknown;
                        };
                        trigger: null;
                        triggerer_job: null;
                        dag_version: null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_patch_task_instance_by_map_index: {
        parameters: {
            query?: {
                map_index?: number;
                update_mask?: string | string[];
            };
            header?: never;
            path: {
                dag_id: string;
                dag_run_id: string;
                task_id: string;
                map_index: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    new_state?: ("success" | "failed" | "skipped") | null;
                    note?: string | null;
                    /** @default false */
                    include_upstream?: boolean;
                    /** @default false */
                    include_downstream?: boolean;
                    /** @default false */
                    include_future?: boolean;
                    /** @default false */
                    include_past?: boolean;
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
                        task_instances: {
                            id: string;
                            task_id: string;
                            dag_id: string;
                            dag_run_id: string;
                            map_index: number;
                            logical_date: string | null;
                            /** @description ISO-8601 date and time */
                            run_after: string;
                            start_date: string | null;
                            end_date: string | null;
                            duration: number | null;
                            state: ("removed" | "scheduled" | "queued" | "running" | "success" | "failed" | "up_for_retry" | "up_for_reschedule" | "upstream_failed" | "skipped") | null;
                            try_number: number;
                            max_tries: number;
                            task_display_name: string;
                            dag_display_name: string;
                            hostname: string | null;
                            unixname: string | null;
                            pool: string;
                            pool_slots: number;
                            queue: string | null;
                            priority_weight: number | null;
                            operator: string | null;
                            operator_name: string | null;
                            queued_when: string | null;
                            scheduled_when: string | null;
                            pid: number | null;
                            executor: string | null;
                            executor_config: string;
                            note: string | null;
                            rendered_map_index: string | null;
                            rendered_fields: {
                                [key: string]: unknown;
                            };
                            trigger: null;
                            triggerer_job: null;
                            dag_version: null;
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_get_mapped_task_instances: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                order_by?: string | string[];
            };
            header?: never;
            path: {
                dag_id: string;
                dag_run_id: string;
                task_id: string;
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
                        task_instances: {
                            id: string;
                            task_id: string;
                            dag_id: string;
                            dag_run_id: string;
                            map_index: number;
                            logical_date: string | null;
                            /** @description ISO-8601 date and time */
                            run_after: string;
                            start_date: string | null;
                            end_date: string | null;
                            duration: number | null;
                            state: ("removed" | "scheduled" | "queued" | "running" | "success" | "failed" | "up_for_retry" | "up_for_reschedule" | "upstream_failed" | "skipped") | null;
                            try_number: number;
                            max_tries: number;
                            task_display_name: string;
                            dag_display_name: string;
                            hostname: string | null;
                            unixname: string | null;
                            pool: string;
                            pool_slots: number;
                            queue: string | null;
                            priority_weight: number | null;
                            operator: string | null;
                            operator_name: string | null;
                            queued_when: string | null;
                            scheduled_when: string | null;
                            pid: number | null;
                            executor: string | null;
                            executor_config: string;
                            note: string | null;
                            rendered_map_index: string | null;
                            rendered_fields: {
                                [key: string]: unknown;
                            };
                            trigger: null;
                            triggerer_job: null;
                            dag_version: null;
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_get_task_instances: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                order_by?: string | string[];
                task_id?: string;
                state?: ("removed" | "scheduled" | "queued" | "running" | "success" | "failed" | "up_for_retry" | "up_for_reschedule" | "upstream_failed" | "skipped" | "none") | ("removed" | "scheduled" | "queued" | "running" | "success" | "failed" | "up_for_retry" | "up_for_reschedule" | "upstream_failed" | "skipped" | "none")[];
                pool?: string | string[];
                queue?: string | string[];
                map_index?: number | number[];
            };
            header?: never;
            path: {
                dag_id: string;
                dag_run_id: string;
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
                        task_instances: {
                            id: string;
                            task_id: string;
                            dag_id: string;
                            dag_run_id: string;
                            map_index: number;
                            logical_date: string | null;
                            /** @description ISO-8601 date and time */
                            run_after: string;
                            start_date: string | null;
                            end_date: string | null;
                            duration: number | null;
                            state: ("removed" | "scheduled" | "queued" | "running" | "success" | "failed" | "up_for_retry" | "up_for_reschedule" | "upstream_failed" | "skipped") | null;
                            try_number: number;
                            max_tries: number;
                            task_display_name: string;
                            dag_display_name: string;
                            hostname: string | null;
                            unixname: string | null;
                            pool: string;
                            pool_slots: number;
                            queue: string | null;
                            priority_weight: number | null;
                            operator: string | null;
                            operator_name: string | null;
                            queued_when: string | null;
                            scheduled_when: string | null;
                            pid: number | null;
                            executor: string | null;
                            executor_config: string;
                            note: string | null;
                            rendered_map_index: string | null;
                            rendered_fields: {
                                [key: string]: unknown;
                            };
                            trigger: null;
                            triggerer_job: null;
                            dag_version: null;
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_get_task_instance: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dag_id: string;
                dag_run_id: string;
                task_id: string;
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
                        task_id: string;
                        dag_id: string;
                        dag_run_id: string;
                        map_index: number;
                        logical_date: string | null;
                        /** @description ISO-8601 date and time */
                        run_after: string;
                        start_date: string | null;
                        end_date: string | null;
                        duration: number | null;
                        state: ("removed" | "scheduled" | "queued" | "running" | "success" | "failed" | "up_for_retry" | "up_for_reschedule" | "upstream_failed" | "skipped") | null;
                        try_number: number;
                        max_tries: number;
                        task_display_name: string;
                        dag_display_name: string;
                        hostname: string | null;
                        unixname: string | null;
                        pool: string;
                        pool_slots: number;
                        queue: string | null;
                        priority_weight: number | null;
                        operator: string | null;
                        operator_name: string | null;
                        queued_when: string | null;
                        scheduled_when: string | null;
                        pid: number | null;
                        executor: string | null;
                        executor_config: string;
                        note: string | null;
                        rendered_map_index: string | null;
                        rendered_fields: {
                            [key: string]: unknown;
                        };
                        trigger: null;
                        triggerer_job: null;
                        dag_version: null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_patch_task_instance: {
        parameters: {
            query?: {
                map_index?: number;
                update_mask?: string | string[];
            };
            header?: never;
            path: {
                dag_id: string;
                dag_run_id: string;
                task_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    new_state?: ("success" | "failed" | "skipped") | null;
                    note?: string | null;
                    /** @default false */
                    include_upstream?: boolean;
                    /** @default false */
                    include_downstream?: boolean;
                    /** @default false */
                    include_future?: boolean;
                    /** @default false */
                    include_past?: boolean;
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
                        task_instances: {
                            id: string;
                            task_id: string;
                            dag_id: string;
                            dag_run_id: string;
                            map_index: number;
                            logical_date: string | null;
                            /** @description ISO-8601 date and time */
                            run_after: string;
                            start_date: string | null;
                            end_date: string | null;
                            duration: number | null;
                            state: ("removed" | "scheduled" | "queued" | "running" | "success" | "failed" | "up_for_retry" | "up_for_reschedule" | "upstream_failed" | "skipped") | null;
                            try_number: number;
                            max_tries: number;
                            task_display_name: string;
                            dag_display_name: string;
                            hostname: string | null;
                            unixname: string | null;
                            pool: string;
                            pool_slots: number;
                            queue: string | null;
                            priority_weight: number | null;
                            operator: string | null;
                            operator_name: string | null;
                            queued_when: string | null;
                            scheduled_when: string | null;
                            pid: number | null;
                            executor: string | null;
                            executor_config: string;
                            note: string | null;
                            rendered_map_index: string | null;
                            rendered_fields: {
                                [key: string]: unknown;
                            };
                            trigger: null;
                            triggerer_job: null;
                            dag_version: null;
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_get_log: {
        parameters: {
            query?: {
                full_content?: "true" | "false";
                map_index?: number;
                token?: string;
            };
            header?: never;
            path: {
                dag_id: string;
                dag_run_id: string;
                task_id: string;
                try_number: number;
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
                        content: string[];
                        continuation_token: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_post_clear_task_instances: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dag_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default true */
                    dry_run?: boolean;
                    start_date?: string | null;
                    end_date?: string | null;
                    /** @default true */
                    only_failed?: boolean;
                    /** @default false */
                    only_running?: boolean;
                    /** @default true */
                    reset_dag_runs?: boolean;
                    task_ids?: (string | [
                        string,
                        number
                    ])[] | null;
                    dag_run_id?: string | null;
                    /** @default false */
                    include_upstream?: boolean;
                    /** @default false */
                    include_downstream?: boolean;
                    /** @default false */
                    include_future?: boolean;
                    /** @default false */
                    include_past?: boolean;
                    note?: string | null;
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
                        task_instances: {
                            id: string;
                            task_id: string;
                            dag_id: string;
                            dag_run_id: string;
                            map_index: number;
                            logical_date: string | null;
                            /** @description ISO-8601 date and time */
                            run_after: string;
                            start_date: string | null;
                            end_date: string | null;
                            duration: number | null;
                            state: ("removed" | "scheduled" | "queued" | "running" | "success" | "failed" | "up_for_retry" | "up_for_reschedule" | "upstream_failed" | "skipped") | null;
                            try_number: number;
                            max_tries: number;
                            task_display_name: string;
                            dag_display_name: string;
                            hostname: string | null;
                            unixname: string | null;
                            pool: string;
                            pool_slots: number;
                            queue: string | null;
                            priority_weight: number | null;
                            operator: string | null;
                            operator_name: string | null;
                            queued_when: string | null;
                            scheduled_when: string | null;
                            pid: number | null;
                            executor: string | null;
                            executor_config: string;
                            note: string | null;
                            rendered_map_index: string | null;
                            rendered_fields: {
                                [key: string]: unknown;
                            };
                            trigger: null;
                            triggerer_job: null;
                            dag_version: null;
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_get_task_instance_dependencies: {
        parameters: {
            query?: {
                map_index?: number;
            };
            header?: never;
            path: {
                dag_id: string;
                dag_run_id: string;
                task_id: string;
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
                        dependencies: {
                            name: string;
                            reason: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_get_task_instance_dependencies_by_map_index: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dag_id: string;
                dag_run_id: string;
                task_id: string;
                map_index: number;
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
                        dependencies: {
                            name: string;
                            reason: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_get_extra_links: {
        parameters: {
            query?: {
                map_index?: number;
                try_number?: number;
            };
            header?: never;
            path: {
                dag_id: string;
                dag_run_id: string;
                task_id: string;
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
                        extra_links: {
                            [key: string]: string | null;
                        };
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_get_xcom_entries: {
        parameters: {
            query?: {
                xcom_key?: string;
                map_index?: number;
                limit?: number;
                offset?: number;
            };
            header?: never;
            path: {
                dag_id: string;
                dag_run_id: string;
                task_id: string;
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
                        xcom_entries: {
                            key: string;
                            /** @description ISO-8601 date and time */
                            timestamp: string;
                            logical_date: string | null;
                            map_index: number;
                            task_id: string;
                            dag_id: string;
                            run_id: string;
                            dag_display_name: string;
                            task_display_name: string;
                            /** @description ISO-8601 date and time */
                            run_after: string;
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_get_xcom_entry: {
        parameters: {
            query?: {
                map_index?: number;
                stringify?: "true" | "false";
            };
            header?: never;
            path: {
                dag_id: string;
                dag_run_id: string;
                task_id: string;
                xcom_key: string;
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
                        key: string;
                        /** @description ISO-8601 date and time */
                        timestamp: string;
                        logical_date: string | null;
                        map_index: number;
                        task_id: string;
                        dag_id: string;
                        run_id: string;
                        dag_display_name: string;
                        task_display_name: string;
                        /** @description ISO-8601 date and time */
                        run_after: string;
                        value: unknown;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_get_pools: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                order_by?: string | string[];
                pool_name_pattern?: string;
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
                        pools: {
                            name: string;
                            slots: number;
                            description: string | null;
                            include_deferred: boolean;
                            occupied_slots: number;
                            running_slots: number;
                            queued_slots: number;
                            scheduled_slots: number;
                            open_slots: number;
                            deferred_slots: number;
                            team_name: string | null;
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_post_pool: {
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
                    slots: number;
                    description?: string | null;
                    /** @default false */
                    include_deferred?: boolean;
                    team_name?: string | null;
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
                        name: string;
                        slots: number;
                        description: string | null;
                        include_deferred: boolean;
                        occupied_slots: number;
                        running_slots: number;
                        queued_slots: number;
                        scheduled_slots: number;
                        open_slots: number;
                        deferred_slots: number;
                        team_name: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_get_pool: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                pool_name: string;
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
                        name: string;
                        slots: number;
                        description: string | null;
                        include_deferred: boolean;
                        occupied_slots: number;
                        running_slots: number;
                        queued_slots: number;
                        scheduled_slots: number;
                        open_slots: number;
                        deferred_slots: number;
                        team_name: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_delete_pool: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                pool_name: string;
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
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_patch_pool: {
        parameters: {
            query?: {
                update_mask?: string | string[];
            };
            header?: never;
            path: {
                pool_name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    slots?: number;
                    description?: string | null;
                    /** @default false */
                    include_deferred?: boolean;
                    team_name?: string | null;
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
                        name: string;
                        slots: number;
                        description: string | null;
                        include_deferred: boolean;
                        occupied_slots: number;
                        running_slots: number;
                        queued_slots: number;
                        scheduled_slots: number;
                        open_slots: number;
                        deferred_slots: number;
                        team_name: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_get_variables: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                order_by?: string | string[];
                variable_key_pattern?: string;
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
                        variables: {
                            key: string;
                            value?: string | null;
                            description: string | null;
                            is_encrypted: boolean;
                            team_name: string | null;
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_post_variable: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    key: string;
                    value: unknown;
                    description?: string | null;
                    team_name?: string | null;
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
                        key: string;
                        value?: string | null;
                        description: string | null;
                        is_encrypted: boolean;
                        team_name: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_get_variable: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                variable_key: string;
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
                        key: string;
                        value?: string | null;
                        description: string | null;
                        is_encrypted: boolean;
                        team_name: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_delete_variable: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                variable_key: string;
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
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_patch_variable: {
        parameters: {
            query?: {
                update_mask?: string | string[];
            };
            header?: never;
            path: {
                variable_key: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    key?: string;
                    value?: unknown;
                    description?: string | null;
                    team_name?: string | null;
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
                        key: string;
                        value?: string | null;
                        description: string | null;
                        is_encrypted: boolean;
                        team_name: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_get_connections: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                order_by?: string | string[];
                connection_id_pattern?: string;
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
                        connections: {
                            connection_id: string;
                            conn_type: string;
                            description: string | null;
                            host: string | null;
                            login: string | null;
                            schema: string | null;
                            port: number | null;
                            password: string | null;
                            extra: string | null;
                            team_name: string | null;
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_post_connection: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    connection_id: string;
                    conn_type: string;
                    description?: string | null;
                    host?: string | null;
                    login?: string | null;
                    schema?: string | null;
                    port?: number | null;
                    password?: string | null;
                    extra?: string | null;
                    /** @description Borda: queue patterns whose tasks may read it; null: every queue */
                    queues?: string[] | null;
                    team_name?: string | null;
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
                        connection_id: string;
                        conn_type: string;
                        description: string | null;
                        host: string | null;
                        login: string | null;
                        schema: string | null;
                        port: number | null;
                        password: string | null;
                        extra: string | null;
                        team_name: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_get_connection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connection_id: string;
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
                        connection_id: string;
                        conn_type: string;
                        description: string | null;
                        host: string | null;
                        login: string | null;
                        schema: string | null;
                        port: number | null;
                        password: string | null;
                        extra: string | null;
                        team_name: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_delete_connection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connection_id: string;
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
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_patch_connection: {
        parameters: {
            query?: {
                update_mask?: string | string[];
            };
            header?: never;
            path: {
                connection_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    connection_id?: string;
                    conn_type?: string;
                    description?: string | null;
                    host?: string | null;
                    login?: string | null;
                    schema?: string | null;
                    port?: number | null;
                    password?: string | null;
                    extra?: string | null;
                    /** @description Borda: queue patterns whose tasks may read it; null: every queue */
                    queues?: string[] | null;
                    team_name?: string | null;
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
                        connection_id: string;
                        conn_type: string;
                        description: string | null;
                        host: string | null;
                        login: string | null;
                        schema: string | null;
                        port: number | null;
                        password: string | null;
                        extra: string | null;
                        team_name: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_test_connection: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    connection_id: string;
                    conn_type: string;
                    description?: string | null;
                    host?: string | null;
                    login?: string | null;
                    schema?: string | null;
                    port?: number | null;
                    password?: string | null;
                    extra?: string | null;
                    /** @description Borda: queue patterns whose tasks may read it; null: every queue */
                    queues?: string[] | null;
                    team?: string;
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
                        status: boolean;
                        message: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_get_import_errors: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                order_by?: string | string[];
                filename?: string;
                filename_pattern?: string;
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
                        import_errors: {
                            import_error_id: number;
                            /** @description ISO-8601 date and time */
                            timestamp: string;
                            filename: string;
                            bundle_name: string | null;
                            stack_trace: string;
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_get_import_error: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                import_error_id: number;
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
                        import_error_id: number;
                        /** @description ISO-8601 date and time */
                        timestamp: string;
                        filename: string;
                        bundle_name: string | null;
                        stack_trace: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_get_event_logs: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                order_by?: string | string[];
                dag_id?: string;
                task_id?: string;
                run_id?: string;
                map_index?: number;
                try_number?: number;
                owner?: string;
                event?: string;
                included_events?: string | string[];
                excluded_events?: string | string[];
                before?: string;
                after?: string;
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
                        event_logs: {
                            event_log_id: number;
                            /** @description ISO-8601 date and time */
                            when: string;
                            dag_id: string | null;
                            task_id: string | null;
                            run_id: string | null;
                            map_index: number | null;
                            try_number: number | null;
                            event: string;
                            logical_date: string | null;
                            owner: string | null;
                            extra: string | null;
                            dag_display_name: string | null;
                            task_display_name: string | null;
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_get_event_log: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                event_log_id: number;
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
                        event_log_id: number;
                        /** @description ISO-8601 date and time */
                        when: string;
                        dag_id: string | null;
                        task_id: string | null;
                        run_id: string | null;
                        map_index: number | null;
                        try_number: number | null;
                        event: string;
                        logical_date: string | null;
                        owner: string | null;
                        extra: string | null;
                        dag_display_name: string | null;
                        task_display_name: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_get_assets: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                order_by?: string | string[];
                uri_pattern?: string;
                name_pattern?: string;
                dag_ids?: string | string[];
                only_active?: "true" | "false";
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
                        assets: {
                            id: number;
                            name: string;
                            uri: string;
                            group: string;
                            extra: {
                                [key: string]: unknown;
                            } | null;
                            /** @description ISO-8601 date and time */
                            created_at: string;
                            /** @description ISO-8601 date and time */
                            updated_at: string;
                            scheduled_dags: {
                                dag_id: string;
                                /** @description ISO-8601 date and time */
                                created_at: string;
                                /** @description ISO-8601 date and time */
                                updated_at: string;
                            }[];
                            producing_tasks: {
                                dag_id: string;
                                task_id: string;
                                /** @description ISO-8601 date and time */
                                created_at: string;
                                /** @description ISO-8601 date and time */
                                updated_at: string;
                            }[];
                            consuming_tasks: {
                                dag_id: string;
                                task_id: string;
                                /** @description ISO-8601 date and time */
                                created_at: string;
                                /** @description ISO-8601 date and time */
                                updated_at: string;
                            }[];
                            aliases: {
                                id: number;
                                name: string;
                                group: string;
                            }[];
                            watchers: {
                                name: string;
                            }[];
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_get_asset_aliases: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                order_by?: string | string[];
                name_pattern?: string;
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
                        asset_aliases: unknown[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_get_asset_events: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                order_by?: string | string[];
                asset_id?: number;
                source_dag_id?: string;
                source_task_id?: string;
                source_run_id?: string;
                source_map_index?: number;
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
                        asset_events: {
                            id: number;
                            asset_id: number;
                            uri: string;
                            name: string;
                            group: string;
                            extra: {
                                [key: string]: unknown;
                            } | null;
                            source_task_id: string | null;
                            source_dag_id: string | null;
                            source_run_id: string | null;
                            source_map_index: number;
                            created_dagruns: {
                                run_id: string;
                                dag_id: string;
                                logical_date: string | null;
                                /** @description ISO-8601 date and time */
                                start_date: string;
                                end_date: string | null;
                                state: string;
                                data_interval_start: string | null;
                                data_interval_end: string | null;
                                partition_key: string | null;
                                triggering: boolean;
                            }[];
                            /** @description ISO-8601 date and time */
                            timestamp: string;
                            partition_key: string | null;
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_create_asset_event: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    asset_id: number;
                    extra?: {
                        [key: string]: unknown;
                    };
                    partition_key?: null;
                    access_control?: null;
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
                        id: number;
                        asset_id: number;
                        uri: string;
                        name: string;
                        group: string;
                        extra: {
                            [key: string]: unknown;
                        } | null;
                        source_task_id: string | null;
                        source_dag_id: string | null;
                        source_run_id: string | null;
                        source_map_index: number;
                        created_dagruns: {
                            run_id: string;
                            dag_id: string;
                            logical_date: string | null;
                            /** @description ISO-8601 date and time */
                            start_date: string;
                            end_date: string | null;
                            state: string;
                            data_interval_start: string | null;
                            data_interval_end: string | null;
                            partition_key: string | null;
                            triggering: boolean;
                        }[];
                        /** @description ISO-8601 date and time */
                        timestamp: string;
                        partition_key: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_get_asset: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                asset_id: number;
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
                        id: number;
                        name: string;
                        uri: string;
                        group: string;
                        extra: {
                            [key: string]: unknown;
                        } | null;
                        /** @description ISO-8601 date and time */
                        created_at: string;
                        /** @description ISO-8601 date and time */
                        updated_at: string;
                        scheduled_dags: {
                            dag_id: string;
                            /** @description ISO-8601 date and time */
                            created_at: string;
                            /** @description ISO-8601 date and time */
                            updated_at: string;
                        }[];
                        producing_tasks: {
                            dag_id: string;
                            task_id: string;
                            /** @description ISO-8601 date and time */
                            created_at: string;
                            /** @description ISO-8601 date and time */
                            updated_at: string;
                        }[];
                        consuming_tasks: {
                            dag_id: string;
                            task_id: string;
                            /** @description ISO-8601 date and time */
                            created_at: string;
                            /** @description ISO-8601 date and time */
                            updated_at: string;
                        }[];
                        aliases: {
                            id: number;
                            name: string;
                            group: string;
                        }[];
                        watchers: {
                            name: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_get_dag_asset_queued_event: {
        parameters: {
            query?: {
                before?: string;
            };
            header?: never;
            path: {
                dag_id: string;
                asset_id: number;
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
                        dag_id: string;
                        asset_id: number;
                        /** @description ISO-8601 date and time */
                        created_at: string;
                        dag_display_name: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_delete_dag_asset_queued_event: {
        parameters: {
            query?: {
                before?: string;
            };
            header?: never;
            path: {
                dag_id: string;
                asset_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_get_dag_asset_queued_events: {
        parameters: {
            query?: {
                before?: string;
            };
            header?: never;
            path: {
                dag_id: string;
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
                        queued_events: {
                            dag_id: string;
                            asset_id: number;
                            /** @description ISO-8601 date and time */
                            created_at: string;
                            dag_display_name: string;
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_delete_dag_asset_queued_events: {
        parameters: {
            query?: {
                before?: string;
            };
            header?: never;
            path: {
                dag_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_get_asset_queued_events: {
        parameters: {
            query?: {
                before?: string;
            };
            header?: never;
            path: {
                asset_id: number;
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
                        queued_events: {
                            dag_id: string;
                            asset_id: number;
                            /** @description ISO-8601 date and time */
                            created_at: string;
                            dag_display_name: string;
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_delete_asset_queued_events: {
        parameters: {
            query?: {
                before?: string;
            };
            header?: never;
            path: {
                asset_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_list_backfills: {
        parameters: {
            query: {
                limit?: number;
                offset?: number;
                order_by?: string | string[];
                dag_id: string;
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
                        backfills: {
                            id: number;
                            dag_id: string;
                            /** @description ISO-8601 date and time */
                            from_date: string;
                            /** @description ISO-8601 date and time */
                            to_date: string;
                            dag_run_conf: {
                                [key: string]: unknown;
                            };
                            is_paused: boolean;
                            /** @enum {string} */
                            reprocess_behavior: "none" | "failed" | "completed";
                            max_active_runs: number;
                            /** @description ISO-8601 date and time */
                            created_at: string;
                            completed_at: string | null;
                            /** @description ISO-8601 date and time */
                            updated_at: string;
                            dag_display_name: string;
                            progress: {
                                total: number;
                                created: number;
                                skipped: number;
                                running: number;
                                succeeded: number;
                                failed: number;
                            };
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_create_backfill: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    dag_id: string;
                    from_date: string;
                    to_date: string;
                    /** @default false */
                    run_backwards?: boolean;
                    /** @default {} */
                    dag_run_conf?: {
                        [key: string]: unknown;
                    } | null;
                    /**
                     * @default none
                     * @enum {string}
                     */
                    reprocess_behavior?: "none" | "failed" | "completed" | "all";
                    max_active_runs?: number;
                    run_on_latest_version?: boolean | null;
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
                        id: number;
                        dag_id: string;
                        /** @description ISO-8601 date and time */
                        from_date: string;
                        /** @description ISO-8601 date and time */
                        to_date: string;
                        dag_run_conf: {
                            [key: string]: unknown;
                        };
                        is_paused: boolean;
                        /** @enum {string} */
                        reprocess_behavior: "none" | "failed" | "completed";
                        max_active_runs: number;
                        /** @description ISO-8601 date and time */
                        created_at: string;
                        completed_at: string | null;
                        /** @description ISO-8601 date and time */
                        updated_at: string;
                        dag_display_name: string;
                        progress: {
                            total: number;
                            created: number;
                            skipped: number;
                            running: number;
                            succeeded: number;
                            failed: number;
                        };
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_get_backfill: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                backfill_id: number;
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
                        id: number;
                        dag_id: string;
                        /** @description ISO-8601 date and time */
                        from_date: string;
                        /** @description ISO-8601 date and time */
                        to_date: string;
                        dag_run_conf: {
                            [key: string]: unknown;
                        };
                        is_paused: boolean;
                        /** @enum {string} */
                        reprocess_behavior: "none" | "failed" | "completed";
                        max_active_runs: number;
                        /** @description ISO-8601 date and time */
                        created_at: string;
                        completed_at: string | null;
                        /** @description ISO-8601 date and time */
                        updated_at: string;
                        dag_display_name: string;
                        progress: {
                            total: number;
                            created: number;
                            skipped: number;
                            running: number;
                            succeeded: number;
                            failed: number;
                        };
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_create_backfill_dry_run: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    dag_id: string;
                    from_date: string;
                    to_date: string;
                    /** @default false */
                    run_backwards?: boolean;
                    /** @default {} */
                    dag_run_conf?: {
                        [key: string]: unknown;
                    } | null;
                    /**
                     * @default none
                     * @enum {string}
                     */
                    reprocess_behavior?: "none" | "failed" | "completed" | "all";
                    max_active_runs?: number;
                    run_on_latest_version?: boolean | null;
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
                        backfills: {
                            logical_date: string | null;
                            partition_key: string | null;
                            partition_date: string | null;
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_pause_backfill: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                backfill_id: number;
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
                        id: number;
                        dag_id: string;
                        /** @description ISO-8601 date and time */
                        from_date: string;
                        /** @description ISO-8601 date and time */
                        to_date: string;
                        dag_run_conf: {
                            [key: string]: unknown;
                        };
                        is_paused: boolean;
                        /** @enum {string} */
                        reprocess_behavior: "none" | "failed" | "completed";
                        max_active_runs: number;
                        /** @description ISO-8601 date and time */
                        created_at: string;
                        completed_at: string | null;
                        /** @description ISO-8601 date and time */
                        updated_at: string;
                        dag_display_name: string;
                        progress: {
                            total: number;
                            created: number;
                            skipped: number;
                            running: number;
                            succeeded: number;
                            failed: number;
                        };
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_unpause_backfill: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                backfill_id: number;
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
                        id: number;
                        dag_id: string;
                        /** @description ISO-8601 date and time */
                        from_date: string;
                        /** @description ISO-8601 date and time */
                        to_date: string;
                        dag_run_conf: {
                            [key: string]: unknown;
                        };
                        is_paused: boolean;
                        /** @enum {string} */
                        reprocess_behavior: "none" | "failed" | "completed";
                        max_active_runs: number;
                        /** @description ISO-8601 date and time */
                        created_at: string;
                        completed_at: string | null;
                        /** @description ISO-8601 date and time */
                        updated_at: string;
                        dag_display_name: string;
                        progress: {
                            total: number;
                            created: number;
                            skipped: number;
                            running: number;
                            succeeded: number;
                            failed: number;
                        };
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_cancel_backfill: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                backfill_id: number;
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
                        id: number;
                        dag_id: string;
                        /** @description ISO-8601 date and time */
                        from_date: string;
                        /** @description ISO-8601 date and time */
                        to_date: string;
                        dag_run_conf: {
                            [key: string]: unknown;
                        };
                        is_paused: boolean;
                        /** @enum {string} */
                        reprocess_behavior: "none" | "failed" | "completed";
                        max_active_runs: number;
                        /** @description ISO-8601 date and time */
                        created_at: string;
                        completed_at: string | null;
                        /** @description ISO-8601 date and time */
                        updated_at: string;
                        dag_display_name: string;
                        progress: {
                            total: number;
                            created: number;
                            skipped: number;
                            running: number;
                            succeeded: number;
                            failed: number;
                        };
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_get_dag_source: {
        parameters: {
            query?: {
                version_number?: number;
            };
            header?: never;
            path: {
                dag_id: string;
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
                        content: string | null;
                        dag_id: string;
                        version_number: number | null;
                        dag_display_name: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_get_dag_versions: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                order_by?: string | string[];
                version_number?: number;
                bundle_name?: string;
                bundle_version?: string;
            };
            header?: never;
            path: {
                dag_id: string;
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
                        dag_versions: {
                            /** @description UUID */
                            id: string;
                            version_number: number;
                            dag_id: string;
                            bundle_name: string | null;
                            bundle_version: string | null;
                            /** @description ISO-8601 date and time */
                            created_at: string;
                            dag_display_name: string;
                            bundle_url: string | null;
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_get_dag_version: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dag_id: string;
                version_number: number;
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
                        /** @description UUID */
                        id: string;
                        version_number: number;
                        dag_id: string;
                        bundle_name: string | null;
                        bundle_version: string | null;
                        /** @description ISO-8601 date and time */
                        created_at: string;
                        dag_display_name: string;
                        bundle_url: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_get_dag_tags: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                order_by?: string | string[];
                tag_name_pattern?: string;
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
                        tags: string[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_reparse_dag_file: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                file_token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_get_config: {
        parameters: {
            query?: {
                section?: string;
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
                        sections: {
                            name: string;
                            options: {
                                key: string;
                                value: string;
                            }[];
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_get_config_value: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                section: string;
                option: string;
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
                        sections: {
                            name: string;
                            options: {
                                key: string;
                                value: string;
                            }[];
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_get_plugins: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
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
                        plugins: {
                            name: string;
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_get_providers: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
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
                        providers: {
                            package_name: string;
                            description: string;
                            version: string;
                            documentation_url: string | null;
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    v2_list_dag_warnings: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                order_by?: string | string[];
                dag_id?: string;
                warning_type?: "asset conflict" | "non-existent pool" | "runtime varying value";
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
                        dag_warnings: {
                            dag_id: string;
                            /** @enum {string} */
                            warning_type: "asset conflict" | "non-existent pool" | "runtime varying value";
                            message: string;
                            /** @description ISO-8601 date and time */
                            timestamp: string;
                            dag_display_name: string;
                        }[];
                        total_entries: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    create_token: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    username: string;
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
                        access_token: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    create_token_cli: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    username: string;
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
                        access_token: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            loc: (string | number)[];
                            msg: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
}
