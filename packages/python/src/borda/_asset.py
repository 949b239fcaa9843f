"""Data-aware scheduling: assets (Airflow 2's datasets) that tasks update and DAGs wait on.

``Asset("s3://bucket/orders")`` names one. A task's ``outlets=[...]`` lists the assets
its success updates; a DAG's ``schedule`` may be an asset, a list of them (all of them),
or a condition built with ``&`` (all) and ``|`` (any), nested as deep as needed:
``schedule=orders & (customers | returns)``. They become the spec's ``outlets`` and
``assetSchedule`` (protocol's ``AssetCondition``), which the control plane acts on.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from borda._definition_error import DagDefinitionError

# As protocol's assetUriSchema (packages/protocol/src/dagSpec.ts): Airflow's rules.
_MAX_URI = 3000


def check_uri(uri: object, what: str) -> str:
    """``uri`` when it is a valid asset URI; else a ``DagDefinitionError`` saying why."""
    if not isinstance(uri, str) or uri == "":
        raise DagDefinitionError(f"{what}: an asset URI must be a non-empty string, not {uri!r}.")
    if uri.isspace():
        raise DagDefinitionError(f"{what}: an asset URI cannot be just whitespace.")
    if not uri.isascii():
        raise DagDefinitionError(
            f"{what}: the asset URI {uri!r} must consist of ASCII characters only."
        )
    if len(uri) > _MAX_URI:
        raise DagDefinitionError(f"{what}: an asset URI has at most {_MAX_URI} characters.")
    if uri.lower().startswith("airflow:"):
        raise DagDefinitionError(
            f"{what}: the 'airflow' URI scheme of {uri!r} is reserved; use another scheme "
            "(s3://, file://, ...)."
        )
    return uri


class AssetCondition:
    """What ``&`` and ``|`` of assets make: when an asset-scheduled DAG runs."""

    def to_spec(self) -> dict[str, Any]:
        raise NotImplementedError

    # What & and | make: Airflow's layer sets its own classes (Dataset & Dataset is a
    # DatasetAll there), so a condition prints under the names its file used.
    all_class: "type[AssetAll]"
    any_class: "type[AssetAny]"

    def __and__(self, other: "AssetCondition") -> "AssetAll":
        return self.all_class(self, other)

    def __or__(self, other: "AssetCondition") -> "AssetAny":
        return self.any_class(self, other)


class Asset(AssetCondition):
    """An asset, by URI: ``Asset("s3://bucket/orders", name="orders", extra={...})``."""

    def __init__(
        self, uri: str, name: str | None = None, extra: Mapping[str, Any] | None = None
    ) -> None:
        self.uri = check_uri(uri, type(self).__name__)
        self.name = name if name is not None else uri
        if extra is not None and not isinstance(extra, Mapping):
            raise DagDefinitionError(f"{type(self).__name__}({uri!r}): extra must be a dict.")
        self.extra: dict[str, Any] = dict(extra or {})
        self._named = name is not None

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.uri!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Asset) and other.uri == self.uri

    def __hash__(self) -> int:
        return hash(self.uri)

    def to_spec(self) -> dict[str, Any]:
        return {"asset": self.uri}

    def outlet_spec(self) -> dict[str, Any]:
        spec: dict[str, Any] = {"uri": self.uri}
        if self._named:
            spec["name"] = self.name
        if self.extra:
            spec["extra"] = dict(self.extra)
        return spec


class _Combined(AssetCondition):
    _key = ""

    def __init__(self, *objects: AssetCondition) -> None:
        for item in objects:
            if not isinstance(item, AssetCondition):
                raise DagDefinitionError(
                    f"{type(self).__name__} takes assets or conditions of them, not {item!r}."
                )
        self.objects = list(objects)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(map(repr, self.objects))})"

    def to_spec(self) -> dict[str, Any]:
        # a & b & c is one "all" of three, as Airflow flattens it.
        parts: list[dict[str, Any]] = []
        for item in self.objects:
            spec = item.to_spec()
            parts.extend(spec[self._key] if type(item) is type(self) else [spec])
        return {self._key: parts}


class AssetAll(_Combined):
    """Runs once every one of its assets (or conditions) has been updated (``&``)."""

    _key = "all"


class AssetAny(_Combined):
    """Runs once any one of its assets (or conditions) has been updated (``|``)."""

    _key = "any"


AssetCondition.all_class = AssetAll
AssetCondition.any_class = AssetAny


def is_asset_schedule(value: object) -> bool:
    """Whether a DAG's ``schedule`` names assets rather than a timetable."""
    if isinstance(value, AssetCondition):
        return True
    listed = isinstance(value, list | tuple) and bool(value)
    return listed and all(isinstance(item, Asset) for item in value)  # type: ignore[union-attr]


def asset_schedule(value: Any, dag_id: str) -> dict[str, Any]:
    """The spec's ``assetSchedule``: a list of assets means all of them, as in Airflow."""
    if isinstance(value, list | tuple):
        return AssetAll(*value).to_spec()
    if not isinstance(value, AssetCondition):
        raise DagDefinitionError(f"DAG '{dag_id}': schedule {value!r} names no assets.")
    return value.to_spec()


def outlet_specs(value: object, what: str) -> list[dict[str, Any]]:
    """A task's ``outlets`` as the spec records them: assets, or their URIs."""
    if not isinstance(value, list | tuple):
        raise DagDefinitionError(f"{what} must be a list of assets (or asset URIs).")
    specs = []
    for item in value:
        if isinstance(item, str):
            specs.append({"uri": check_uri(item, what)})
        elif isinstance(item, Asset):
            specs.append(item.outlet_spec())
        else:
            raise DagDefinitionError(f"{what}: {item!r} is not an asset; use Asset('s3://...').")
    return specs


@dataclass(frozen=True)
class AssetEvent:
    """An asset event that triggered the running DAG run (``ctx.triggering_asset_events``).

    ``source_*`` name the task instance whose success raised it; they are None for an
    event raised from outside (the REST API's ``POST /datasets/events``).
    """

    uri: str
    extra: dict[str, Any]
    source_dag_id: str | None
    source_run_id: str | None
    source_task_id: str | None
    source_map_index: int | None
    timestamp: datetime


class AssetEvents(dict[str, list[AssetEvent]]):
    """The triggering events by asset URI, oldest first; an ``Asset`` looks up its URI."""

    def __getitem__(self, key: object) -> list[AssetEvent]:
        return super().__getitem__(key.uri if isinstance(key, Asset) else key)  # type: ignore[arg-type]

    def __contains__(self, key: object) -> bool:
        return super().__contains__(key.uri if isinstance(key, Asset) else key)


def triggering_events(data: Mapping[str, Any] | None) -> AssetEvents:
    """The context data's ``triggeringAssetEvents`` as ``AssetEvent``s."""
    events = AssetEvents()
    for uri, items in (data or {}).items():
        events[uri] = [
            AssetEvent(
                uri=item["uri"],
                extra=dict(item.get("extra") or {}),
                source_dag_id=item.get("sourceDagId"),
                source_run_id=item.get("sourceRunId"),
                source_task_id=item.get("sourceTaskId"),
                source_map_index=item.get("sourceMapIndex"),
                timestamp=datetime.fromisoformat(item["timestamp"].replace("Z", "+00:00")),
            )
            for item in items
        ]
    return events
