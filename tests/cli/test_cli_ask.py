"""`juror-assistant ask` run for real in a subprocess over the ingested sample library."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from support.processes import free_port

CLI = Path(sys.executable).with_name("juror-assistant")


def run(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUROR_")}
    env.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", ANONYMIZED_TELEMETRY="False", NO_COLOR="1")
    return subprocess.run([str(CLI), "ask", *args], capture_output=True, text=True, timeout=timeout, env=env)


def test_ask_json_has_the_contract_shape_and_a_cited_answer(library_dir):
    proc = run("Can jurors take part in a vote by video link?", "--json", "--data-dir", str(library_dir))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["abstained"] is False
    assert isinstance(data["answer"], str) and data["answer"]
    assert isinstance(data["latency_ms"], int | float) and data["latency_ms"] > 0
    assert data["citations"]
    for c in data["citations"]:
        assert set(c) == {"n", "source", "title", "section", "page", "quote"}
        assert c["quote"] and c["source"]
    ns = [c["n"] for c in data["citations"]]
    assert ns == list(range(1, len(ns) + 1))
    assert {int(n) for n in re.findall(r"\[(\d+)\]", data["answer"])} == set(ns)
    assert len(data["contexts"]) >= 5
    for ctx in data["contexts"]:
        assert {"source", "section", "page", "text", "score"} <= set(ctx)
    # each quote is words from a retrieved passage of the same document, not a whole chunk
    for c in data["citations"]:
        assert any(
            c["quote"].split(" … ")[0] in ctx["text"] and ctx["source"] == c["source"] for ctx in data["contexts"]
        )
    cited = " ".join(c["quote"] for c in data["citations"]).lower()
    assert "video link" in cited or "remote" in cited


def test_ask_human_output_shows_citations_and_abstains_plainly(library_copy):
    proc = run("What is the boiling point of mercury in kelvin?", "--data-dir", str(library_copy))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("Not answered (abstained):")
    assert "Related passages (may help):" in proc.stdout
    assert "Sources:" not in proc.stdout


def test_follow_up_from_history_file_and_a_dead_chat_endpoint(library_dir, tmp_path):
    history = tmp_path / "chat.json"
    history.write_text(
        json.dumps([{"role": "user", "content": "How many members of the feature jury must be present for a vote?"}])
    )
    url = f"http://127.0.0.1:{free_port()}/v1"
    proc = run(
        "and for the short film jury?",
        "--history-file",
        str(history),
        "--data-dir",
        str(library_dir),
        "--answerer",
        "openai",
        "--llm-base-url",
        url,
        "--llm-model",
        "smollm2",
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    assert "Sources:" in proc.stdout and re.search(r"\[1\] .+\(.+\)", proc.stdout)
    assert re.search(r"short", proc.stdout, re.I)
    assert f"note: The chat model could not answer (cannot reach {url}" in proc.stdout


def test_bad_input_is_one_line_not_a_traceback(library_dir, tmp_path):
    missing_url = run("Who breaks a tie?", "--data-dir", str(library_dir), "--answerer", "openai", "--llm-model", "m")
    assert missing_url.returncode == 1
    assert missing_url.stderr.strip().startswith("Error:") and "JUROR_LLM_BASE_URL" in missing_url.stderr
    assert len(missing_url.stderr.strip().splitlines()) == 1
    bad = tmp_path / "history.json"
    bad.write_text('[{"role": "user"')
    broken = run("and for shorts?", "--data-dir", str(library_dir), "--history-file", str(bad))
    assert broken.returncode == 1 and "Traceback" not in broken.stderr
    assert broken.stderr.strip() == f"Error: history file {bad}: not valid JSON (line 1: Expecting ',' delimiter)"


def test_a_damaged_store_is_named_with_what_to_do_and_left_as_it_was(library_copy):
    store = library_copy / "chroma" / "chroma.sqlite3"
    data = bytearray(store.read_bytes())
    data[100:4000] = bytes(3900)  # the SQLite header and first pages overwritten, as a failed disk leaves them
    store.write_bytes(bytes(data))
    proc = run("Who breaks a tie?", "--data-dir", str(library_copy))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert f"cannot open the library at data folder {library_copy}" in proc.stderr
    assert "load the documents again into a new data folder" in proc.stderr
    assert store.read_bytes() == bytes(data), "the damaged file is left for whoever repairs it"


_ASK_LISTING_IMPORTS = """
import json, sys
from assistant.cli import main
try:
    main(sys.argv[1:], prog_name="juror-assistant")
except SystemExit as exc:
    assert not exc.code, exc.code
heavy = ("torch", "transformers", "sentence_transformers", "optimum", "sklearn", "langsmith")
print("MODULES " + json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in heavy)))
"""


def test_a_cli_question_on_an_onnx_library_imports_no_torch_or_transformers(library_dir):
    """The whole `ask` command in a fresh process on the default (ONNX) backend: the answer comes from the ONNX
    file through onnxruntime, and neither PyTorch, transformers, sentence-transformers nor LangChain's tracing
    (langsmith) is imported, which is what lets a scripted `ask --json` start in well under 2 seconds."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUROR_")}
    args = ["ask", "Can jurors take part in a vote by video link?", "--json", "--data-dir", str(library_dir)]
    proc = subprocess.run(
        [sys.executable, "-c", _ASK_LISTING_IMPORTS, *args], capture_output=True, text=True, env=env, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    answer, _, modules = proc.stdout.rpartition("MODULES ")
    assert json.loads(answer)["citations"]
    assert json.loads(modules) == []
