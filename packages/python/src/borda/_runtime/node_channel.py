"""Node's IPC channel, from the child's side: how a Python runner talks to the worker.

Node spawns a child with an ``"ipc"`` stdio entry by creating a socket pair and telling
the child its end's descriptor in ``NODE_CHANNEL_FD``. With Node's default ``"json"``
serialization, each message is ``JSON.stringify(message) + "\\n"`` on that socket, both
ways; ``child.send(message)`` in the worker arrives here as one line, and a line written
here is a ``"message"`` event there. When the worker goes away, the socket reads end of
file. (Node's ``"advanced"`` serialization is not spoken here; the worker uses the
default.)
"""

import json
import os
import threading
from collections.abc import Iterator
from typing import Any


class NoChannelError(RuntimeError):
    """The process was not started by Node with an IPC channel."""


class NodeChannel:
    def __init__(self, fd: int) -> None:
        self._fd = fd
        self._write_lock = threading.Lock()

    @classmethod
    def from_environment(cls) -> "NodeChannel":
        """The channel Node passed; its variables are removed so that task processes do not
        inherit them (a Node program a task starts would take the channel for its own)."""
        fd = os.environ.pop("NODE_CHANNEL_FD", None)
        mode = os.environ.pop("NODE_CHANNEL_SERIALIZATION_MODE", "json")
        if fd is None or not fd.isdigit():
            raise NoChannelError(
                "this runner must be started by the Borda worker, with an IPC channel "
                "(NODE_CHANNEL_FD is not set)"
            )
        if mode != "json":
            raise NoChannelError(f"the IPC channel speaks '{mode}'; this runner speaks 'json'")
        channel_fd = int(fd)
        os.set_inheritable(channel_fd, False)
        return cls(channel_fd)

    def send(self, message: dict[str, Any]) -> None:
        # ASCII only: a lone surrogate in a task's error text cannot break the line.
        data = (json.dumps(message, ensure_ascii=True, separators=(",", ":")) + "\n").encode()
        with self._write_lock:
            view = memoryview(data)
            while view:
                view = view[os.write(self._fd, view) :]

    def messages(self) -> Iterator[dict[str, Any]]:
        """The messages that arrive, in order, until the other side closes the channel."""
        buffer = bytearray()
        searched = 0  # bytes of buffer known to hold no newline
        while chunk := os.read(self._fd, 1 << 16):
            buffer += chunk
            while (end := buffer.find(b"\n", searched)) >= 0:
                line = bytes(buffer[:end])
                del buffer[: end + 1]
                searched = 0
                if line.strip():
                    message = json.loads(line)
                    if isinstance(message, dict):
                        yield message
            searched = len(buffer)
