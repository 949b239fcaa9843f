"""The DAG parser: ``python3 -m borda._runtime.parse --dags-folder D --file F --bundle-out Z``.

The control plane's DAG processor runs it in a child process with a time limit
(packages/server/src/dags/parsePythonFile.ts), as it evaluates a TypeScript bundle. It
imports the file F (a path relative to the DAGs folder D) with F's directory and D on
``sys.path``, collects the DAGs registered meanwhile (``_registry``) and prints one JSON
line on stdout:

    {"dags": [DagSpec, ...], "files": ["etl.py", "helpers.py"], "error": null, "warnings": []}
    {"dags": [], "files": ["etl.py"], "error": {"message": "...", "line": 12}, "warnings": []}

``error.line`` is a line of F, or null. Each Python task's ``python.entry`` is set to F.
``warnings`` lists the warnings raised while F was imported (and its specs made), in
order, each ``{"category": "UserWarning", "message": "...", "file": "etl.py", "line": 3}``
(``file`` relative to D when inside it; ``line`` may be null): things the file's author
should know though the file parsed, such as Borda's Airflow-compatible layer shadowing
an Apache Airflow installed in the same interpreter. The control plane logs them.

It writes the bundle to Z, a deterministic zip (``bundle``) of F and every module file
the import loaded from inside D, at paths relative to D; ``files`` lists them. The zip is
written for a failed import too (with what was loaded before it failed); the control
plane does not use it, but imports a file that failed again at each scan, since a
failure may come from a package installed meanwhile.

Anything the file prints while it is imported goes to stderr: stdout carries only the
JSON line. The exit code is 0 whenever that line was printed, a failed import included;
non-zero means the parser itself broke (bad arguments, an unwritable Z).
"""

import argparse
import json
import os
import sys
import traceback
import warnings
from typing import Any

from borda._definition_error import DagDefinitionError
from borda._runtime.bundle import imported_files, write_bundle
from borda._runtime.dag_files import EntryOutsideFolderError, entry_path, import_dag_file

# Modules Airflow-style DAG files need that are not in the standard library: a clearer
# word when they are missing, since the fix is in the DAG processor's interpreter.
_INTERPRETER_PACKAGES = ("pendulum", "jinja2")


def parse_file(root: str, entry: str) -> dict[str, Any]:
    """Imports ``entry`` and returns the report (without ``files``)."""
    path = entry_path(root, entry)
    if not os.path.isfile(path):
        return _failure(f"The file {entry} does not exist (or is not a file).", None)
    with warnings.catch_warnings(record=True) as caught:
        report = _import_and_describe(root, entry, path)
    report["warnings"] = [_describe_warning(warning, root) for warning in caught]
    return report


def _import_and_describe(root: str, entry: str, path: str) -> dict[str, Any]:
    try:
        imported = import_dag_file(root, entry)
    except BaseException as error:  # whatever the file raised, even SystemExit
        return _failure(*_describe_import_error(error, path, root))
    dags: list[dict[str, Any]] = []
    for dag in imported.dags:
        dag_id = getattr(dag, "dag_id", "?")
        try:
            spec = dag.to_spec()
            json.dumps(spec, allow_nan=False)
        except DagDefinitionError as error:
            # A DAG declared piecemeal (Airflow-style) is checked as a whole only here.
            return _failure(*_describe_import_error(error, path, root))
        except Exception as error:
            return _failure(
                f"DAG '{dag_id}': its spec could not be made: {_exception_line(error)}",
                _line_in_file(error, path),
            )
        if any(other["dagId"] == spec.get("dagId") for other in dags):
            return _failure(
                f"DAG id '{spec.get('dagId')}' is defined twice in this file: DAG ids must be "
                "unique; rename one of them.",
                None,
            )
        for task in spec.get("tasks") or []:
            python = task.get("python")
            if task.get("runtime") == "python" and isinstance(python, dict):
                python["entry"] = python.get("entry") or entry
        dags.append(spec)
    return {"dags": dags, "error": None, "warnings": []}


def _failure(message: str, line: int | None) -> dict[str, Any]:
    return {"dags": [], "error": {"message": message, "line": line}, "warnings": []}


def _describe_warning(warning: warnings.WarningMessage, root: str) -> dict[str, Any]:
    return {
        "category": warning.category.__name__,
        "message": str(warning.message),
        "file": _relative(warning.filename, root) if warning.filename else None,
        "line": warning.lineno,
    }


def _describe_import_error(error: BaseException, path: str, root: str) -> tuple[str, int | None]:
    """What went wrong, said for the person who wrote the file, and the line of F it was at."""
    line = _line_in_file(error, path)
    if isinstance(error, SyntaxError):
        where = _relative(error.filename or path, root)
        if error.filename and os.path.abspath(error.filename) == path:
            line = error.lineno
        return f"{type(error).__name__}: {error.msg} ({where}, line {error.lineno})", line
    raised_at = _raised_at(error, path, root)
    # Borda's own explanation first: an import outside Borda's Airflow subset is also a
    # ModuleNotFoundError, and says more than "no module named".
    if isinstance(error, DagDefinitionError) and error.where is not None:
        file, at = error.where
        if os.path.abspath(file) == path:
            return str(error), at
        return f"{error} (at {_relative(file, root)}:{at})", line
    if isinstance(error, DagDefinitionError):
        return f"{error}{raised_at}", line
    if isinstance(error, ModuleNotFoundError) and error.name:
        top = error.name.split(".")[0]
        if top in _INTERPRETER_PACKAGES:
            message = (
                f"The file needs the module '{error.name}'{raised_at}, which is not installed "
                f"in the Python interpreter the DAG processor uses ({sys.executable}). "
                f"Install it there ({sys.executable} -m pip install {top}) or point "
                "BORDA_PYTHON at an interpreter that has it; the workers that run the DAG's "
                "tasks need it too."
            )
        else:
            message = (
                f"No module named '{error.name}'{raised_at}: it is neither a file of the DAGs "
                "folder nor installed in the Python interpreter the DAG processor uses "
                f"({sys.executable}; BORDA_PYTHON chooses it)."
            )
        return message, line
    if isinstance(error, SystemExit):
        return (
            f"The file called sys.exit({error.code!r}){raised_at} while it was imported: a "
            "DAG file must only declare DAGs.",
            line,
        )
    return f"Importing the file raised {_exception_line(error)}{raised_at}", line


def _exception_line(error: BaseException) -> str:
    return "".join(traceback.format_exception_only(type(error), error)).strip()


def _frames(error: BaseException) -> traceback.StackSummary:
    return traceback.extract_tb(error.__traceback__)


def _line_in_file(error: BaseException, path: str) -> int | None:
    """The line of the file's innermost frame in the traceback: where F was when it failed."""
    lines = [frame.lineno for frame in _frames(error) if os.path.abspath(frame.filename) == path]
    return lines[-1] if lines else None


def _raised_at(error: BaseException, path: str, root: str) -> str:
    """The suffix " (raised at helpers.py:3)" when a module of the folder, not F, raised it."""
    inside = os.path.join(root, "")
    for frame in reversed(_frames(error)):
        file = os.path.abspath(frame.filename)
        if file == path:
            return ""
        if file.startswith(inside):
            return f" (raised at {_relative(file, root)}:{frame.lineno})"
    return ""


def _relative(file: str, root: str) -> str:
    path = os.path.abspath(file)
    inside = os.path.join(root, "")
    return os.path.relpath(path, root).replace(os.sep, "/") if path.startswith(inside) else file


def main(argv: list[str] | None = None) -> int:
    arguments = argparse.ArgumentParser(
        prog="python3 -m borda._runtime.parse",
        description="Imports a Python DAG file, prints its DAG specs as one JSON line and "
        "writes its bundle.",
    )
    arguments.add_argument("--dags-folder", required=True, help="the DAGs folder")
    arguments.add_argument(
        "--file", required=True, help="the DAG file: relative to the folder, or inside it"
    )
    arguments.add_argument("--bundle-out", required=True, help="where to write the bundle zip")
    args = arguments.parse_args(argv)
    root = os.path.abspath(args.dags_folder)
    file = os.path.relpath(args.file, root) if os.path.isabs(args.file) else args.file
    try:
        path = entry_path(root, file)
    except EntryOutsideFolderError as error:
        arguments.error(str(error))
    entry = os.path.relpath(path, root).replace(os.sep, "/")

    # stdout carries only the report: what the file prints (even from C code or a child
    # process, which write to descriptor 1) goes to stderr instead.
    report_fd = os.dup(1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    # Importing must not write __pycache__ into the DAGs folder (the processor watches it).
    sys.dont_write_bytecode = True

    report = parse_file(root, entry)
    files = sorted(set(imported_files(root)) | ({entry} if os.path.isfile(path) else set()))
    write_bundle(args.bundle_out, root, files)
    # ASCII: no character in a spec (U+2028, say) can split the line for any reader.
    line = json.dumps(
        {
            "dags": report["dags"],
            "files": files,
            "error": report["error"],
            "warnings": report["warnings"],
        },
        ensure_ascii=True,
        separators=(",", ":"),
    )
    with os.fdopen(report_fd, "w", encoding="ascii") as out:
        out.write(line + "\n")
    sys.stderr.flush()
    # Threads or timers the file started must not keep the parser alive.
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main())
