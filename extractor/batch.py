"""Batch runs over whole archives: streaming, parallel, incremental, resumable, distributed.

The unit of work is an input file. A state table keyed by the file's content hash and the
pipeline version (a hash of the code and patterns/) holds every finished file's rows, and
is committed chunk by chunk, so a rerun processes only new or changed files and a run killed
at any moment (even `kill -9`) resumes where it stopped. Outputs are rebuilt in input order
from the state and renamed into place at the end, so `-j N` and every engine give output
identical byte for byte to `-j 1`.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import __version__
from .data import PACKAGE_DIR, PATTERNS_DIR

STATE_FILE = ".extractor-state.sqlite"


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    """The package version plus a hash of everything that decides the output: code and patterns."""
    digest = hashlib.sha256()
    for folder, suffixes in ((PACKAGE_DIR, (".py",)), (PATTERNS_DIR, (".json", ".jsonl", ".csv"))):
        for path in sorted(folder.rglob("*")):
            if path.suffix in suffixes and path.is_file():
                digest.update(path.relative_to(folder).as_posix().encode())
                digest.update(path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:12]}"


# --------------------------------------------------------------------------- the per-file work

def process_files(paths: list[str], root: str, batch_size: int = 64) -> list[dict[str, Any]]:
    """Extract and check the articles of some files. The same function runs in-process, in a
    worker process and on a Dask worker: it reads its inputs from paths. The articles of all
    the files go through spaCy as one stream, so batches span files. Should anything fail for
    the stream as a whole, the files are done again one at a time, and a file that fails alone
    gets one `error` row: one bad file never sinks the others."""
    try:
        return _process_files(paths, root, batch_size)
    except Exception:
        if len(paths) == 1:
            return [_failed(paths[0], root)]
    return [r for path in paths for r in _one_file(path, root, batch_size)]


def _one_file(path: str, root: str, batch_size: int) -> list[dict[str, Any]]:
    try:
        return _process_files([path], root, batch_size)
    except Exception:
        return [_failed(path, root)]


def _failed(path: str, root: str) -> dict[str, Any]:
    """The result of a file whose processing failed as a whole: one article row saying so."""
    import traceback

    from .records import Article
    from .sources import article_id_for

    root_path = Path(root)
    p = Path(path)
    base = root_path if root_path.is_dir() else p.parent
    source = _source(p, base)
    why = traceback.format_exc(limit=0).strip().splitlines()[-1][:300]
    article = Article(article_id=article_id_for(p, base), source_path=source, status="error",
                      error=f"processing failed: {why}")
    return {"source": source, **_stat(p), "sha256": file_sha256(p),
            "items": [{"article": article.to_row(), "records": [], "findings": [], "signature": None, "index": []}]}


def _process_files(paths: list[str], root: str, batch_size: int = 64) -> list[dict[str, Any]]:
    from .checks import check_article, index_entries, signature_hashes
    from .pipeline import process
    from .sources import read_file, read_path

    root_path = Path(root)
    base = root_path if root_path.is_dir() else None
    out: list[dict[str, Any]] = [{"source": _source(Path(path), base or Path(path).parent), **_stat(Path(path)), "sha256": None,
                                  "items": []} for path in paths]
    by_source = {r["source"]: r for r in out}

    def articles():
        """Each file is read once: its hash and its articles come from the same bytes."""
        for path, entry in zip(paths, out):
            p = Path(path)
            data, _ = read_file(p) if p.is_file() else (None, None)
            entry["sha256"] = hashlib.sha256(data).hexdigest() if data is not None else file_sha256(p)
            yield from read_path(p, root_path if root_path.is_dir() else p.parent, data)

    for article, records in process(articles(), batch_size=batch_size):  # in input order
        try:
            findings = check_article(article, records)  # `message` is chosen at export: results serve any --lang
            index = index_entries(records)  # what the cross-article reduce needs, compact, made here in the worker
            signature = signature_hashes(article.text) if index else None  # only indexed articles are compared
        except Exception as exc:  # a check that fails on one article: its records stay, its findings are lost, and it says so
            from dataclasses import replace

            article = replace(article, status="error", error=f"checks failed: {type(exc).__name__}: {exc}"[:300])
            findings, index, signature = [], [], None
        by_source[article.source_path]["items"].append({
            "article": article.to_row(),
            "records": [r.to_row() for r in records],
            "findings": [f.to_row() for f in findings],
            "signature": signature,
            "index": index,
        })
    return out


def _stat(path: Path) -> dict[str, int | None]:
    """Size and mtime, taken before the file is read, so a change while it is read shows next time."""
    try:
        st = path.stat()
        return {"size": st.st_size, "mtime_ns": st.st_mtime_ns}
    except OSError:
        return {"size": None, "mtime_ns": None}


def _source(path: Path, root: Path) -> str:
    """A file's name relative to the input folder, as text that can be written anywhere."""
    from .sources import display_path

    return display_path(path.relative_to(root).as_posix() if root.is_dir() else path.name)


def file_sha256(path: Path) -> str:
    """The hash of a file's content, read in blocks (memory stays flat for a file of any size)."""
    digest = hashlib.sha256()
    if not path.is_file():  # a dangling link, a folder, a FIFO: never opened (a FIFO would block)
        return "unreadable"
    try:
        with open(path, "rb") as fh:
            while block := fh.read(1 << 20):
                digest.update(block)
    except OSError:
        return "unreadable"
    return digest.hexdigest()


def _init_worker() -> None:
    from .nlp import build_nlp

    build_nlp()  # once per worker process


def _work(args: tuple[list[str], str, int]) -> list[str]:
    """process_files() with each file's result as JSON text, serialised where it was made: a string
    crosses to the exporting process far more cheaply than nested dicts, and is stored as it is."""
    return [json.dumps(r, ensure_ascii=False) for r in process_files(*args)]  # key order kept: rows read back byte-identical


# --------------------------------------------------------------------------- state

class State:
    """The state table: one row per input file, keyed by content hash and pipeline version.

    Each row also keeps the file's size and modification time when it was read: a file whose
    size and mtime are unchanged is taken as unchanged without being read again (as git and
    make do); any other file is hashed, and only a changed hash reprocesses it. The `runs`
    table remembers the last published outputs, so a rerun over an unchanged corpus can
    see that they are already up to date."""

    SCHEMA = ("CREATE TABLE IF NOT EXISTS state (source TEXT PRIMARY KEY, content_sha256 TEXT NOT NULL, "
              "pipeline_version TEXT NOT NULL, result TEXT NOT NULL, size INTEGER, mtime_ns INTEGER)")
    INSERT = "INSERT OR REPLACE INTO state VALUES (?, ?, ?, ?, ?, ?)"
    RUNS = "CREATE TABLE IF NOT EXISTS runs (key TEXT PRIMARY KEY, value TEXT NOT NULL)"

    def __init__(self, out_dir: Path, start_over: bool = False) -> None:
        self.path = out_dir / STATE_FILE
        fresh = not self.path.exists() and not start_over
        self.db = sqlite3.connect(self.path)
        self.db.execute("PRAGMA journal_mode=WAL")
        # commits reach the WAL file without an fsync each: a killed process loses nothing committed
        # (only a power cut can cost the last chunks, which are then processed again)
        self.db.execute("PRAGMA synchronous=NORMAL")
        columns = [row[1] for row in self.db.execute("PRAGMA table_info(state)")]
        if columns and "mtime_ns" not in columns:  # a state from an older version: its rows cannot be reused anyway
            self.db.execute("DROP TABLE state")
        self.db.execute(self.SCHEMA)
        self.db.execute(self.RUNS)
        final = out_dir / "extractor.sqlite"
        if fresh and final.exists():  # the working file was removed: start from the published state
            try:
                self.db.execute("ATTACH DATABASE ? AS published", (str(final),))
                if self.db.execute("SELECT name FROM published.sqlite_master WHERE name='state'").fetchone():
                    self.db.execute("INSERT OR REPLACE INTO state SELECT * FROM published.state")
                self.db.commit()
                self.db.execute("DETACH DATABASE published")
            except sqlite3.DatabaseError:
                pass
        if start_over:
            self.db.execute("DELETE FROM state")
            self.db.execute("DELETE FROM runs")
        self.db.commit()

    def lookup(self, source: str) -> tuple[str, str, int | None, int | None] | None:
        """(content_sha256, pipeline_version, size, mtime_ns) of a known file."""
        return self.db.execute("SELECT content_sha256, pipeline_version, size, mtime_ns FROM state WHERE source=?",
                               (source,)).fetchone()

    def touch(self, source: str, size: int, mtime_ns: int) -> None:
        """A file read again and found unchanged: remember its new size and mtime."""
        self.db.execute("UPDATE state SET size=?, mtime_ns=? WHERE source=?", (size, mtime_ns, source))

    def row(self, source: str) -> tuple[str, str, str, str, int | None, int | None]:
        """A known file's row: (source, content_sha256, pipeline_version, result as JSON, size, mtime_ns)."""
        return self.db.execute("SELECT * FROM state WHERE source=?", (source,)).fetchone()

    def save(self, results: list[tuple[dict[str, Any], str]], version: str) -> list[tuple[Any, ...]]:
        """Store (result, its JSON text) pairs of finished files; returns the rows stored."""
        rows = [(r["source"], r["sha256"], version, text, r.get("size"), r.get("mtime_ns")) for r, text in results]
        with self.db:
            self.db.executemany(self.INSERT, rows)
        return rows

    def prune(self, keep: Iterable[str]) -> None:
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS keep (source TEXT PRIMARY KEY)")
        with self.db:
            self.db.execute("DELETE FROM keep")
            self.db.executemany("INSERT OR IGNORE INTO keep VALUES (?)", ((s,) for s in keep))
            self.db.execute("DELETE FROM state WHERE source NOT IN (SELECT source FROM keep)")

    def last_run(self) -> dict[str, Any] | None:
        row = self.db.execute("SELECT value FROM runs WHERE key='outputs'").fetchone()
        return json.loads(row[0]) if row else None

    def remember_run(self, value: dict[str, Any]) -> None:
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO runs VALUES ('outputs', ?)", (json.dumps(value, sort_keys=True),))

    @classmethod
    def publish(cls, db: sqlite3.Connection, rows: list[tuple[Any, ...]]) -> None:
        """Copy rows into the state table of the SQLite output (made with SCHEMA), as the run goes."""
        db.executemany(cls.INSERT, rows)

    def close(self) -> None:
        self.db.commit()
        self.db.close()


# --------------------------------------------------------------------------- engines

def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class LocalEngine:
    """-j 1 in-process; -j N over a process pool with a bounded window (memory stays flat)."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs

    def map(self, tasks: Iterator[tuple]) -> Iterator[list[str]]:
        """Each task's result: its files' results as JSON texts (see _work), in task order."""
        if self.jobs <= 1:
            for task in tasks:
                yield _work(task)
            return
        import multiprocessing

        ctx = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
        with ctx.Pool(self.jobs, initializer=_init_worker) as pool:
            window: deque = deque()
            for task in tasks:
                window.append(pool.apply_async(_work, (task,)))
                if len(window) >= 2 * self.jobs:
                    yield window.popleft().get()
            while window:
                yield window.popleft().get()


class DaskEngine:
    """The same per-file function on a Dask cluster (dask.distributed), in input order."""

    def __init__(self, scheduler: str, window: int = 32) -> None:
        try:
            from dask.distributed import Client
        except ImportError:
            raise SystemExit("extractor: --engine dask needs Dask: pip install -e '.[dask]' (or the dev lock)") from None

        self.client = Client(scheduler)
        self.window = window

    def map(self, tasks: Iterator[tuple]) -> Iterator[list[str]]:
        window: deque = deque()
        for task in tasks:
            window.append(self.client.submit(_work, task, pure=False))
            if len(window) >= self.window:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()

    def close(self) -> None:
        self.client.close()


# --------------------------------------------------------------------------- the run

@dataclass
class Summary:
    documents: Counter = field(default_factory=Counter)
    metrics: Counter = field(default_factory=Counter)
    severities: Counter = field(default_factory=Counter)
    files: int = 0
    reused: int = 0
    seconds: float = 0.0

    def lines(self) -> list[str]:
        out = [f"{sum(self.documents.values())} documents from {self.files} files ({self.reused} unchanged, reused), "
               f"{sum(self.metrics.values())} records, {sum(self.severities.values())} findings in {self.seconds:.1f}s",
               "  documents by status:  " + (", ".join(f"{k}={v}" for k, v in sorted(self.documents.items())) or "none"),
               "  records by metric:    " + (", ".join(f"{k}={v}" for k, v in sorted(self.metrics.items())) or "none"),
               "  findings by severity: " + (", ".join(f"{k}={v}" for k, v in sorted(self.severities.items())) or "none")]
        return out


def _output_stats(out_dir: Path, formats: tuple[str, ...]) -> dict[str, list[int]] | None:
    """(size, mtime_ns) of every output file, or None when one is missing."""
    from .export import output_names

    stats = {}
    for name in output_names(formats):
        try:
            st = (out_dir / name).stat()
        except OSError:
            return None
        stats[name] = [st.st_size, st.st_mtime_ns]
    return stats


def _classify(state: State, files: list[str], root: Path, version: str) -> tuple[bytearray, str]:
    """Which files need processing (1) and which are unchanged (0), and a fingerprint of the
    whole input (every file's content hash, in order) when nothing needs processing."""
    todo = bytearray(len(files))
    digest = hashlib.sha256()
    for n, name in enumerate(files):
        path = Path(name)
        source = _source(path, root)
        row = state.lookup(source)
        if row is None or row[1] != version:
            todo[n] = 1
            continue
        try:
            st = path.stat()
        except OSError:
            if row[0] == "unreadable" and row[2] is None:  # a dangling link, still dangling: its row stands
                digest.update(_fingerprint_entry(source, row[0]))
                continue
            todo[n] = 1
            continue
        if (row[2], row[3]) != (st.st_size, st.st_mtime_ns):
            if file_sha256(path) != row[0]:
                todo[n] = 1
                continue
            state.touch(source, st.st_size, st.st_mtime_ns)
        digest.update(_fingerprint_entry(source, row[0]))
    return todo, digest.hexdigest()


def _in_language(finding: dict[str, Any], lang: str) -> dict[str, Any]:
    """A finding row whose `message` is in the language asked for (results keep both, so any
    --lang is served without extracting again)."""
    return {**finding, "message": finding["message_en"] if lang == "en" else finding["message_id"]}


def _fingerprint_entry(source: str, sha: str) -> bytes:
    """One file's share of the input fingerprint (the same in the classification and the run)."""
    return f"{source}\0{sha}\n".encode()


class RunError(Exception):
    """A fault of the run itself (its output folder, a lock), not of one document: one line for the user."""


LOCK_FILE = ".extractor.lock"


class OutputLock:
    """One writer per output folder. The lock file names its holder (pid, host, start time); the lock
    itself is an flock on it, which the system releases when the holder dies, even by kill -9, so a
    killed run never leaves a stale lock behind (its file, left behind, is taken over). The file is
    removed at the end. Where flock is not available (some network file
    systems) the file alone is the lock: a holder on this machine whose pid is gone is stale and
    replaced; one on another machine cannot be checked, and `force` breaks it."""

    def __init__(self, out_dir: Path, force: bool = False) -> None:
        self.path = out_dir / LOCK_FILE
        self.force = force
        self.fd: int | None = None

    def __enter__(self) -> "OutputLock":
        import os
        import socket

        me = {"pid": os.getpid(), "host": socket.gethostname(), "started": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                if not self._take(fd, me["host"]):
                    continue  # the holder removed the file as we opened it: take the new one
            except BaseException:
                os.close(fd)
                raise
            break
        os.ftruncate(fd, 0)
        os.write(fd, (json.dumps(me) + "\n").encode())
        self.fd = fd
        return self

    def _take(self, fd: int, host: str) -> bool:
        """Lock the open file; False when the file was removed meanwhile (then it is tried again)."""
        import os

        try:
            import fcntl
        except ImportError:  # no flock on this system: the file's holder decides
            held = self._read(fd)
            if held and not self.force and held.get("pid") != os.getpid() and self._alive(held, host):
                raise RunError(f"{self.path.parent} is in use by another extractor run ({self._describe(held)}); "
                               f"if that run is gone, break its lock with --force") from None
            return True
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RunError(f"{self.path.parent} is in use by another extractor run ({self._holder(fd)}); "
                           f"wait for it to finish, or write to another folder") from None
        try:
            same = os.stat(self.path).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            same = False
        if not same:
            os.close(fd)
        return same

    @staticmethod
    def _read(fd: int) -> dict[str, Any] | None:
        import os

        try:
            os.lseek(fd, 0, 0)
            value = json.loads(os.read(fd, 4096).decode("utf-8", "replace") or "null")
            return value if isinstance(value, dict) else None
        except (OSError, ValueError):
            return None

    def _holder(self, fd: int) -> str:
        held = self._read(fd)
        return self._describe(held) if held else "holder unknown"

    @staticmethod
    def _describe(held: dict[str, Any]) -> str:
        return f"pid {held.get('pid')} on {held.get('host')}, since {held.get('started')}"

    @staticmethod
    def _alive(held: dict[str, Any], host: str) -> bool:
        import os

        if held.get("host") != host:
            return True  # cannot be checked from here
        try:
            os.kill(int(held.get("pid") or 0), 0)
        except ProcessLookupError:
            return False
        except (OSError, ValueError):
            return True
        return True

    def __exit__(self, *exc: object) -> None:
        import os

        if self.fd is not None:
            try:
                self.path.unlink()  # removed while still locked: a run that opened it meanwhile sees that and retries
            except OSError:
                pass
            finally:
                os.close(self.fd)  # closing releases the flock
                self.fd = None


def run(input_path: Path, out_dir: Path, *, jobs: int = 1, formats: tuple[str, ...] = ("jsonl", "csv", "parquet", "sqlite"),
        lang: str = "id", batch_size: int = 64, chunk_files: int = 16, engine: str = "local",
        scheduler: str | None = None, progress: bool = False, fresh: bool = False, force: bool = False) -> Summary:
    """Extract, check and export everything under input_path into out_dir (`fresh`: reuse nothing).

    When every file is unchanged and the outputs of the last run with the same version,
    formats and language are still in place, untouched, nothing is rewritten. One run at a time
    writes to an output folder (OutputLock; `force` breaks a lock whose holder cannot be checked)."""
    if engine == "dask" and not scheduler:  # dask's Client(None) would quietly start a cluster of its own
        raise ValueError("the dask engine needs a scheduler address")
    if out_dir.exists() and not out_dir.is_dir():
        raise RunError(f"the output folder {out_dir} is a file")
    out_dir.mkdir(parents=True, exist_ok=True)
    with OutputLock(out_dir, force=force):
        return _run(input_path, out_dir, jobs=jobs, formats=formats, lang=lang, batch_size=batch_size,
                    chunk_files=chunk_files, engine=engine, scheduler=scheduler, progress=progress, fresh=fresh)


def _run(input_path: Path, out_dir: Path, *, jobs: int, formats: tuple[str, ...], lang: str, batch_size: int,
         chunk_files: int, engine: str, scheduler: str | None, progress: bool, fresh: bool) -> Summary:
    from .checks import CrossArticleChecks
    from .export import Exporter
    from .sources import iter_files

    started = time.time()
    root = input_path
    source_root = root if root.is_dir() else root.parent
    files = [str(p) for p in iter_files(root)]
    version = pipeline_version()
    state = State(out_dir, start_over=fresh)
    todo, fingerprint = _classify(state, files, source_root, version)
    settings = {"version": version, "formats": sorted(formats), "lang": lang}
    last = state.last_run()
    if not any(todo) and last and last["settings"] == settings and last["fingerprint"] == fingerprint \
            and last["outputs"] == _output_stats(out_dir, formats):
        state.close()
        summary = Summary(Counter(last["summary"]["documents"]), Counter(last["summary"]["metrics"]),
                          Counter(last["summary"]["severities"]), files=len(files), reused=len(files))
        summary.seconds = time.time() - started
        return summary
    summary = Summary(files=len(files), reused=len(files) - sum(todo))
    runner: LocalEngine | DaskEngine = DaskEngine(scheduler) if engine == "dask" and scheduler else LocalEngine(jobs)
    todo_files = (name for name, flag in zip(files, todo) if flag)
    results = runner.map((chunk, str(root), batch_size) for chunk in _batches(todo_files, chunk_files))
    arrived: dict[str, dict[str, Any]] = {}
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(files), unit="file", file=sys.stderr, dynamic_ncols=True, desc="extract")
    cross = CrossArticleChecks(store=out_dir / ".extractor-cross.sqlite")
    digest = hashlib.sha256()
    try:
        with Exporter(out_dir, formats) as out:
            if out.db is not None:  # the SQLite output carries the state table too, filled as results come
                out.db.execute(State.SCHEMA)
            # Files are written in input order as their results arrive, so exporting overlaps with the
            # workers' extraction; each chunk is committed to the state before anything else happens.
            for name, flag in zip(files, todo):
                source = _source(Path(name), source_root)
                if flag:
                    while source not in arrived:
                        chunk = [(json.loads(text), text) for text in next(results)]
                        rows = state.save(chunk, version)
                        if out.db is not None:
                            state.publish(out.db, rows)
                        arrived.update((r["source"], r) for r, _ in chunk)
                    result = arrived.pop(source)
                else:
                    row = state.row(source)
                    result = json.loads(row[3])
                    if out.db is not None:
                        state.publish(out.db, [row])
                digest.update(_fingerprint_entry(source, result["sha256"]))
                for item in result["items"]:
                    records = item["records"]
                    out.write_rows(item["article"], records, [_in_language(f, lang) for f in item["findings"]])
                    summary.documents[item["article"]["status"]] += 1
                    summary.metrics.update(r["metric"] for r in records)
                    summary.severities.update(f["severity"] for f in item["findings"])
                    if item.get("signature"):
                        cross.add_index(item["article"]["article_id"], item["signature"], item["index"])
                if bar:
                    bar.update(1)
            state.prune(_source(Path(name), source_root) for name in files)
            for finding in cross.findings():
                out.write("findings", _in_language(finding.to_row(), lang))
                summary.severities[finding.severity] += 1
            if out.db is not None:
                out.flush_sql()
                out.db.commit()
        state.remember_run({"settings": settings, "fingerprint": digest.hexdigest(), "outputs": _output_stats(out_dir, formats),
                            "summary": {"documents": summary.documents, "metrics": summary.metrics, "severities": summary.severities}})
    finally:
        if bar:
            bar.close()
        if isinstance(runner, DaskEngine):
            runner.close()
        cross.close()
        state.close()
    summary.seconds = time.time() - started
    return summary
