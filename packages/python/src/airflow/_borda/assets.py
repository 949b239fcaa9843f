"""Airflow's datasets (2.4+) and assets (3.x) over Borda's own (``borda._asset``).

``Dataset`` / ``DatasetAll`` / ``DatasetAny`` (``airflow.datasets``) and ``Asset`` /
``AssetAll`` / ``AssetAny`` (``airflow.sdk``) are Borda's asset classes with Airflow's
constructors, so ``outlets=[...]``, ``schedule=[...]`` and ``&`` / ``|`` conditions give
the same spec as a Borda DAG. A triggered run's events reach the context as
``triggering_dataset_events`` and ``triggering_asset_events``, by URI, in Airflow's shape.
"""

from typing import Any

from airflow._borda.subset import NotInSubsetError
from borda._asset import Asset as BordaAsset
from borda._asset import AssetAll as BordaAssetAll
from borda._asset import AssetAny as BordaAssetAny
from borda._asset import AssetEvent as BordaAssetEvent
from borda._asset import AssetEvents


class Dataset(BordaAsset):
    """Airflow 2's dataset: ``Dataset("s3://bucket/key", extra={...})``."""

    def __init__(self, uri: str, extra: dict[str, Any] | None = None) -> None:
        super().__init__(uri, extra=extra)


class DatasetAll(BordaAssetAll):
    """Airflow 2's ``&`` of datasets, written out."""


class DatasetAny(BordaAssetAny):
    """Airflow 2's ``|`` of datasets, written out."""


for _family in (Dataset, DatasetAll, DatasetAny):
    _family.all_class, _family.any_class = DatasetAll, DatasetAny


class Asset(BordaAsset):
    """Airflow 3's asset: ``Asset("s3://bucket/key")`` or ``Asset(name=..., uri=...)``; a
    name alone is its URI too, as in Airflow."""

    def __init__(
        self,
        name: str | None = None,
        uri: str | None = None,
        *,
        group: str = "asset",
        extra: dict[str, Any] | None = None,
        watchers: Any = None,
    ) -> None:
        if name is None and uri is None:
            raise TypeError("Asset() requires either 'name' or 'uri'")
        if watchers:
            raise NotInSubsetError(
                "Asset(watchers=...)",
                "asset watchers are not supported: raise events with POST /api/v1/datasets/events",
            )
        given_uri = uri if uri is not None else name
        super().__init__(given_uri or "", name=name if name is not None else given_uri, extra=extra)
        self.group = group


class AssetAll(BordaAssetAll):
    """Airflow 3's ``&`` of assets, written out."""


class AssetAny(BordaAssetAny):
    """Airflow 3's ``|`` of assets, written out."""


for _family in (Asset, AssetAll, AssetAny):
    _family.all_class, _family.any_class = AssetAll, AssetAny


class _AssetModel:
    """What an event's ``dataset`` / ``asset`` attribute is: the asset, by URI and name."""

    def __init__(self, uri: str) -> None:
        self.uri = uri
        self.name = uri

    def __repr__(self) -> str:
        return f"<Asset {self.uri}>"


class AirflowAssetEvent:
    """A triggering event in Airflow's shape (DatasetEvent / AssetEvent): ``extra``,
    ``timestamp`` (pendulum when installed), ``source_dag_id``, ``source_task_id``,
    ``source_run_id``, ``source_map_index``, and the asset as ``dataset`` and ``asset``."""

    def __init__(self, event: BordaAssetEvent, timestamp: Any) -> None:
        self.extra = dict(event.extra)
        self.timestamp = timestamp
        self.source_dag_id = event.source_dag_id
        self.source_task_id = event.source_task_id
        self.source_run_id = event.source_run_id
        self.source_map_index = event.source_map_index
        self.dataset = self.asset = _AssetModel(event.uri)
        self.uri = event.uri

    def __repr__(self) -> str:
        return f"<AssetEvent {self.uri} @ {self.timestamp} from {self.source_dag_id}>"


def airflow_events(events: AssetEvents, as_datetime: Any) -> AssetEvents:
    """The run's triggering events as Airflow's context gives them, by URI."""
    converted = AssetEvents()
    for uri, items in events.items():
        converted[uri] = [AirflowAssetEvent(e, as_datetime(e.timestamp)) for e in items]  # type: ignore[misc]
    return converted
