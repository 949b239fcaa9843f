"""Importing a DAG file by its path in the DAGs folder, as the parser and the runner both do.

The file's directory and the folder are put first on ``sys.path`` (a DAG file imports
the modules beside it and those at the folder's top), and the file is imported under a
name of its own (``borda_dag_<path>``) rather than its stem, so that a DAG file called
``json.py`` or ``etl.py`` never stands in for, or is taken for, another module.
"""

import importlib.machinery
import importlib.util
import os
import re
import sys
from dataclasses import dataclass
from types import ModuleType

from borda import _registry


@dataclass(frozen=True)
class ImportedFile:
    module: ModuleType
    dags: list[_registry.RegisteredDag]
    """The DAGs registered while the file was imported, in order."""


class EntryOutsideFolderError(ValueError):
    """The path names no file inside the DAGs folder."""


def entry_path(root: str, entry: str) -> str:
    """The absolute path of ``entry`` (relative, forward slashes) inside ``root``."""
    relative = os.path.normpath(entry)
    if os.path.isabs(entry) or relative == ".." or relative.startswith(".." + os.sep):
        raise EntryOutsideFolderError(f"'{entry}' is not a path inside the DAGs folder")
    return os.path.join(root, relative)


def import_dag_file(root: str, entry: str) -> ImportedFile:
    """Imports ``entry`` from the folder ``root``; raises whatever the import raised."""
    path = entry_path(root, entry)
    for directory in (root, os.path.dirname(path)):
        if directory not in sys.path:
            sys.path.insert(0, directory)
    name = "borda_dag_" + re.sub(r"\W", "_", entry.removesuffix(".py"))
    loader = importlib.machinery.SourceFileLoader(name, path)
    spec = importlib.util.spec_from_file_location(name, path, loader=loader)
    assert spec is not None  # a SourceFileLoader always yields a spec
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    with _registry.collecting() as dags:
        try:
            loader.exec_module(module)
        except BaseException:
            sys.modules.pop(name, None)
            raise
    return ImportedFile(module, list(dags))
