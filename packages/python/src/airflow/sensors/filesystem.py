"""``FileSensor``: waits for a file or folder on the worker that runs the sensor.

``filepath`` (templated, glob patterns allowed) is read on the worker's own disk, under
the ``path`` in the extra of the ``fs_conn_id`` connection when there is one (Airflow's
``fs_default`` may be left undefined: then the path is taken as it is). A match that is
a file, or a folder holding a file (at any depth), satisfies it.
"""

import glob
import os
from typing import Any, ClassVar

from airflow._borda.arguments import refuse_set_arguments
from airflow._borda.credentials import BaseHook
from airflow._borda.subset import module_getattr
from airflow.exceptions import AirflowNotFoundException
from airflow.sensors.base import BaseSensorOperator

__all__ = ["FileSensor"]

_DEFAULT_CONN_ID = "fs_default"


class FileSensor(BaseSensorOperator):
    template_fields: ClassVar[tuple[str, ...]] = ("filepath",)
    ui_color = "#91818a"

    def __init__(
        self,
        *,
        filepath: str,
        fs_conn_id: str = _DEFAULT_CONN_ID,
        recursive: bool = False,
        deferrable: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        refuse_set_arguments(
            f"task '{self.task_id}' (FileSensor)", {"deferrable": deferrable}, self._borda_site
        )
        self.filepath = filepath
        self.fs_conn_id = fs_conn_id
        self.recursive = recursive

    def poke(self, context: Any) -> bool:
        full_path = os.path.join(self._base_path(), self.filepath)
        self.log.info("Poking for file %s", full_path)
        for path in glob.glob(full_path, recursive=self.recursive):
            if os.path.isfile(path):
                self.log.info("Found file %s", path)
                return True
            for _, _, files in os.walk(path):
                if files:
                    self.log.info("Found files in folder %s", path)
                    return True
        return False

    def _base_path(self) -> str:
        try:
            connection = BaseHook.get_connection(self.fs_conn_id)
        except (KeyError, AirflowNotFoundException):
            if self.fs_conn_id == _DEFAULT_CONN_ID:
                return ""
            raise
        return str(connection.extra_dejson.get("path", ""))


__getattr__ = module_getattr(__name__, package=False)
