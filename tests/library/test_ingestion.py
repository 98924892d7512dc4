"""Incremental ingestion with the real model and a real Chroma store: unchanged, updated, renamed, removed,
bad input beside good input, and a process killed in the middle of an ingest."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from support.bad_inputs import files_under, legacy_text_bytes, write_bad_batch

from assistant.config import Settings
from assistant.library.chunking import chunk_document
from assistant.library.library import Library
from assistant.library.loading.files import discover, load_file

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"


def make_settings(data_dir: Path, **kw) -> Settings:
    os.environ.pop("JUROR_CONFIG", None)
    return Settings(data_dir=data_dir, **kw)


class EncodeCounter:
    """Counts the texts the real model is asked to embed (the real encode still runs)."""

    def __init__(self, embeddings, monkeypatch) -> None:
        self.texts = 0
        real = embeddings.encode

        def encode(texts):
            self.texts += len(texts)
            return real(texts)

        monkeypatch.setattr(embeddings, "encode", encode)


def chunk_texts(library: Library, source: str) -> list[str]:
    return [c.text for c in library.store.all_chunks() if c.source == source]


def raw_chunk_texts(library: Library) -> list[str]:
    """Every chunk in the Chroma collection, active or not."""
    got = library.store.chunks.get(include=["documents"])
    return list(got["documents"])


HOUSE_RULES_V1 = """\
---
title: House Rules for the Jury Lounge
kind: regulations
effective_date: 2027-02-01
---

# House Rules for the Jury Lounge

## Article 1 — Lounge

1.1 Opening hours. The jury lounge in Harbour Hall is open from 08:00 to 23:00 every festival day.

1.2 Guests. Jurors may bring one guest to the lounge; guests must be signed in at the desk.

## Article 2 — Refreshments

2.1 Coffee. Coffee and tea are free for jurors at the lounge bar.

2.2 Meals. A cold buffet is served from 12:00 to 14:00; hot meals are served only on deliberation days.
"""

HOUSE_RULES_V2 = (
    HOUSE_RULES_V1.replace("from 08:00 to 23:00", "from 07:30 to 21:00")
    .replace("one guest", "two guests")
    .replace("2.2 Meals. A cold buffet", "2.2 Meals. A warm vegetarian buffet")
)


def library_folder(folder: Path, house_rules: str, extra: dict[str, str] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "house-rules.md").write_text(house_rules, encoding="utf-8")
    shutil.copy(CORPUS / "amendment-01.md", folder / "amendment-01.md")
    for name, text in (extra or {}).items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


# ---------------------------------------------------------------- re-ingest, update, rename, remove


def test_ingesting_the_same_corpus_again_changes_and_embeds_nothing(library_copy: Path, embeddings, monkeypatch):
    library = Library(make_settings(library_copy), embeddings)
    before = {r.source: r.doc_version for r in library.documents()}
    count = library.store.count()
    signature = library.signature()
    counter = EncodeCounter(embeddings, monkeypatch)

    report = library.ingest([CORPUS])

    assert report.ok and report.count("unchanged") == len(before) == 9
    assert report.summary() == "0 added, 0 updated, 9 unchanged, 0 renamed, 0 failed"
    assert counter.texts == 0
    assert library.store.count() == count == sum(r.chunks for r in library.documents())
    assert {r.source: r.doc_version for r in library.documents()} == before
    assert library.signature() == signature


def test_a_documents_vectors_do_not_depend_on_the_documents_loaded_with_it(tmp_path: Path, embeddings):
    """With the default int8 model a text's vector moved with the texts batched beside it (cosine down to 0.98):
    the same regulations loaded alone or beside a whole library got other vectors, and answers at a near tie
    changed. Each text is now encoded on its own, as a question is, so its vectors are the same either way."""
    rules = CORPUS / "jury-regulations.md"
    alone, beside = (
        Library(make_settings(tmp_path / "alone"), embeddings),
        Library(make_settings(tmp_path / "beside"), embeddings),
    )
    assert alone.ingest([rules]).ok
    assert beside.ingest([CORPUS]).ok

    def stored(library: Library) -> dict[str, np.ndarray]:
        chunks = [c for c in library.store.all_chunks() if c.source == rules.name]
        vectors = library.store.chunk_vectors([c.id for c in chunks])
        return {f"{c.section}|{c.text}": v for c, v in zip(chunks, vectors, strict=True)}

    mine, theirs = stored(alone), stored(beside)
    assert mine.keys() == theirs.keys() and mine
    assert max(float(np.abs(mine[k] - theirs[k]).max()) for k in mine) <= 1e-6
    # and a sentence's vector is the one a question-time encode of it gives
    one = alone.store.all_chunks()[0]
    unit = next(iter(alone.store.unit_vectors([f"{one.id}:0"], embeddings.identity).values()))
    assert np.abs(unit[1] - embeddings.encode([unit[0]])[0]).max() <= 1e-6


def test_a_changed_file_replaces_its_old_chunks(tmp_path: Path, embeddings):
    from assistant.answers.assistant import Assistant

    folder = library_folder(tmp_path / "src", HOUSE_RULES_V1)
    settings = make_settings(tmp_path / "data")
    assistant = Assistant.from_settings(settings, embeddings)
    library = assistant.library
    assert library.ingest([folder]).summary() == "2 added, 0 updated, 0 unchanged, 0 renamed, 0 failed"
    old = library.find("house-rules.md")
    assert "from 08:00 to 23:00" in " ".join(chunk_texts(library, "house-rules.md"))

    (folder / "house-rules.md").write_text(HOUSE_RULES_V2, encoding="utf-8")
    report = library.ingest([folder])

    assert [(r.source, r.status) for r in report.results] == [
        ("amendment-01.md", "unchanged"),
        ("house-rules.md", "updated"),
    ]
    new = library.find("house-rules.md")
    assert new.doc_version != old.doc_version and new.sha256 != old.sha256
    everything = " ".join(raw_chunk_texts(library))
    assert "from 08:00 to 23:00" not in everything and "one guest" not in everything  # gone from Chroma itself
    texts = chunk_texts(library, "house-rules.md")
    assert len(texts) == len(set(texts)) == new.chunks == 4
    assert library.store.count() == sum(r.chunks for r in library.documents())
    top = assistant.retrieve("When does the jury lounge open and close?")[0]
    assert top.chunk.source == "house-rules.md" and "from 07:30 to 21:00" in top.chunk.text


def test_a_renamed_identical_file_is_recognised_and_not_embedded(tmp_path: Path, embeddings, monkeypatch):
    folder = library_folder(tmp_path / "src", HOUSE_RULES_V1)
    library = Library(make_settings(tmp_path / "data"), embeddings)
    library.ingest([folder])
    before = library.find("house-rules.md")
    count = library.store.count()

    (folder / "house-rules.md").rename(folder / "lounge-rules.md")
    counter = EncodeCounter(embeddings, monkeypatch)
    report = library.ingest([folder])

    renamed = [r for r in report.results if r.status == "renamed"]
    assert [(r.source, r.message) for r in renamed] == [("lounge-rules.md", "same content as house-rules.md")]
    assert counter.texts == 0
    assert [r.source for r in library.documents()] == ["amendment-01.md", "lounge-rules.md"]
    assert library.store.count() == count
    assert {c.source for c in library.store.all_chunks()} == {"amendment-01.md", "lounge-rules.md"}
    assert library.find("lounge-rules.md").doc_version == before.doc_version
    assert library.original_file(library.find("lounge-rules.md")) is not None
    # A second run changes nothing.
    assert library.ingest([folder]).count("unchanged") == 2


def test_identical_files_under_two_names_are_two_documents_that_can_be_removed_separately(tmp_path: Path, embeddings):
    folder = library_folder(tmp_path / "src", HOUSE_RULES_V1)
    shutil.copy(folder / "house-rules.md", folder / "house-rules-copy.md")
    library = Library(make_settings(tmp_path / "data"), embeddings)
    assert library.ingest([folder]).count("added") == 3
    library.remove("house-rules-copy.md")
    assert [r.source for r in library.documents()] == ["amendment-01.md", "house-rules.md"]
    assert len(chunk_texts(library, "house-rules.md")) == 4
    assert library.store.count() == sum(r.chunks for r in library.documents())


def test_remove_deletes_a_documents_chunks_and_its_copy(tmp_path: Path, embeddings):
    folder = library_folder(tmp_path / "src", HOUSE_RULES_V1)
    library = Library(make_settings(tmp_path / "data"), embeddings)
    library.ingest([folder])
    record = library.find("House Rules for the Jury Lounge")  # by title too
    original = library.original_file(record)
    assert original is not None and original.read_bytes() == (folder / "house-rules.md").read_bytes()

    removed = library.remove("house-rules")
    assert removed.source == "house-rules.md"
    assert [r.source for r in library.documents()] == ["amendment-01.md"]
    assert "jury lounge" not in " ".join(raw_chunk_texts(library)).lower()
    assert library.store.count() == library.find("amendment-01.md").chunks
    assert not original.exists()
    from assistant.errors import DocumentNotFound

    with pytest.raises(DocumentNotFound, match="no document 'house-rules.md'"):
        library.remove("house-rules.md")


def test_changed_organiser_metadata_or_chunk_size_re_embeds(tmp_path: Path, embeddings, monkeypatch):
    folder = library_folder(tmp_path / "src", HOUSE_RULES_V1)
    library = Library(make_settings(tmp_path / "data"), embeddings)
    library.ingest([folder / "house-rules.md"])
    assert (
        library.ingest([folder / "house-rules.md"], overrides={"effective_date": "2027-02-01"}).count("unchanged") == 1
    )
    updated = library.ingest([folder / "house-rules.md"], overrides={"effective_date": "2027-03-01"})
    assert updated.count("updated") == 1 and library.find("house-rules.md").effective_date == "2027-03-01"
    smaller = Library(make_settings(tmp_path / "data", chunk_chars=300), embeddings)
    counter = EncodeCounter(embeddings, monkeypatch)
    assert smaller.ingest([folder / "house-rules.md"]).count("updated") == 1
    assert counter.texts > 0


def stored_vectors(library: Library, source: str) -> tuple[list[str], np.ndarray]:
    """(embedding texts, stored vectors) of one document's active passages."""
    from assistant.library.chunking import embedding_text

    chunks = [c for c in library.store.all_chunks() if c.source == source]
    got = library.store.chunks.get(ids=[c.id for c in chunks], include=["embeddings"])
    by_id = dict(zip(got["ids"], got["embeddings"], strict=True))
    return [embedding_text(c) for c in chunks], np.asarray([by_id[c.id] for c in chunks], dtype=np.float32)


def test_a_load_with_another_backend_re_embeds_the_whole_library_and_says_so(
    tmp_path: Path, int8_embeddings, torch_embeddings
):
    """A library made by torch, then one file loaded with the int8 backend: that file and every other document
    get int8 vectors (passages, units, words), the report says why, and nothing is left to mix."""
    from assistant.answers.assistant import Assistant
    from assistant.text import vocabulary

    folder = library_folder(tmp_path / "src", HOUSE_RULES_V1)
    data = tmp_path / "data"
    old = Library(make_settings(data, embedding_backend="torch"), torch_embeddings)
    assert old.ingest([folder]).count("added") == 2
    new = Library(make_settings(data, embedding_backend="onnx-int8"), int8_embeddings)
    asked = Assistant.from_settings(make_settings(data, embedding_backend="onnx-int8"), int8_embeddings).ask(
        "Who may come to the jury lounge?", log=False
    )
    assert any("embedded by the torch backend (2 documents)" in n and int8_embeddings.backend in n for n in asked.notes)

    report = new.ingest([folder / "house-rules.md"])

    made = f"its vectors were made by the torch backend; re-embedded with the {int8_embeddings.backend} backend"
    assert [(r.source, r.status, r.message) for r in report.results] == [
        ("house-rules.md", "updated", made),
        ("amendment-01.md", "re-embedded", made),
    ]
    assert "1 re-embedded" in report.summary()
    assert new.embedders() == {int8_embeddings.identity: ["amendment-01.md", "house-rules.md"]}
    record = new.find("amendment-01.md")
    assert (
        record.pipeline.endswith(f"; {int8_embeddings.identity}")
        and record.loaded_at == old.find("amendment-01.md").loaded_at
    )
    for source in ("amendment-01.md", "house-rules.md"):
        texts, vectors = stored_vectors(new, source)
        # Not torch's vectors any more; int8 ones (not bit-equal to a fresh encode: int8 activations are
        # quantised per batch, and ingestion batches passages, units and words together).
        assert np.abs(vectors - torch_embeddings.encode(texts)).max() > 1e-3
        assert (vectors * int8_embeddings.encode(texts)).sum(axis=1).min() > 0.98
    chunks = new.store.all_chunks()
    vocab = sorted({w for c in chunks for w in vocabulary(f"{c.section} {c.text}")})
    assert new.store.known_words(vocab, int8_embeddings.identity) == set(vocab)
    assert new.store.known_words(vocab, torch_embeddings.identity) == set()
    from assistant.library.ingestion import unit_records_of

    unit_ids = [r[0] for c in chunks for r in unit_records_of(c)]
    assert len(new.store.unit_vectors(unit_ids, int8_embeddings.identity)) == len(unit_ids)
    assert new.store.chunk_versions() == set(new.store.active_versions())  # the torch versions are gone
    after = Assistant.from_settings(make_settings(data, embedding_backend="onnx-int8"), int8_embeddings).ask(
        "Who may come to the jury lounge?", log=False
    )
    assert not any("embedded by" in n for n in after.notes)

    # Loaded again with the same backend: nothing to do. Back on torch: re-embedded the other way.
    assert new.ingest([folder]).count("unchanged") == 2
    back = Library(make_settings(data, embedding_backend="torch"), torch_embeddings).ingest(
        [folder / "amendment-01.md"]
    )
    assert [r.status for r in back.results] == ["updated", "re-embedded"]


def test_a_library_recorded_before_backends_were_named_counts_as_torch(tmp_path: Path, torch_embeddings):
    folder = library_folder(tmp_path / "src", HOUSE_RULES_V1)
    library = Library(make_settings(tmp_path / "data", embedding_backend="torch"), torch_embeddings)
    library.ingest([folder])
    for record in library.documents():  # the pipeline as releases before this one wrote it: no backend named
        assert record.pipeline.endswith("; model; torch")
        library.store.set_document(replace(record, pipeline=record.pipeline.removesuffix("; torch")))
    assert library.ingest([folder]).count("unchanged") == 2
    assert library.mismatch() is None


def test_unit_texts_are_read_from_libraries_of_either_layout(tmp_path: Path, embeddings):
    """Units keep their text in metadata (Chroma would full-text index a document); a library written before
    kept it as the document, and its units must still come back with their text."""
    folder = library_folder(tmp_path / "src", HOUSE_RULES_V1)
    library = Library(make_settings(tmp_path / "data"), embeddings)
    library.ingest([folder])
    store = library.store
    stored = store.units.get(include=["documents", "metadatas"], limit=5)
    assert stored["ids"] and all(doc is None for doc in stored["documents"])
    assert all((meta or {}).get("text") for meta in stored["metadatas"])
    vectors = embeddings.encode(["The President of the jury breaks a tie."])
    store.units.upsert(  # a unit as the earlier layout wrote it
        ids=["old-chunk:0"],
        embeddings=vectors,
        documents=["The President of the jury breaks a tie."],
        metadatas=[{"doc_version": "old", "embedder": embeddings.identity}],
    )
    got = store.unit_vectors([*stored["ids"], "old-chunk:0", "no-such-unit"], embeddings.identity)
    assert got["old-chunk:0"][0] == "The President of the jury breaks a tie."
    assert np.allclose(got["old-chunk:0"][1], vectors[0], atol=1e-6)
    for uid, meta in zip(stored["ids"], stored["metadatas"], strict=True):
        assert got[uid][0] == meta["text"]
    assert "no-such-unit" not in got


# ---------------------------------------------------------------- bad input beside good input


def test_bad_files_fail_one_line_each_while_good_files_load_and_the_library_is_untouched(
    library_copy: Path, tmp_path: Path, embeddings
):
    folder = tmp_path / "batch"
    expected = write_bad_batch(folder, big_bytes=2 * 1024 * 1024)
    (folder / "frais.txt").write_bytes(legacy_text_bytes())
    (folder / "house-rules.md").write_text(HOUSE_RULES_V1, encoding="utf-8")
    library = Library(make_settings(library_copy, max_file_mb=2), embeddings)
    before = {r.source: r.doc_version for r in library.documents()}
    count = library.store.count()

    (folder / "scores.ods").write_bytes(b"a spreadsheet a folder scan passes over")
    report = library.ingest([folder, folder / "budget.xlsx", tmp_path / "missing.md"])

    failed = {r.source: r.message for r in report.failed}
    assert set(failed) == {*expected, str(tmp_path / "missing.md")}
    for name, words in expected.items():
        assert words in failed[name], (name, failed[name])
        assert "\n" not in failed[name] and "Traceback" not in failed[name]
    assert failed[str(tmp_path / "missing.md")] == "no such file or folder"
    assert {r.source: r.status for r in report.results if r.status != "failed"} == {
        "frais.txt": "added",
        "house-rules.md": "added",
    }
    assert report.warnings == [
        "frais.txt: not UTF-8; read as Windows-1252 (legacy encoding)",
        "scores.ods: skipped, unsupported file type '.ods'",
    ]
    assert "25 € par jour" in " ".join(chunk_texts(library, "frais.txt"))
    after = {r.source: r.doc_version for r in library.documents()}
    assert {k: after[k] for k in before} == before
    assert library.store.count() == count + library.find("frais.txt").chunks + library.find("house-rules.md").chunks


def test_an_upload_with_path_tricks_is_stored_under_a_safe_name_inside_the_data_folder(tmp_path: Path, embeddings):
    data = tmp_path / "data"
    outside_before = files_under(tmp_path) - files_under(data)
    library = Library(make_settings(data), embeddings)

    report = library.ingest_upload("../../etc/passwd.md", HOUSE_RULES_V1.encode())

    assert [(r.source, r.status) for r in report.results] == [("passwd.md", "added")]
    assert report.warnings[0] == "'../../etc/passwd.md': unsafe file name; stored as 'passwd.md'"
    assert files_under(tmp_path) - files_under(data) == outside_before
    assert all(p.resolve().is_relative_to(data.resolve()) for p in files_under(data))
    stored = library.original_file(library.find("passwd.md"))
    assert stored is not None and stored.parent == data / "files"


# ---------------------------------------------------------------- a process killed mid-ingest

KILLER = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from assistant.config import Settings
    from assistant.library.library import Library
    from assistant.library.store import LibraryStore

    data, folder, kill_at, target = sys.argv[1:5]
    real_set, real_delete = LibraryStore.set_document, LibraryStore.delete_version

    def set_document(self, record):
        if kill_at == "before-switch" and record.source == target:
            os.kill(os.getpid(), signal.SIGKILL)  # new chunks are in; the manifest still names the old version
        return real_set(self, record)

    def delete_version(self, version):
        if kill_at == "after-switch":
            os.kill(os.getpid(), signal.SIGKILL)  # the manifest names the new version; old chunks still there
        return real_delete(self, version)

    LibraryStore.set_document, LibraryStore.delete_version = set_document, delete_version
    Library(Settings(data_dir=Path(data))).ingest([Path(folder)])
    print("not killed")
    """
)


def expected_texts(path: Path) -> list[str]:
    return [c.text for c in chunk_document(load_file(path))]


@pytest.mark.parametrize("kill_at", ["before-switch", "after-switch"])
def test_a_killed_ingest_leaves_each_document_old_or_new_and_the_next_run_finishes(
    kill_at: str, tmp_path: Path, embeddings
):
    from assistant.answers.assistant import Assistant

    src = library_folder(
        tmp_path / "src", HOUSE_RULES_V1, {"welcome-letter.txt": (CORPUS / "welcome-letter.txt").read_text()}
    )
    old = {p.name: expected_texts(p) for p in discover([src])}
    first = tmp_path / "first"
    Library(make_settings(first), embeddings).ingest([src])
    data = tmp_path / "data"
    shutil.copytree(first, data)  # a folder this process has never opened, so nothing of it is cached here

    (src / "house-rules.md").write_text(HOUSE_RULES_V2, encoding="utf-8")
    (src / "welcome-letter.txt").write_text(
        (src / "welcome-letter.txt").read_text().replace("thank you for accepting", "thank you warmly for accepting")
    )
    new = {p.name: expected_texts(p) for p in discover([src])}
    script = tmp_path / "killer.py"
    script.write_text(KILLER)
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUROR_")}
    proc = subprocess.run(
        [sys.executable, str(script), str(data), str(src), kill_at, "welcome-letter.txt"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == -9, proc.stdout + proc.stderr

    assistant = Assistant.from_settings(make_settings(data), embeddings)
    library = assistant.library
    assert [r.source for r in library.documents()] == ["amendment-01.md", "house-rules.md", "welcome-letter.txt"]
    state = {}
    for name in new:
        texts = chunk_texts(library, name)
        assert texts in (old[name], new[name]), f"{name} is a mix of two versions"
        state[name] = "new" if texts == new[name] else "old"
    # Both kill points come after house-rules.md was switched and before welcome-letter.txt was.
    assert (state["house-rules.md"], state["welcome-letter.txt"]) == ("new", "old")
    assert library.store.count() > sum(r.chunks for r in library.documents())  # stray chunks are there...
    top = assistant.retrieve("When does the jury lounge open and close?")[0]  # ...but never seen
    assert top.chunk.source == "house-rules.md" and "from 07:30 to 21:00" in top.chunk.text
    active = {r.doc_version for r in library.documents()}
    hits = assistant.retriever.dense("jury lounge opening hours", k=20)
    assert len(hits) == 20 and all(c.doc_version in active for c, _ in hits)

    report = library.ingest([src])

    assert report.ok and report.swept >= 1
    assert {r.source: r.status for r in report.results}["welcome-letter.txt"] == "updated"
    assert {r.source: r.status for r in report.results}["house-rules.md"] == "unchanged"
    for name in new:
        assert chunk_texts(library, name) == new[name]
    assert library.store.count() == sum(r.chunks for r in library.documents())


def test_a_rename_cut_short_shows_one_document_and_is_finished_by_the_next_run(tmp_path: Path, embeddings):
    """Killed between writing the new manifest entry and dropping the old one: both entries share the chunks."""
    from dataclasses import replace

    folder = library_folder(tmp_path / "src", HOUSE_RULES_V1)
    library = Library(make_settings(tmp_path / "data"), embeddings)
    library.ingest([folder])
    old = library.find("house-rules.md")
    library.store.rename_version(old.doc_version, "lounge-rules.md")
    library.store.set_document(replace(old, source="lounge-rules.md", renamed_from="house-rules.md"))
    # The crash happened here. Readers still see each chunk once, under one name.
    chunks = [c for c in library.store.all_chunks() if c.doc_version == old.doc_version]
    assert len(chunks) == old.chunks and len({c.source for c in chunks}) == 1

    (folder / "house-rules.md").rename(folder / "lounge-rules.md")
    report = library.ingest([folder])
    assert {r.source: r.status for r in report.results} == {
        "amendment-01.md": "unchanged",
        "lounge-rules.md": "unchanged",
    }
    assert [r.source for r in library.documents()] == ["amendment-01.md", "lounge-rules.md"]
    assert {c.source for c in library.store.all_chunks()} == {"amendment-01.md", "lounge-rules.md"}
    library.remove("lounge-rules.md")
    assert library.store.count() == library.find("amendment-01.md").chunks


def test_a_manifest_in_the_older_layout_is_read_and_upgraded(tmp_path: Path, embeddings):
    folder = library_folder(tmp_path / "src", HOUSE_RULES_V1)
    library = Library(make_settings(tmp_path / "data"), embeddings)
    library.ingest([folder])
    signature = library.signature()
    for record in library.documents():  # as written before the version led the manifest text
        library.store.docs.upsert(
            ids=[record.source], embeddings=[[1.0]], documents=[record.title], metadatas=[record.metadata()]
        )
    assert library.signature() == signature
    assert len(library.store.all_chunks()) == library.store.count()
    assert library.store.repair_manifest() == 2 and library.store.repair_manifest() == 0
    assert library.signature() == signature


def test_a_second_writer_is_refused_with_a_clear_message_and_changes_nothing(tmp_path: Path, embeddings):
    """Two loads into one folder at once would let one's sweep delete the other's not-yet-switched chunks."""
    from assistant.errors import LibraryBusy

    data = tmp_path / "data"
    library = Library(make_settings(data), embeddings)
    assert library.ingest([CORPUS / "glossary.md"]).ok
    before = library.store.count()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from assistant.library.locking import exclusive_writer\n"
            "with exclusive_writer(Path(sys.argv[1])):\n    print('held', flush=True); time.sleep(60)",
            str(data),
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(LibraryBusy, match=rf"another load or removal is running .*\(pid {holder.pid}, since"):
            library.ingest([CORPUS / "welcome-letter.txt"])
        with pytest.raises(LibraryBusy, match="nothing was changed"):
            library.remove("glossary.md")
        assert library.store.count() == before
        assert [d.source for d in library.documents()] == ["glossary.md"]
    finally:
        holder.kill()
        holder.wait()
    # a writer that dies releases the lock with it
    assert library.ingest([CORPUS / "welcome-letter.txt"]).ok
    assert {d.source for d in library.documents()} == {"glossary.md", "welcome-letter.txt"}
