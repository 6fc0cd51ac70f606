"""Export: articles, records and findings as JSONL, CSV, Parquet and one SQLite database.

Rows are streamed: each table is written as rows arrive, so memory stays flat. Files are
written under a temporary name and renamed into place when the run ends (atomic).
"""
from __future__ import annotations

import csv
import json
import os
import sqlite3
from dataclasses import fields
from pathlib import Path
from typing import Any

from .records import Article, Finding, Record, SCHEMA_VERSION

FORMATS = ("jsonl", "csv", "parquet", "sqlite")


def _columns(cls: type, drop: tuple[str, ...] = ()) -> list[str]:
    return ["schema_version"] + [f.name for f in fields(cls) if f.name not in drop]


TABLES: dict[str, list[str]] = {
    "articles": _columns(Article, ("removed",)),
    "records": _columns(Record),
    "findings": _columns(Finding),
}


def file_name(fmt: str, table: str | None = None) -> str:
    """The output file of a table in a format (SQLite holds every table in one file)."""
    return "extractor.sqlite" if fmt == "sqlite" else f"{table}.{fmt}"


def output_names(formats: tuple[str, ...]) -> list[str]:
    """Every file an export in these formats writes."""
    return [file_name(fmt, table) for fmt in formats for table in ((None,) if fmt == "sqlite" else TABLES)]


SQL_TYPES = {
    "value": "REAL", "stated": "REAL", "computed": "REAL", "difference": "REAL",
    "start": "INTEGER", "end": "INTEGER", "target": "INTEGER",
}
ARROW_TYPES = {"value": "float64", "stated": "float64", "computed": "float64", "difference": "float64",
               "start": "int64", "end": "int64", "target": "bool_"}


# one encoder each, made once: json.dumps with options builds a new encoder on every call (per row, per cell)
_ROW_JSON = json.JSONEncoder(ensure_ascii=False).encode
_CELL_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode


CSV_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A CSV cell a spreadsheet will not run: text beginning with = + - @, a tab or a carriage return
    gets a leading apostrophe, as OWASP recommends against formula injection (`=HYPERLINK(...)` in a
    sentence). Numbers are left as they are; JSONL, Parquet and SQLite keep the raw text."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(CSV_TRIGGERS):
        return "'" + value
    return value


def _flat(value: Any) -> Any:
    if isinstance(value, (list, tuple, dict)):
        return _CELL_JSON(value)
    return value


class Exporter:
    """Write the three tables in the chosen formats under out_dir. Use as a context manager."""

    def __init__(self, out_dir: Path, formats: tuple[str, ...] = FORMATS, parquet_batch: int = 5000) -> None:
        unknown = set(formats) - set(FORMATS)
        if unknown:
            raise ValueError(f"unknown output format(s): {', '.join(sorted(unknown))}")
        self.out_dir = Path(out_dir)
        self.formats = formats
        self.parquet_batch = parquet_batch
        self.counts = {t: 0 for t in TABLES}
        self._tmp: list[tuple[Path, Path]] = []

    def _temp(self, name: str) -> Path:
        final = self.out_dir / name
        tmp = self.out_dir / f".{name}.tmp"
        self._tmp.append((tmp, final))
        if tmp.exists():
            tmp.unlink()
        return tmp

    def __enter__(self) -> "Exporter":
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.jsonl = {t: open(self._temp(file_name("jsonl", t)), "w", encoding="utf-8") for t in TABLES} if "jsonl" in self.formats else {}
        self.csv_files = {}
        self.csv = {}
        if "csv" in self.formats:
            for t, cols in TABLES.items():
                fh = open(self._temp(file_name("csv", t)), "w", encoding="utf-8", newline="")
                writer = csv.writer(fh)
                writer.writerow(cols)
                self.csv_files[t], self.csv[t] = fh, writer
        self.db = None
        if "sqlite" in self.formats:
            self.sqlite_path = self._temp(file_name("sqlite"))
            self.db = sqlite3.connect(self.sqlite_path)
            # a temporary file, renamed into place once complete: like the other outputs it needs no rollback
            # journal and no fsync (a run that fails or is killed starts this file again)
            self.db.execute("PRAGMA journal_mode=OFF")
            self.db.execute("PRAGMA synchronous=OFF")
            for t, cols in TABLES.items():
                defs = ", ".join(f'"{c}" {SQL_TYPES.get(c, "TEXT")}' for c in cols)
                self.db.execute(f'CREATE TABLE "{t}" ({defs})')
            self.db.execute('CREATE TABLE "meta" (key TEXT PRIMARY KEY, value TEXT)')
            self.db.execute('INSERT INTO meta VALUES (?, ?)', ("schema_version", SCHEMA_VERSION))
        self.parquet_rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
        self.parquet_writers: dict[str, Any] = {}
        self.sql_rows: dict[str, list[list[Any]]] = {t: [] for t in TABLES}
        return self

    def flush_sql(self) -> None:
        """Insert the buffered SQLite rows (in batches: one statement per row was the exporter's main cost)."""
        if self.db is None:
            return
        for table, rows in self.sql_rows.items():
            if rows:
                marks = ", ".join("?" for _ in TABLES[table])
                self.db.executemany(f'INSERT INTO "{table}" VALUES ({marks})', rows)
                rows.clear()

    def write(self, table: str, row: dict[str, Any]) -> None:
        cols = TABLES[table]
        self.counts[table] += 1
        if self.jsonl:
            self.jsonl[table].write(_ROW_JSON({c: row.get(c) for c in cols}) + "\n")
        flat = [_flat(row.get(c)) for c in cols]
        if self.csv:
            self.csv[table].writerow([csv_cell(v) for v in flat])
        if self.db is not None:
            pending = self.sql_rows[table]
            pending.append([int(v) if isinstance(v, bool) else v for v in flat])
            if len(pending) >= 1000:
                self.flush_sql()
        if "parquet" in self.formats:
            self.parquet_rows[table].append(dict(zip(cols, flat)))
            if len(self.parquet_rows[table]) >= self.parquet_batch:
                self._flush_parquet(table)

    def write_rows(self, article: dict[str, Any], records: list[dict[str, Any]], findings: list[dict[str, Any]]) -> None:
        self.write("articles", article)
        for r in records:
            self.write("records", r)
        for f in findings:
            self.write("findings", f)

    def _flush_parquet(self, table: str) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        cols = TABLES[table]
        schema = pa.schema([(c, getattr(pa, ARROW_TYPES.get(c, "string"))()) for c in cols])
        rows = self.parquet_rows[table]
        arrays = []
        for c in cols:
            values = [r[c] for r in rows]
            kind = ARROW_TYPES.get(c, "string")
            if kind == "string":
                values = [None if v is None else str(v) for v in values]
            arrays.append(pa.array(values, type=schema.field(c).type))
        batch = pa.Table.from_arrays(arrays, schema=schema)
        if table not in self.parquet_writers:
            self.parquet_writers[table] = pq.ParquetWriter(self._temp(file_name("parquet", table)), schema)
        self.parquet_writers[table].write_table(batch)
        rows.clear()

    def __exit__(self, exc_type, exc, tb) -> None:
        for fh in list(self.jsonl.values()) + list(self.csv_files.values()):
            fh.close()
        if "parquet" in self.formats:
            for table in TABLES:
                self._flush_parquet(table)
            for writer in self.parquet_writers.values():
                writer.close()
        if self.db is not None:
            self.flush_sql()
            for t in TABLES:
                if "article_id" in TABLES[t]:
                    self.db.execute(f'CREATE INDEX "{t}_article" ON "{t}" (article_id)')
            self.db.commit()
            self.db.close()
        if exc_type is None:
            for tmp, final in self._tmp:
                os.replace(tmp, final)
        else:
            for tmp, _ in self._tmp:
                if tmp.exists():
                    tmp.unlink()
