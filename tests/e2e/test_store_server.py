"""The same library code against a real Chroma server (`chroma run` on 127.0.0.1), as a festival shares one library."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.processes import free_port, start_chroma, stop_process

from assistant.config import Settings

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path]]:
    path = tmp_path_factory.mktemp("chroma-server")
    proc, port = start_chroma(path, path.parent / f"{path.name}.log")
    try:
        yield port, path
    finally:
        stop_process(proc, timeout=20)


def test_ingest_and_ask_through_a_chroma_server(chroma_server, tmp_path: Path, embeddings):
    from assistant.answers.assistant import Assistant

    port, server_path = chroma_server
    os.environ.pop("JUROR_CONFIG", None)
    folder = tmp_path / "rules"
    folder.mkdir()
    for name in ("amendment-01.md", "code-of-conduct.pdf"):
        shutil.copy(CORPUS / name, folder / name)
    data = tmp_path / "data"
    settings = Settings(data_dir=data, chroma_host="127.0.0.1", chroma_port=port)  # type: ignore[call-arg]
    assistant = Assistant.from_settings(settings, embeddings)

    report = assistant.library.ingest([folder])

    assert report.summary() == "2 added, 0 updated, 0 unchanged, 0 renamed, 0 failed"
    assert not (data / "chroma").exists()  # the vectors went to the server, not to a local store
    assert any(server_path.iterdir())
    passages = assistant.retrieve("How much is the gift limit now?")
    assert passages and passages[0].chunk.source == "amendment-01.md" and "EUR 25" in passages[0].chunk.text
    store = assistant.library.store
    hits = assistant.retriever.dense("declare a conflict of interest within 48 hours", k=3)
    assert hits[0][0].source == "code-of-conduct.pdf" and hits[0][0].page == 4

    # A second organiser's machine, same server: sees the library and changes nothing on re-ingest.
    other = Assistant.from_settings(
        Settings(data_dir=tmp_path / "elsewhere", chroma_host="127.0.0.1", chroma_port=port),  # type: ignore[call-arg]
        embeddings,
    )
    assert [r.source for r in other.library.documents()] == ["amendment-01.md", "code-of-conduct.pdf"]
    again = other.library.ingest([folder])
    assert again.count("unchanged") == 2 and other.library.store.count() == store.count()
    other.library.remove("amendment-01.md")
    assert [r.source for r in assistant.library.documents()] == ["code-of-conduct.pdf"]
    assert store.count() == assistant.library.find("code-of-conduct.pdf").chunks


def test_an_unreachable_server_is_one_clear_error(tmp_path: Path):
    from assistant.errors import StoreError
    from assistant.library.library import Library

    port = free_port()  # nothing listens there
    library = Library(Settings(data_dir=tmp_path, chroma_host="127.0.0.1", chroma_port=port))  # type: ignore[call-arg]
    with pytest.raises(StoreError, match=f"cannot open the library at Chroma server 127.0.0.1:{port}"):
        library.documents()


def test_a_shared_server_keeps_another_ingests_fresh_chunks_but_sweeps_old_strays(
    chroma_server, tmp_path: Path, embeddings
):
    """Two organisers may ingest at once: chunks written seconds ago may be about to become active."""
    from dataclasses import replace

    from assistant.library.library import Library
    from assistant.library.store import new_version

    port, _ = chroma_server
    settings = Settings(data_dir=tmp_path, chroma_host="127.0.0.1", chroma_port=port, collection="strays")  # type: ignore[call-arg]
    library = Library(settings, embeddings)
    library.ingest([CORPUS / "welcome-letter.txt"])
    store = library.store
    live = store.all_chunks()
    fresh = [replace(c, id=f"{c.id}-fresh", doc_version=new_version("f" * 20)) for c in live[:2]]
    old = [replace(c, id=f"{c.id}-old", doc_version="0" * 20) for c in live[:3]]
    vectors = embeddings.encode([c.text for c in live[:2]])
    store.put_chunks(fresh, vectors)
    store.put_chunks(old, embeddings.encode([c.text for c in live[:3]]))
    assert store.collect_garbage() == 1  # the old stray version only
    assert store.count() == len(live) + len(fresh)
    assert store.all_chunks() == live  # strays are never visible


def test_a_running_store_finds_the_library_again_after_another_machine_made_it_anew(
    chroma_server, tmp_path: Path, embeddings
):
    """Another organiser deleted the collections on the server and loaded the rules again: the running app's
    collection handles point at collections that no longer exist, and it must reconnect, not fail."""
    import chromadb

    from assistant.answers.assistant import Assistant

    port, _ = chroma_server
    settings = Settings(data_dir=tmp_path / "app", chroma_host="127.0.0.1", chroma_port=port, collection="anew")  # type: ignore[call-arg]
    app = Assistant.from_settings(settings, embeddings)
    app.library.ingest([CORPUS / "welcome-letter.txt"])
    assert [r.source for r in app.library.documents()] == ["welcome-letter.txt"]

    admin = chromadb.HttpClient(host="127.0.0.1", port=port)
    for name in ("anew", "anew__documents"):
        admin.delete_collection(name)
    other = Assistant.from_settings(settings.model_copy(update={"data_dir": tmp_path / "other"}), embeddings)
    other.library.ingest([CORPUS / "amendment-01.md"])

    assert [r.source for r in app.library.documents()] == ["amendment-01.md"]
    assert app.retrieve("How much is the gift limit now?")[0].chunk.source == "amendment-01.md"
