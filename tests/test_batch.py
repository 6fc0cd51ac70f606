"""Batch runs: identical output for any -j and engine, incremental reruns, resume after kill -9."""
from __future__ import annotations

import csv
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from synth import write_corpus  # noqa: E402

from extractor.batch import STATE_FILE, run  # noqa: E402

TABLES = ("articles.jsonl", "records.jsonl", "findings.jsonl", "records.csv")


def outputs(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in TABLES}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("synth"), 48, seed=3)


@pytest.fixture(scope="module")
def clean_run(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("clean")
    run(corpus, out, jobs=1, formats=("jsonl", "csv", "sqlite"), chunk_files=4)
    return out


def test_parallel_output_is_identical(corpus, clean_run, tmp_path):
    run(corpus, tmp_path, jobs=2, formats=("jsonl", "csv", "sqlite"), chunk_files=4)
    assert outputs(tmp_path) == outputs(clean_run)


# two outlets disagree on a branch's year, and a year-to-date figure shrinks between them
DISAGREEING = {
    "a.txt": "Klaim di Jember naik\n\nJEMBER - BPJS Ketenagakerjaan Cabang Jember mencatat pembayaran klaim Jaminan Hari "
             "Tua (JHT) sepanjang 2023 mencapai Rp196,4 miliar untuk 21.530 kasus.\n\nHingga Juni 2023, klaim JKM di "
             "Cabang Jember mencapai Rp12 miliar.\n",
    "b.txt": "Jember bayar klaim\n\nJEMBER - Sepanjang 2023, BPJamsostek Cabang Jember membayarkan klaim JHT senilai "
             "Rp169,4 miliar kepada peserta.\n\nKlaim JKM di Cabang Jember dari Januari hingga September 2023 sebesar Rp9 miliar.\n",
}


@pytest.mark.parametrize("formats", [("jsonl", "csv"), ("csv",), ("csv", "sqlite")])
def test_cross_article_findings_do_not_depend_on_the_formats(tmp_path, formats):
    """The cross-article reduce works from the index the workers make, whatever is exported."""
    (tmp_path / "in").mkdir()
    for name, text in DISAGREEING.items():
        (tmp_path / "in" / name).write_text(text, encoding="utf-8")
    run(tmp_path / "in", tmp_path / "out", formats=formats)
    with open(tmp_path / "out" / "findings.csv", encoding="utf-8", newline="") as fh:
        found = [(f["article_id"], f["check"], f["program"], f["stated"], f["computed"]) for f in csv.DictReader(fh)]
    assert found == [("a", "cross_article_conflict", "JHT", "196400000000.0", "169400000000.0"),
                     ("b", "cross_article_conflict", "JHT", "169400000000.0", "196400000000.0"),
                     ("a", "period_conflict", "JKM", "12000000000.0", "9000000000.0"),
                     ("b", "period_conflict", "JKM", "12000000000.0", "9000000000.0")]


def test_rerun_reuses_unchanged_files_and_redoes_changed_ones(corpus, clean_run, tmp_path):
    work = tmp_path / "in"
    work.mkdir()
    for p in corpus.rglob("*.txt"):
        target = work / p.relative_to(corpus)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(p.read_bytes())
    out = tmp_path / "out"
    first = run(work, out, formats=("jsonl", "csv", "sqlite"), chunk_files=4)
    assert first.reused == 0
    second = run(work, out, formats=("jsonl", "csv", "sqlite"), chunk_files=4)
    assert second.reused == second.files == 48
    assert outputs(out) == outputs(clean_run)
    changed = sorted(work.rglob("*.txt"))[5]
    changed.write_text(changed.read_text(encoding="utf-8").replace("Cabang", "Kantor Cabang", 1), encoding="utf-8")
    (work / "0000" / "extra.txt").write_text("BPJS Ketenagakerjaan Cabang Garut membayar klaim JHT Rp5 miliar pada 2023.", encoding="utf-8")
    third = run(work, out, formats=("jsonl", "csv", "sqlite"), chunk_files=4)
    assert (third.files, third.reused) == (49, 47)
    fresh = tmp_path / "fresh"
    run(work, fresh, formats=("jsonl", "csv", "sqlite"), chunk_files=4)
    assert outputs(out) == outputs(fresh)
    with sqlite3.connect(out / "extractor.sqlite") as db:  # the output publishes the state as it stands
        published = sorted(db.execute("SELECT * FROM state"))
    with sqlite3.connect(out / STATE_FILE) as db:
        assert len(published) == 49 and published == sorted(db.execute("SELECT * FROM state"))


def _copy(corpus: Path, work: Path) -> Path:
    for p in corpus.rglob("*.txt"):
        target = work / p.relative_to(corpus)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(p.read_bytes())
    return work


def test_unchanged_corpus_leaves_outputs_untouched(corpus, clean_run, tmp_path):
    out = tmp_path / "out"
    first = run(corpus, out, formats=("jsonl", "csv", "sqlite"), chunk_files=4)
    written = {name: (out / name).stat().st_mtime_ns for name in TABLES}
    again = run(corpus, out, formats=("jsonl", "csv", "sqlite"), chunk_files=4)
    assert {name: (out / name).stat().st_mtime_ns for name in TABLES} == written  # nothing rewritten
    assert (again.reused, again.documents, again.metrics, again.severities) == (48, first.documents, first.metrics, first.severities)
    # other settings, or an output that went missing, rebuild the outputs from the state
    (out / "records.csv").unlink()
    rebuilt = run(corpus, out, formats=("jsonl", "csv", "sqlite"), chunk_files=4)
    assert rebuilt.reused == 48 and outputs(out) == outputs(clean_run)
    english = run(corpus, out, formats=("jsonl", "csv", "sqlite"), chunk_files=4, lang="en")
    assert english.reused == 48  # results keep both languages: only the export changes
    findings = [json.loads(line) for line in (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()]
    assert findings and all(f["message"] == f["message_en"] != f["message_id"] for f in findings)
    assert run(corpus, out, formats=("jsonl", "csv", "sqlite"), chunk_files=4, fresh=True).reused == 0


def test_the_published_state_restores_a_lost_working_state(corpus, clean_run, tmp_path):
    """extractor.sqlite carries the state: with the working state file gone, nothing is extracted again."""
    out = tmp_path / "out"
    run(corpus, out, formats=("jsonl", "csv", "sqlite"), chunk_files=4)
    for lost in out.glob(STATE_FILE + "*"):  # with its WAL files
        lost.unlink()
    (out / "records.csv").unlink()
    again = run(corpus, out, formats=("jsonl", "csv", "sqlite"), chunk_files=4)
    assert again.reused == 48 and outputs(out) == outputs(clean_run)


def test_touched_file_is_hashed_not_reprocessed(corpus, tmp_path):
    work = _copy(corpus, tmp_path / "in")
    out = tmp_path / "out"
    run(work, out, formats=("jsonl",), chunk_files=4)
    touched = sorted(work.rglob("*.txt"))[3]
    os.utime(touched, ns=(touched.stat().st_atime_ns, touched.stat().st_mtime_ns + 10**9))
    assert run(work, out, formats=("jsonl",), chunk_files=4).reused == 48
    touched.write_bytes(touched.read_bytes().replace(b"Cabang", b"Kantor Cabang", 1))
    assert run(work, out, formats=("jsonl",), chunk_files=4).reused == 47


def _state_rows(out: Path) -> int:
    try:
        with sqlite3.connect(out / STATE_FILE, timeout=0.2) as db:
            return db.execute("SELECT COUNT(*) FROM state").fetchone()[0]
    except sqlite3.Error:
        return 0


@pytest.mark.parametrize("kill_after", [4, 20, 44])
def test_resume_after_kill_9(corpus, clean_run, tmp_path, kill_after):
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "extractor", "extract", str(corpus), "-o", str(out), "-q",
           "--formats", "jsonl,csv,sqlite", "--chunk-files", "4"]
    proc = subprocess.Popen(cmd, cwd=ROOT, start_new_session=True)
    deadline = time.time() + 120
    while _state_rows(out) < kill_after and proc.poll() is None and time.time() < deadline:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    done = _state_rows(out)
    assert 0 < done <= 48
    assert subprocess.run(cmd, cwd=ROOT).returncode == 0
    assert outputs(out) == outputs(clean_run)


def test_dask_engine_matches_local(corpus, clean_run, tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        run(corpus, tmp_path, engine="dask", scheduler=cluster.scheduler_address, formats=("jsonl", "csv", "sqlite"), chunk_files=4)
    assert outputs(tmp_path) == outputs(clean_run)


def test_each_file_is_read_once_and_hashed_from_the_bytes_read(tmp_path, monkeypatch):
    """A worker hashes and parses the same bytes: one read per file, and the state holds the hash
    of the content (an oversize file is hashed in blocks, never read whole, and is `unreadable`)."""
    import hashlib
    import pathlib

    from extractor import batch, sources

    folder = tmp_path / "in"
    folder.mkdir()
    texts = {"a.txt": "BPJS Ketenagakerjaan Cabang Kupang membayar klaim Rp5 miliar.\n", "b.json": '{"text": "Klaim JHT Rp2 miliar."}',
             "big.txt": "x" * 5000}
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    monkeypatch.setattr(sources, "MAX_BYTES", 4000)
    reads: list[str] = []
    read_bytes = pathlib.Path.read_bytes
    monkeypatch.setattr(pathlib.Path, "read_bytes", lambda self: reads.append(self.name) or read_bytes(self))
    results = batch.process_files([str(folder / name) for name in sorted(texts)], str(folder))
    assert sorted(reads) == ["a.txt", "b.json"]  # the oversize file is never read whole
    assert [r["sha256"] for r in results] == [hashlib.sha256(texts[name].encode()).hexdigest() for name in sorted(texts)]
    statuses = {r["source"]: [item["article"]["status"] for item in r["items"]] for r in results}
    assert statuses == {"a.txt": ["ok"], "b.json": ["off_topic"], "big.txt": ["unreadable"]}
    assert batch.file_sha256(tmp_path / "missing.txt") == "unreadable"


def test_the_dask_engine_without_a_scheduler_is_refused_before_anything_is_written(corpus, tmp_path):
    with pytest.raises(ValueError, match="scheduler"):
        run(corpus, tmp_path / "out", engine="dask")
    assert not (tmp_path / "out").exists()
