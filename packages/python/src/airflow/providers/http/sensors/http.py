"""``HttpSensor``: pokes an HTTP endpoint until it answers as wanted.

The URL is the ``http_conn_id`` connection's (its host, or schema://host:port) joined
with ``endpoint`` (templated); its login and password are sent as basic auth and its
extra's JSON object as headers, under ``headers``. ``request_params`` are the query
string of a GET, the form body of other methods. An answer of 400 or more fails the poke
with ``"<status>:<reason>"``; one whose status starts a code in
``response_error_codes_allowlist`` (default ``["404"]``) means "not yet". With
``response_check(response, **context)``, its result decides (a bool or a
``PokeReturnValue``). Python's standard library makes the request (no ``requests``): the
response has ``status_code``, ``reason``, ``headers``, ``text``, ``content``, ``ok``,
``url`` and ``json()``.
"""

import base64
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from typing import Any, ClassVar

from airflow._borda.arguments import refuse_set_arguments
from airflow._borda.context import call_with_context
from airflow._borda.credentials import BaseHook
from airflow._borda.subset import module_getattr
from airflow.exceptions import AirflowException
from airflow.sensors.base import BaseSensorOperator, PokeReturnValue

__all__ = ["HttpSensor"]


class HttpResponse:
    """What ``response_check`` receives: the answer, read whole."""

    def __init__(self, url: str, status: int, reason: str, headers: Any, body: bytes) -> None:
        self.url = url
        self.status_code = status
        self.reason = reason
        self.headers = dict(headers.items())
        self.content = body
        charset = headers.get_content_charset() if hasattr(headers, "get_content_charset") else None
        self.encoding = charset or "utf-8"

    @property
    def text(self) -> str:
        return self.content.decode(self.encoding, errors="replace")

    @property
    def ok(self) -> bool:
        return self.status_code < 400

    def json(self) -> Any:
        return json.loads(self.text)


class HttpSensor(BaseSensorOperator):
    template_fields: ClassVar[tuple[str, ...]] = ("endpoint", "request_params", "headers")

    def __init__(
        self,
        *,
        endpoint: str,
        http_conn_id: str = "http_default",
        method: str = "GET",
        request_params: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        response_error_codes_allowlist: list[str] | None = None,
        response_check: Callable[..., Any] | None = None,
        extra_options: dict[str, Any] | None = None,
        tcp_keep_alive: bool = True,
        deferrable: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        refuse_set_arguments(
            f"task '{self.task_id}' (HttpSensor)", {"deferrable": deferrable}, self._borda_site
        )
        self.endpoint = endpoint
        self.http_conn_id = http_conn_id
        self.method = method.upper()
        self.request_params = request_params or {}
        self.headers = headers or {}
        self.response_error_codes_allowlist = tuple(response_error_codes_allowlist or ["404"])
        self.response_check = response_check
        self.extra_options = extra_options or {}
        self.tcp_keep_alive = tcp_keep_alive

    def poke(self, context: Any) -> bool | PokeReturnValue:
        self.log.info("Poking: %s", self.endpoint)
        try:
            response = self._request()
        except AirflowException as error:
            if str(error).startswith(self.response_error_codes_allowlist):
                return False
            raise
        if self.response_check is not None:
            return call_with_context(self.response_check, [response], context)
        return True

    def _request(self) -> HttpResponse:
        connection = BaseHook.get_connection(self.http_conn_id)
        host = connection.host or ""
        if "://" in host:
            base = host
        else:
            base = f"{connection.schema or 'http'}://{host}"
            if connection.port:
                base += f":{connection.port}"
        url = _joined(base, self.endpoint)
        headers = {**_extra_headers(connection.extra_dejson), **self.headers}
        if connection.login:
            secret = f"{connection.login}:{connection.password or ''}".encode()
            headers["Authorization"] = "Basic " + base64.b64encode(secret).decode()
        data = None
        if self.request_params:
            encoded = urllib.parse.urlencode(self.request_params, doseq=True)
            if self.method == "GET":
                url += ("&" if "?" in url else "?") + encoded
            else:
                data = encoded.encode()
        request = urllib.request.Request(url, data=data, headers=headers, method=self.method)
        timeout = self.extra_options.get("timeout", 60)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as answer:
                return HttpResponse(
                    url, answer.status, answer.reason, answer.headers, answer.read()
                )
        except urllib.error.HTTPError as error:
            # Airflow's HttpHook.check_response: "<status>:<reason>", which the allowlist reads.
            raise AirflowException(f"{error.code}:{error.reason}") from None


def _joined(base: str, endpoint: str | None) -> str:
    if base and not base.endswith("/") and endpoint and not endpoint.startswith("/"):
        return f"{base}/{endpoint}"
    return base + (endpoint or "")


def _extra_headers(extra: Any) -> dict[str, str]:
    return {str(k): str(v) for k, v in extra.items()} if isinstance(extra, dict) else {}


__getattr__ = module_getattr(__name__, package=False)
