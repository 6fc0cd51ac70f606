"""Outputs: JSONL, CSV, Parquet and SQLite hold the same rows, and match the shipped JSON Schemas."""
from __future__ import annotations

import json
import sqlite3
from importlib import resources

import jsonschema
import pandas as pd
import pytest

from extractor.cli import main
from extractor.schema import schemas

TABLES = ("articles", "records", "findings")


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    from conftest import ROOT

    out = tmp_path_factory.mktemp("out")
    assert main(["extract", str(ROOT / "corpus"), "-o", str(out), "-q"]) == 0
    return out


def jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("table", TABLES)
def test_every_format_has_the_same_rows(out, table):
    rows = jsonl(out / f"{table}.jsonl")
    assert len(pd.read_csv(out / f"{table}.csv")) == len(rows)
    assert len(pd.read_parquet(out / f"{table}.parquet")) == len(rows)
    with sqlite3.connect(out / "extractor.sqlite") as db:
        assert db.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] == len(rows)


def test_sqlite_is_queryable(out):
    with sqlite3.connect(out / "extractor.sqlite") as db:
        total = db.execute("SELECT SUM(value) FROM records WHERE metric='claim_amount' AND branch='Mataram' AND program IS NULL").fetchone()[0]
        version = db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0]
    assert total == 214_600_000_000
    assert version == schemas()["records"]["properties"]["schema_version"]["const"]


def test_parquet_types(out):
    df = pd.read_parquet(out / "records.parquet")
    assert df["value"].dtype == "float64" and df["target"].dtype == "bool" and df["start"].dtype == "int64"


@pytest.mark.parametrize("table", ["articles", "records"])
def test_outputs_match_schema(out, table):
    validator = jsonschema.Draft202012Validator(schemas()[table])
    rows = jsonl(out / f"{table}.jsonl")
    assert rows
    for row in rows:
        errors = [e.message for e in validator.iter_errors(row)]
        assert not errors, (row.get("article_id"), errors)


def test_schema_rejects_a_bad_record(out):
    row = jsonl(out / "records.jsonl")[0]
    row["metric"] = "claims"
    assert list(jsonschema.Draft202012Validator(schemas()["records"]).iter_errors(row))


@pytest.mark.parametrize("table", TABLES)
def test_shipped_schemas_are_current(table):
    shipped = json.loads(resources.files("extractor").joinpath("schemas", f"{table}.schema.json").read_text(encoding="utf-8"))
    assert shipped == schemas()[table], "run `python -m extractor.schema` and commit extractor/schemas/"


def test_offsets_point_into_the_text(out):
    texts = {a["article_id"]: a["text"] for a in jsonl(out / "articles.jsonl")}
    for r in jsonl(out / "records.jsonl"):
        assert texts[r["article_id"]][r["start"]:r["end"]] == r["value_text"]
        for m in r["mentions"]:
            assert texts[r["article_id"]][m["start"]:m["end"]] == m["text"]


def test_rerun_is_byte_identical(out, tmp_path):
    from conftest import ROOT

    assert main(["extract", str(ROOT / "corpus"), "-o", str(tmp_path), "-q", "--formats", "jsonl"]) == 0
    for table in TABLES:
        assert (tmp_path / f"{table}.jsonl").read_bytes() == (out / f"{table}.jsonl").read_bytes()


def test_no_temporary_files_left(out):
    from extractor.batch import STATE_FILE

    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == [STATE_FILE]
