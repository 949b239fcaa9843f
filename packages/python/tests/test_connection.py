"""A connection's URI: Airflow's format, written byte for byte as the worker writes it
(protocol's ``connectionUri``), since the worker masks a password as it appears there."""

import json
import subprocess

import pytest

from borda import Connection
from borda._connection import connection_from_answer
from support.parsing import NODE, REPO_ROOT

ODD = "p@ss:w/rd!*'()~ é%+&="


def test_a_connection_is_a_uri_with_its_flat_extra_as_the_query():
    plant = Connection(
        "plant_db",
        "postgres",
        host="historian.plant-7.internal",
        login="etl_reader",
        password="s3cret",
        schema="telemetry",
        port=5432,
        extra={"sslmode": "require", "application_name": "borda etl"},
    )
    assert plant.get_uri() == (
        "postgres://etl_reader:s3cret@historian.plant-7.internal:5432/telemetry"
        "?sslmode=require&application_name=borda+etl"
    )
    assert plant.uri == plant.get_uri()


def test_every_part_is_percent_encoded():
    odd = Connection(
        "odd", "http", host="h ost/x?y#z", login="us er@x:y", password=ODD, schema="db/na me"
    )
    assert odd.get_uri() == (
        "http://us%20er%40x%3Ay:p%40ss%3Aw%2Frd!*'()~%20%C3%A9%25%2B%26%3D"
        "@h%20ost%2Fx%3Fy%23z/db%2Fna%20me"
    )


def test_the_type_is_written_lowercase_with_dashes_and_other_extras_travel_as_json():
    gcp = Connection("gcp", "Google_Cloud_Platform", extra={"keyfile_dict": {"a": 1}, "n": 2})
    assert gcp.get_uri() == (
        "google-cloud-platform:///?__extra__="
        "%7B%22keyfile_dict%22%3A+%7B%22a%22%3A+1%7D%2C+%22n%22%3A+2%7D"
    )


def test_query_values_are_form_encoded():
    extra = '{"a b": "c d~*!\'()&=+", "empty": ""}'
    assert Connection("q", "http", host="h", extra=extra).get_uri() == (
        "http://h/?a+b=c+d%7E*%21%27%28%29%26%3D%2B&empty="
    )


def test_missing_parts_are_left_out_and_a_login_or_password_alone_still_signs_in():
    assert Connection("a", "mysql", host="h", password="only").get_uri() == "mysql://:only@h"
    assert Connection("b", "ftp", login="me", port=21).get_uri() == "ftp://me@:21"
    assert Connection("c", "http", host="h", extra="{}").get_uri() == "http://h"
    assert Connection("d", "http").get_uri() == "http://"


def test_extra_dejson_is_a_dict_and_an_extra_that_is_no_object_says_so_without_its_text():
    assert Connection("none", "http").extra_dejson == {}
    assert Connection("dict", "http", extra={"timeout": 10}).extra == '{"timeout": 10}'
    with pytest.raises(ValueError, match="The extra of connection 'bad' is not a JSON object"):
        Connection("bad", "http", extra="token=hunter2").extra_dejson  # noqa: B018


CASES = [
    {
        "connId": "plant_db",
        "connType": "postgres",
        "description": None,
        "host": "historian.plant-7.internal",
        "port": 5432,
        "login": "etl_reader",
        "password": "correct-horse-battery-staple",
        "schema": "telemetry",
        "extra": '{"sslmode":"require"}',
    },
    {
        "connId": "odd",
        "connType": "http_api",
        "description": None,
        "host": "h ost/x?y#z",
        "port": 0,
        "login": "us er@x:y",
        "password": ODD,
        "schema": "db/na me",
        "extra": json.dumps({"a b": "c d~*!'()&=+", "t": ""}),
    },
    {
        "connId": "nested",
        "connType": "aws",
        "description": None,
        "host": None,
        "port": None,
        "login": None,
        "password": "only",
        "schema": "",
        "extra": json.dumps({"region_name": "eu-west-1", "nested": [1, "~*"]}),
    },
]

_SECRETS_JS = REPO_ROOT / "packages" / "protocol" / "dist" / "secrets.js"
_SECRETS_TS = REPO_ROOT / "packages" / "protocol" / "src" / "secrets.ts"


@pytest.mark.skipif(
    NODE is None
    or not _SECRETS_JS.exists()
    or _SECRETS_JS.stat().st_mtime < _SECRETS_TS.stat().st_mtime,
    reason="needs node and a build of packages/protocol newer than its source (npm run build)",
)
def test_the_uri_is_the_one_the_worker_writes_and_masks():
    script = (
        f"import {{ connectionUri }} from {json.dumps(_SECRETS_JS.as_uri())};\n"
        f"for (const c of {json.dumps(CASES)}) console.log(connectionUri(c));\n"
    )
    completed = subprocess.run(
        [NODE, "--input-type=module", "-e", script],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    assert completed.stdout.splitlines() == [
        connection_from_answer(case).get_uri() for case in CASES
    ]
