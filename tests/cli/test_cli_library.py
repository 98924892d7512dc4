"""`juror-assistant ingest / library / remove` as an organiser runs them."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from support.bad_inputs import SCANNED_MESSAGE, write_bad_batch
from support.library import make_settings

from assistant.cli import main

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
CLI = Path(sys.executable).with_name("juror-assistant")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def passage_total(stdout: str) -> int:
    found = re.search(r"library: 9 documents, (\d+) passages", stdout)
    assert found, stdout
    return int(found.group(1))


def summary_line(stdout: str) -> str:
    return next(line for line in stdout.splitlines() if line.startswith("Summary:"))


@pytest.fixture(scope="module")
def cli_library(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """The sample corpus ingested with the CLI, then ingested again; (data dir, first output, second output)."""
    os.environ.pop("JUROR_CONFIG", None)
    data = tmp_path_factory.mktemp("cli") / "data"
    code1, out1, err1 = run("ingest", str(CORPUS), "--data-dir", str(data))
    assert code1 == 0, err1
    code2, out2, err2 = run("ingest", str(CORPUS), "--data-dir", str(data))
    assert code2 == 0, err2
    return data, out1, out2


def test_ingest_twice_second_run_reports_all_unchanged_with_the_same_chunk_count(cli_library):
    _, first, second = cli_library
    assert re.fullmatch(
        r"Summary: 9 added, 0 updated, 0 unchanged, 0 renamed, 0 failed; library: 9 documents, \d+ passages\.",
        summary_line(first),
    )
    assert "added: code-of-conduct.pdf (" in first
    assert summary_line(second).startswith("Summary: 0 added, 0 updated, 9 unchanged, 0 renamed, 0 failed;")
    assert passage_total(first) == passage_total(second)
    assert "added:" not in second and "updated:" not in second


def test_ingest_checks_the_sections_of_what_it_loaded_and_nothing_when_nothing_changed(cli_library):
    _, first, second = cli_library
    assert re.search(r"^Library check: \d+ sections in 9 documents checked; 0 may be unreachable\.$", first, re.M)
    assert "Library check" not in second


def test_library_lists_documents_with_counts_kinds_and_dates(cli_library):
    data, first, _ = cli_library
    code, out, _ = run("library", "--data-dir", str(data))
    assert code == 0
    row = next(line for line in out.splitlines() if line.startswith("amendment-01.md"))
    assert re.search(r"amendment\s+\d+\s+2027-05-01", row)
    total = passage_total(first)
    assert out.strip().endswith(f"9 documents, {total} passages.")
    code, out, _ = run("library", "--data-dir", str(data), "--json")
    records = json.loads(out)
    assert {r["source"] for r in records} == {
        p.name
        for p in CORPUS.iterdir()
        if p.suffix in (".md", ".pdf", ".docx", ".html", ".txt") and p.name != "README.md"
    }
    assert sum(r["chunks"] for r in records) == total
    assert next(r for r in records if r["source"] == "code-of-conduct.pdf")["kind"] == "code-of-conduct"


def test_remove_by_name_and_a_clear_error_for_an_unknown_document(cli_library, tmp_path: Path):
    import shutil

    data = tmp_path / "data"
    shutil.copytree(cli_library[0], data)
    code, out, _ = run("remove", "glossary.md", "--data-dir", str(data))
    assert code == 0 and re.fullmatch(r"removed: glossary\.md \(\d+ passages\)\n", out)
    code, out, err = run("remove", "glossary.md", "--data-dir", str(data))
    assert code == 1 and out == ""
    assert err.startswith("Error: no document 'glossary.md' in the library; documents: amendment-01.md")
    assert len(err.strip().splitlines()) == 1
    _, listing, _ = run("library", "--data-dir", str(data))
    assert "glossary.md" not in listing and "8 documents" in listing


def test_empty_library_listing_says_how_to_load(tmp_path: Path):
    code, out, _ = run("library", "--data-dir", str(tmp_path / "none"))
    assert code == 0 and "The library is empty. Load documents with: juror-assistant ingest PATH" in out


def test_an_invalid_setting_is_named_with_its_value_never_a_traceback(tmp_path: Path):
    """The real console script with a bad environment variable: the variable, the value given and what is wrong."""
    from support.browsing import run_cli

    proc = run_cli("library", "--data-dir", str(tmp_path / "data"), env={"JUROR_TOP_K": "0"})
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert "JUROR_TOP_K (given: '0'): Input should be greater than or equal to 1" in proc.stderr
    (tmp_path / "not-a-folder").write_text("", encoding="utf-8")
    proc = run_cli("library", env={"JUROR_DATA_DIR": str(tmp_path / "not-a-folder")})
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert "not-a-folder is a file, not a folder" in proc.stderr


def test_bad_files_exit_non_zero_with_one_line_each_and_no_traceback(tmp_path: Path):
    """The real console script in its own process: what an organiser's terminal shows."""
    folder = tmp_path / "upload"
    expected = write_bad_batch(folder, big_bytes=2 * 1024 * 1024)
    (folder / "lounge.md").write_text(
        "# Lounge Rules\n\n1.1 Opening hours. The jury lounge is open from 08:00 to 23:00 every day.\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUROR_")} | {"JUROR_MAX_FILE_MB": "2"}
    proc = subprocess.run(
        [str(CLI), "ingest", str(folder), str(folder / "budget.xlsx"), "--data-dir", str(tmp_path / "data")],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )

    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr + proc.stdout
    failures = [line for line in proc.stderr.splitlines() if line.startswith("failed: ")]
    assert len(failures) == len(expected)
    for name, words in expected.items():
        line = next(f for f in failures if f.startswith(f"failed: {name}: "))
        assert words in line
    assert any(SCANNED_MESSAGE in f for f in failures)
    assert "added: lounge.md (1 passage)" in proc.stdout
    assert (
        "Summary: 1 added, 0 updated, 0 unchanged, 0 renamed, 6 failed; library: 1 documents, 1 passages."
        in proc.stdout
    )
    # Nothing else on stderr: no library warnings from pypdf, no progress bars for this small batch.
    assert [line for line in proc.stderr.splitlines() if line.strip() and not line.startswith("failed: ")] == []


def test_a_missing_path_is_a_failure_not_a_crash(tmp_path: Path):
    code, out, err = run("ingest", str(tmp_path / "nowhere.pdf"), "--data-dir", str(tmp_path / "data"))
    assert code == 1
    assert f"failed: {tmp_path / 'nowhere.pdf'}: no such file or folder" in err
    assert "Summary: 0 added, 0 updated, 0 unchanged, 0 renamed, 1 failed" in out


MODEL_CODE = ("torch", "transformers", "sentence_transformers", "optimum", "onnx", "onnxruntime", "tokenizers")
_LIST_IMPORTS = """
import json, sys
from assistant.cli import main
try:
    main(sys.argv[1:], prog_name="juror-assistant")
except SystemExit:
    pass
loaded = sorted(m for m in sys.modules if m.split(".")[0] in {heavy!r} or m in ("assistant.library.embedding", "assistant.library.model_cache"))
print("MODULES " + json.dumps(loaded))
"""


def imported_by(*args: str) -> tuple[str, list[str]]:
    """Run one command in a fresh process and return its output and the model code it imported."""
    proc = subprocess.run(
        [sys.executable, "-c", _LIST_IMPORTS.format(heavy=set(MODEL_CODE)), *args],
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if not k.startswith("JUROR_")},
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    out, _, modules = proc.stdout.rpartition("MODULES ")
    return out, json.loads(modules)


def test_library_remove_and_help_import_no_model_code(cli_library, tmp_path: Path):
    import shutil

    data = tmp_path / "data"
    shutil.copytree(cli_library[0], data)
    out, modules = imported_by("library", "--data-dir", str(data))
    assert "9 documents" in out and modules == []
    out, modules = imported_by("remove", "welcome-letter.txt", "--data-dir", str(data))
    assert "removed: welcome-letter.txt" in out and modules == []
    out, modules = imported_by("--help")
    assert "Juror Assistant" in out and modules == []
    out, modules = imported_by("ask", "--help")
    assert "--history-file" in out and modules == []


def test_library_says_which_backend_made_the_vectors(cli_library, embeddings):
    data, _, _ = cli_library
    _, out, _ = run("library", "--data-dir", str(data))
    # the default backend, e.g. "onnx-int8 avx512_vnni"
    assert f"Vectors made by: {embeddings.backend} (9 documents)" in out


def test_reembed_brings_a_library_made_by_another_backend_to_this_one(tmp_path: Path, fp32_embeddings, embeddings):
    from assistant.library.library import Library

    folder = tmp_path / "rules"
    folder.mkdir()
    for name in ("amendment-01.md", "welcome-letter.txt"):
        shutil.copy(CORPUS / name, folder / name)
    data = tmp_path / "data"
    Library(make_settings(data, embedding_backend="onnx"), fp32_embeddings).ingest([folder])
    before = Library(make_settings(data), embeddings).mismatch()
    assert before and "juror-assistant reembed" in before  # what jurors' answers say until it is done
    code, out, err = run("reembed", "--data-dir", str(data))
    assert code == 0, err
    for name in ("amendment-01.md", "welcome-letter.txt"):
        assert f"re-embedded: {name} (" in out
    assert f"its vectors were made by the onnx backend; re-embedded with the {embeddings.backend} backend" in out
    _, listing, _ = run("library", "--data-dir", str(data))
    assert f"Vectors made by: {embeddings.backend} (2 documents)" in listing
    assert Library(make_settings(data), embeddings).mismatch() is None
    code, again, _ = run("reembed", "--data-dir", str(data))
    assert code == 0 and "nothing to do" in again and "re-embedded:" not in again
