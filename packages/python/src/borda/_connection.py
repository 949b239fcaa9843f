"""A connection as a running task receives it (``ctx.connection``), and its URI.

The worker answers a task's question for a connection with protocol's ``TaskConnection``
(packages/protocol/src/edge.ts): camelCase fields, ``extra`` as JSON text or null. The
URI is Airflow's format, written exactly as protocol's ``connectionUri``
(packages/protocol/src/secrets.ts) writes it, byte for byte: the worker masks a
connection's password in a task's log as it is and as it appears in that URI, so a
Python task printing ``get_uri()`` must print the same text a TypeScript task's ``uri``
is. That is why the parts are escaped as JavaScript's ``encodeURIComponent`` and
``URLSearchParams`` escape them, not as Airflow's ``quote``/``urlencode`` do: both decode
to the same connection, and they differ only in which harmless characters are escaped.
"""

import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote, quote_plus

# The query key that carries an extra which is not flat strings, as JSON (Airflow's).
_EXTRA_KEY = "__extra__"


class Connection:
    """A connection to an external system: where it is and how to sign in.

    Attributes as Airflow's ``Connection``: ``conn_id``, ``conn_type``, ``description``,
    ``host``, ``port`` (int), ``login``, ``password``, ``schema`` and ``extra`` (JSON
    text), each None when the connection has none; ``extra_dejson`` is ``extra`` as a
    dict, and ``get_uri()`` (or ``uri``) the whole connection as a URI. Its ``repr``
    shows the id and type only, never the password.
    """

    __module__ = "borda"

    def __init__(
        self,
        conn_id: str,
        conn_type: str | None = None,
        description: str | None = None,
        host: str | None = None,
        login: str | None = None,
        password: str | None = None,
        schema: str | None = None,
        port: int | None = None,
        extra: str | Mapping[str, Any] | None = None,
    ) -> None:
        """The fields in the order of Airflow 2's ``Connection``; ``extra`` may be a dict,
        kept as its JSON text."""
        self.conn_id = conn_id
        self.conn_type = conn_type
        self.description = description
        self.host = host
        self.login = login
        self.password = password
        self.schema = schema
        self.port = port
        self.extra = extra if extra is None or isinstance(extra, str) else json.dumps(extra)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(conn_id={self.conn_id!r}, conn_type={self.conn_type!r})"

    @property
    def extra_dejson(self) -> dict[str, Any]:
        """``extra`` as a dict; ``{}`` when the connection has none."""
        if not self.extra:
            return {}
        try:
            value = json.loads(self.extra)
        except ValueError:
            value = None
        if not isinstance(value, dict):
            # The value itself stays out of the message: it may hold a secret.
            raise ValueError(f"The extra of connection '{self.conn_id}' is not a JSON object.")
        return value

    def get_uri(self) -> str:
        """The connection as a URI, Airflow's format:
        ``type://login:password@host:port/schema?extra``, each part percent-encoded, ``_``
        in the type written ``-``; an extra of strings only is the query, any other extra
        travels whole as ``__extra__=<json>``."""
        uri = f"{self.conn_type.lower().replace('_', '-')}://" if self.conn_type else "//"
        if self.login is not None or self.password is not None:
            uri += _component(self.login or "")
            if self.password is not None:
                uri += ":" + _component(self.password)
            uri += "@"
        if self.host is not None:
            uri += _component(self.host)
        if self.port is not None:
            uri += f":{self.port}"
        if self.schema is not None:
            uri += "/" + _component(self.schema)
        if self.extra is not None:
            try:
                extra = json.loads(self.extra)
            except ValueError:
                extra = None
            if isinstance(extra, dict) and all(isinstance(v, str) for v in extra.values()):
                pairs = list(extra.items())
            else:
                pairs = [(_EXTRA_KEY, self.extra)]
            if pairs:
                query = "&".join(f"{_form(key)}={_form(value)}" for key, value in pairs)
                uri += ("/" if self.schema is None else "") + "?" + query
        return uri

    @property
    def uri(self) -> str:
        """``get_uri()``."""
        return self.get_uri()


def connection_from_answer(answer: Mapping[str, Any]) -> Connection:
    """The worker's answer to a ``connection`` question (protocol's ``TaskConnection``)."""
    return Connection(
        conn_id=answer["connId"],
        conn_type=answer.get("connType"),
        description=answer.get("description"),
        host=answer.get("host"),
        login=answer.get("login"),
        password=answer.get("password"),
        schema=answer.get("schema"),
        port=answer.get("port"),
        extra=answer.get("extra"),
    )


def _component(text: str) -> str:
    """As JavaScript's ``encodeURIComponent``: everything but ``A-Za-z0-9-_.!~*'()``."""
    return quote(text, safe="!*'()")


def _form(text: str) -> str:
    """As ``URLSearchParams`` writes a name or value: everything but ``A-Za-z0-9*-._``
    escaped, and a space as ``+``. (Python's ``quote`` never escapes ``~``; JavaScript's
    form encoding does.)"""
    return quote_plus(text, safe="*").replace("~", "%7E")
