"""A Python DAG's bundle: a zip of its file and the modules it imports from the DAGs folder.

The control plane addresses a bundle by the sha256 of its bytes, so the same files must
always give the same bytes: names sorted, one fixed timestamp and mode, nothing else in
the archive, and stored rather than deflated, whose output can change with the zlib
version (a new hash would make a new DAG version of every unchanged file after an
upgrade). DAG code is small; workers fetch a bundle once per hash.

The worker's runner extracts a bundle once into a directory beside it and imports from
there; the extraction is atomic, so runners starting together share one copy.
"""

import os
import shutil
import sys
import tempfile
import zipfile

_FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can hold
_FILE_MODE = 0o644
_UNIX = 3  # "made by" system: Unix, so the mode above is read as one

_BORDA_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep


def imported_files(root: str) -> list[str]:
    """Files of modules imported so far that lie in ``root``, relative, with "/"; sorted."""
    inside = os.path.join(os.path.abspath(root), "")
    found = set()
    for module in list(sys.modules.values()):
        file = getattr(module, "__file__", None)
        if not isinstance(file, str):
            continue
        path = os.path.abspath(file)
        if path.startswith(inside) and not path.startswith(_BORDA_DIR) and os.path.isfile(path):
            found.add(os.path.relpath(path, inside).replace(os.sep, "/"))
    return sorted(found)


def write_bundle(destination: str, root: str, files: list[str]) -> None:
    """Writes the zip of ``files`` (relative to ``root``) to ``destination``, atomically."""
    temporary = f"{destination}.{os.getpid()}.tmp"
    with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_STORED) as archive:
        for name in sorted(set(files)):
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.create_system = _UNIX
            info.external_attr = _FILE_MODE << 16
            info.compress_type = zipfile.ZIP_STORED
            with open(os.path.join(root, name), "rb") as source:
                archive.writestr(info, source.read())
    os.replace(temporary, destination)


class BadBundleError(Exception):
    """The bundle cannot be read or holds a path outside itself."""


def extracted_dir(bundle: str) -> str:
    """Where a bundle is extracted: beside it, named after it (``<hash>.zip`` → ``<hash>``)."""
    stem, extension = os.path.splitext(bundle)
    return stem if extension else f"{bundle}.d"


def extract_bundle(bundle: str) -> str:
    """The directory holding the bundle's files, extracting it first unless done already."""
    target = extracted_dir(bundle)
    if os.path.isdir(target):
        return target
    parent = os.path.dirname(os.path.abspath(target))
    temporary = tempfile.mkdtemp(prefix=f".{os.path.basename(target)}.", dir=parent)
    try:
        try:
            with zipfile.ZipFile(bundle) as archive:
                for name in archive.namelist():
                    parts = name.split("/")
                    if name.startswith("/") or "\\" in name or ".." in parts or ":" in parts[0]:
                        raise BadBundleError(f"the bundle holds a path outside itself: {name!r}")
                archive.extractall(temporary)
        except (OSError, zipfile.BadZipFile) as error:
            raise BadBundleError(f"cannot read the bundle {bundle}: {error}") from error
        try:
            os.rename(temporary, target)
        except OSError:
            # Another runner extracted the same bundle first: its copy is as good.
            if not os.path.isdir(target):
                raise
    finally:
        shutil.rmtree(temporary, ignore_errors=True)
    return target
