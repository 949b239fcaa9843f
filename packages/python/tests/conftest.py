"""Fixtures: a DAGs folder on disk, and parsing one of its files in a child process."""

from pathlib import Path

import pytest

from support.parsing import DagsFolder, Parsed, run_parse


@pytest.fixture
def dags_folder(tmp_path: Path) -> DagsFolder:
    root = tmp_path / "dags"
    root.mkdir()
    return DagsFolder(root)


@pytest.fixture
def parse(dags_folder: DagsFolder, tmp_path: Path):
    """Parses a file of the DAGs folder in a child process, as the DAG processor does."""

    def parse_file(file: str) -> Parsed:
        return run_parse(dags_folder.root, file, tmp_path / "bundle.zip")

    return parse_file
