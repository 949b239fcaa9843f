"""What the official-client sessions share: where the server is, and one line per step.

Each session script runs the calls an Airflow user's script makes, in order, and prints
`ok   <step>` after each, so a failure's output shows how far the session got and the
client's own error (the test prints it all).
"""

import os
import sys
import time
from contextlib import contextmanager

# The server, its user, and the DAG (packages/cli/test/airflowClients/client_session.ts).
URL = os.environ["BORDA_URL"]
USERNAME = os.environ["BORDA_USERNAME"]
PASSWORD = os.environ["BORDA_PASSWORD"]
DAG_ID = "client_session"


@contextmanager
def step(what):
    try:
        yield
    except BaseException:
        print(f"FAIL {what}", flush=True)
        raise
    print(f"ok   {what}", flush=True)


def wait_for(what, read, done, timeout=60.0):
    """Calls `read` until `done(value)`; returns that value, or fails naming the last one."""
    deadline = time.monotonic() + timeout
    while True:
        value = read()
        if done(value):
            return value
        if time.monotonic() > deadline:
            sys.exit(f"timed out waiting for {what}; last answer: {value!r}")
        time.sleep(0.2)
