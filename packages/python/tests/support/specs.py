"""Expected DAG specs, written out: what tests compare the SDKs' output with."""


def python_task(task_id, **fields):
    """A task's spec with Borda's defaults, as the Python SDK writes it."""
    return {
        "taskId": task_id,
        "kind": "function",
        "bashCommand": None,
        "queue": "default",
        "pool": "default_pool",
        "poolSlots": 1,
        "retries": 0,
        "retryDelayMs": 300_000,
        "retryExponentialBackoff": False,
        "maxRetryDelayMs": None,
        "executionTimeoutMs": None,
        "triggerRule": "all_success",
        "priorityWeight": 1,
        "isolation": "warm",
        "upstream": [],
        "inputs": {},
        "runtime": "python",
        "operator": "@task",
        "python": {"entry": None, "callable": None},
        **fields,
    }
