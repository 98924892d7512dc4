"""The Streamlit app driven through AppTest over real data: the real model, Chroma store and logbook.

Each test gets a writable copy of the ingested sample library (JUROR_DATA_DIR) so changes stay private.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from support.apptest_helpers import open_app
from support.library import CORPUS

from assistant.config import Settings
from assistant.library.library import Library
from assistant.organiser.logbook import Logbook
from assistant.ui.format import conversation_markdown
from assistant.ui.resources import SAMPLE_MARKER

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
PASSPHRASE = "harbour lights 2027"
TIMEOUT = 240

CITED_QUESTION = "What is the gift limit?"
NOT_IN_RULES = "What is the wifi password in the jury office?"  # no document speaks of wifi
FALCON_DOC = b"""# Falconry Rules for Jurors

## Article 1 \xe2\x80\x94 Falcons at screenings

1.1 A juror may bring one trained falcon to press screenings, provided the falcon wears a leather hood at all times.

## Annex \xe2\x80\x94 Perch diagram
"""
FALCON_QUESTION = "May jurors bring a falcon to press screenings?"


def plain(markdown: str) -> str:
    """What the reader sees: Markdown escapes and emphasis removed."""
    text = re.sub(r"\\(.)", r"\1", markdown)
    text = re.sub(r":orange-background\[(.*?)\]", r"\1", text)
    return text.replace("**", "")


def shown(at: AppTest) -> str:
    parts = [
        e.value for kind in (at.title, at.markdown, at.caption, at.warning, at.info, at.error, at.success) for e in kind
    ]
    return plain("\n".join(str(p) for p in parts))


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """AppTest factory over a given data folder, isolated from the developer's environment."""

    def make(data_dir: Path, passphrase: str | None = None) -> AppTest:
        return open_app(monkeypatch, tmp_path, data_dir, passphrase, timeout=TIMEOUT)

    return make


def ask(at: AppTest, question: str) -> AppTest:
    at.chat_input[0].set_value(question).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def login(at: AppTest, passphrase: str) -> AppTest:
    at.switch_page("app_pages/library.py").run()
    at.text_input(key="organiser_passphrase_input").input(passphrase)
    at.button[0].click().run()
    return at


def settings_for(data_dir: Path) -> Settings:
    return Settings(data_dir=data_dir)  # type: ignore[call-arg]


def doc_names(data_dir: Path) -> set[str]:
    return {r.source for r in Library(settings_for(data_dir)).documents()}


# ------------------------------------------------------------ Ask
def test_empty_chat_offers_starter_questions_and_a_starter_gets_answered(app, library_copy: Path) -> None:
    at = app(library_copy).run()
    assert not at.exception
    starters = [b for b in at.button if b.key and b.key.startswith("starter-")]
    assert len(starters) >= 4
    starters[0].click().run()
    assert not at.exception
    roles = [m.name for m in at.chat_message]
    assert roles == ["user", "assistant"]
    assert plain(at.chat_message[0].markdown[0].value) == starters[0].label
    # starters make way for the conversation
    assert not [b for b in at.button if b.key and b.key.startswith("starter-")]


def test_cited_answer_opens_its_source_passage_with_the_quote_highlighted(app, library_copy: Path) -> None:
    at = ask(app(library_copy).run(), CITED_QUESTION)
    answer = at.chat_message[1]
    assert "[1]" in plain(answer.markdown[0].value)
    record = at.session_state["chat"][-1]["record"]
    assert not record["abstained"] and record["citations"]
    first = record["citations"][0]
    assert first["source"] in doc_names(library_copy)
    cited = at.expander[0]
    assert plain(cited.label).startswith(f"[1] {first['title']}")
    body = [m.value for m in cited.markdown]
    assert any(":orange-background[**" in m for m in body), "the supporting words are highlighted"
    passage = " ".join(first["passage"].split())
    assert any(" ".join(plain(m).split()) == passage for m in body), "the cited passage is shown in full"
    assert [b.label for b in cited.download_button] == [f"Download the original ({first['source']})"]


def test_a_pdf_citation_shows_its_page_on_request(app, library_copy: Path) -> None:
    at = ask(app(library_copy).run(), "Is it forbidden to reveal how other jurors voted?")
    first = at.session_state["chat"][-1]["record"]["citations"][0]
    assert first["source"] == "code-of-conduct.pdf" and first["page"]
    show = at.expander[0].toggle[0]
    assert show.label == f"Show page {first['page']} of the PDF, the quoted words marked"
    assert not at.expander[0].get("image")
    show.set_value(True).run()
    assert not at.exception, [e.value for e in at.exception]
    images = at.expander[0].get("image")
    assert len(images) == 1 and len(images[0].value) == 1
    assert images[0].captions == [f"code-of-conduct.pdf, page {first['page']}"]


def test_abstention_is_shown_as_such_with_related_passages_and_logged(app, library_copy: Path) -> None:
    at = ask(app(library_copy).run(), NOT_IN_RULES)
    assert "does not answer" in plain(at.chat_message[1].warning[0].value)
    related = [plain(e.label) for e in at.expander]
    assert related and all(label.startswith("Related") for label in related)
    assert "[1]" not in shown(at)
    logged = Logbook.in_folder(library_copy).unanswered()
    assert [e["question"] for e in logged] == [NOT_IN_RULES]


def test_follow_up_question_is_understood_from_the_conversation(app, library_copy: Path) -> None:
    at = ask(app(library_copy).run(), CITED_QUESTION)
    at = ask(at, "Has it changed?")
    assert [m.name for m in at.chat_message] == ["user", "assistant", "user", "assistant"]
    record = at.session_state["chat"][-1]["record"]
    assert "gift" in record["standalone_question"].lower(), "the history reached the assistant"


def test_feedback_with_comment_is_stored_in_the_logbook(app, library_copy: Path) -> None:
    at = ask(app(library_copy).run(), CITED_QUESTION)
    at.feedback[0].set_value(0).run()
    at.text_input(key=next(t.key for t in at.text_input if t.key and t.key.startswith("fbc-"))).input(
        "Quote is from the old rule"
    )
    at.button(key=next(b.key for b in at.button if b.key and b.key.startswith("fbs-"))).click().run()
    assert not at.exception
    stored = Logbook.in_folder(library_copy).feedback()
    assert len(stored) == 1
    assert stored[0]["question"] == CITED_QUESTION
    assert stored[0]["score"] == 0
    assert stored[0]["comment"] == "Quote is from the old rule"
    assert stored[0]["citations"][0]["source"] == at.session_state["chat"][-1]["record"]["citations"][0]["source"]
    assert "Feedback saved" in shown(at)
    assert not at.feedback, "one rating per answer"


def test_export_holds_questions_answers_and_citations(app, library_copy: Path) -> None:
    at = app(library_copy).run()
    export = next(b for b in at.download_button if b.key == "export_conversation")
    assert export.proto.disabled, "nothing to export yet"
    at = ask(ask(at, CITED_QUESTION), NOT_IN_RULES)
    chat = at.session_state["chat"]
    text = conversation_markdown(chat)
    first = chat[1]["record"]["citations"][0]
    assert f"## Q: {CITED_QUESTION}" in text
    assert f"## Q: {NOT_IN_RULES}" in text
    assert chat[1]["content"] in text
    assert f"[1] {first['title']}" in text and f"({first['source']})" in text
    assert "Closest passages (not an answer)" in text
    export = next(b for b in at.download_button if b.key == "export_conversation")
    assert not export.proto.disabled


def test_new_conversation_clears_the_chat(app, library_copy: Path) -> None:
    at = ask(app(library_copy).run(), CITED_QUESTION)
    at.button(key="new_conversation").click().run()
    assert not at.chat_message
    assert at.session_state["chat"] == []
    assert any(b.key and b.key.startswith("starter-") for b in at.button)


def test_ask_page_offers_no_way_to_change_the_library(app, library_copy: Path) -> None:
    at = ask(app(library_copy, passphrase=PASSPHRASE).run(), CITED_QUESTION)
    assert not at.file_uploader
    labels = {b.label for b in at.button}
    assert not labels & {"Remove", "Load into the library", "Log in"}


def test_empty_library_says_how_to_load_one(app, fresh_dir: Path) -> None:
    (fresh_dir / SAMPLE_MARKER).write_text("already offered")
    at = app(fresh_dir).run()
    assert not at.exception
    assert "library is empty" in shown(at)
    at = ask(at, CITED_QUESTION)
    assert "library is empty" in plain(at.chat_message[1].warning[0].value)


# ------------------------------------------------------------ Library (organisers)
def test_library_without_configured_passphrase_explains_setup_and_offers_no_changes(app, library_copy: Path) -> None:
    at = app(library_copy).run()
    at.switch_page("app_pages/library.py").run()
    assert "JUROR_ORGANISER_PASSPHRASE" in shown(at)
    assert not at.file_uploader and not at.text_input and not at.button


def test_organiser_login_refused_then_accepted(app, library_copy: Path) -> None:
    at = login(app(library_copy, passphrase=PASSPHRASE).run(), "harbour lights 2026")
    assert [e.value for e in at.error] == ["Wrong passphrase."]
    assert not at.file_uploader
    at.text_input(key="organiser_passphrase_input").input(PASSPHRASE)
    at.button[0].click().run()
    assert not at.error and not at.exception
    assert len(at.file_uploader) == 1
    table = at.dataframe[0].value
    assert set(table["Document"]) == doc_names(library_copy)
    assert {"Kind", "Effective date", "Passages", "Loaded at"} <= set(table.columns)
    # the read-only settings tab shows the answerer configuration
    settings_table = at.table[0].value
    assert "answerer" in set(settings_table["Setting"])
    # Quality is reachable now, and not before
    at.switch_page("app_pages/quality.py").run()
    assert "organiser_passphrase_input" not in {t.key for t in at.text_input}, "no second login"


def test_quality_page_needs_the_organiser_login(app, library_copy: Path) -> None:
    at = app(library_copy, passphrase=PASSPHRASE).run()
    at.switch_page("app_pages/quality.py").run()
    assert at.text_input(key="organiser_passphrase_input")
    assert "organisers" in shown(at)


def test_upload_is_embedded_and_answers_the_next_juror_question(app, library_copy: Path) -> None:
    at = login(app(library_copy, passphrase=PASSPHRASE).run(), PASSPHRASE)
    at.file_uploader[0].set_value(
        [("falconry rules.md", FALCON_DOC, "text/markdown"), ("broken.pdf", b"%PDF-1.4 not really", "application/pdf")]
    )
    at.run()
    at.button(key="load_uploads").click().run()
    assert not at.exception
    results = next(d.value for d in at.dataframe if "Result" in d.value.columns)
    outcome = dict(zip(results["File"], results["Result"], strict=True))
    assert outcome["falconry rules.md"] == "added"
    assert outcome["broken.pdf"] == "failed"
    assert "1 of 2 file(s) could not be loaded" in shown(at)
    assert "falconry rules.md" in doc_names(library_copy)
    assert "Library check: 2 sections in 1 document checked; 1 may be unreachable." in shown(at)
    check = next(d.value for d in at.dataframe if "This section may be unreachable" in d.value.columns)
    assert list(check["Section"]) == ["Annex — Perch diagram"] and list(check["Document"]) == ["falconry rules.md"]

    at.switch_page("app_pages/ask.py").run()
    at = ask(at, FALCON_QUESTION)
    record = at.session_state["chat"][-1]["record"]
    assert not record["abstained"]
    assert "falconry rules.md" in {c["source"] for c in record["citations"]}


def test_replace_updates_the_document_in_place(app, library_copy: Path) -> None:
    at = login(app(library_copy, passphrase=PASSPHRASE).run(), PASSPHRASE)
    new_version = (
        ROOT / "corpus" / "welcome-letter.txt"
    ).read_bytes() + b"\n\nP.S. Jurors receive a festival umbrella on arrival.\n"
    at.file_uploader[0].set_value(("welcome letter v2.txt", new_version, "text/plain"))
    at.run()
    at.selectbox(key="replace_target").select("welcome-letter.txt").run()
    at.button(key="load_uploads").click().run()
    assert not at.exception and not at.error
    results = next(d.value for d in at.dataframe if "Result" in d.value.columns)
    assert list(results["File"]) == ["welcome-letter.txt"] and list(results["Result"]) == ["updated"]
    assert "welcome letter v2.txt" not in doc_names(library_copy)
    passages = Library(settings_for(library_copy)).store.all_chunks()
    assert any("umbrella" in c.text for c in passages if c.source == "welcome-letter.txt")


def test_remove_takes_a_document_out_of_the_library(app, library_copy: Path) -> None:
    at = login(app(library_copy, passphrase=PASSPHRASE).run(), PASSPHRASE)
    remove_button = at.button(key="remove_button")
    assert remove_button.disabled, "removal needs a confirmation"
    target = next(s for s in at.selectbox if s.key and s.key.startswith("remove_target"))
    target.select("glossary.md").run()
    next(c for c in at.checkbox if c.key and c.key.startswith("remove_confirm")).check().run()
    at.button(key="remove_button").click().run()
    assert not at.exception
    assert "glossary.md" not in doc_names(library_copy)
    assert "Removed glossary.md" in shown(at)
    assert "glossary.md" not in set(at.dataframe[0].value["Document"])
    assert next(c for c in at.checkbox if c.key and c.key.startswith("remove_confirm")).value is False


def test_organiser_sees_unanswered_questions_and_feedback(app, library_copy: Path) -> None:
    book = Logbook.in_folder(library_copy)
    book.log_unanswered(
        "Is there a shuttle from the airport?", "Is there a shuttle from the airport?", ["logistics-faq.md § Transport"]
    )
    book.add_feedback(
        "What is the gift limit?", "EUR 25 [1]", 1, "clear", [{"n": 1, "source": "amendment-01.md", "section": "2.1"}]
    )
    at = login(app(library_copy, passphrase=PASSPHRASE).run(), PASSPHRASE)
    tables = {tuple(d.value.columns): d.value for d in at.dataframe}
    unanswered = next(t for cols, t in tables.items() if "Understood as" in cols)
    feedback = next(t for cols, t in tables.items() if "Rating" in cols)
    assert list(unanswered["Question"]) == ["Is there a shuttle from the airport?"]
    assert list(feedback["Comment"]) == ["clear"] and list(feedback["Rating"]) == ["helpful"]
    assert {"unanswered_csv", "feedback_csv"} <= {b.key for b in at.download_button}


def test_a_library_embedded_by_another_backend_is_re_embedded_from_the_library_page(
    app, tmp_path: Path, fp32_embeddings, embeddings
) -> None:
    folder = tmp_path / "rules"
    folder.mkdir()
    for name in ("amendment-01.md", "welcome-letter.txt"):
        (folder / name).write_bytes((CORPUS / name).read_bytes())
    data = tmp_path / "data"
    Library(Settings(data_dir=data, embedding_backend="onnx"), fp32_embeddings).ingest([folder])  # type: ignore[call-arg]
    at = ask(app(data, passphrase=PASSPHRASE).run(), "What is the gift limit?")
    assert [n for n in at.session_state["chat"][-1]["record"]["notes"] if "embedded by" in n]  # jurors are told
    at = login(at, PASSPHRASE)
    assert not at.exception, [e.value for e in at.exception]
    (warning,) = [w.value for w in at.warning if "embedded by" in w.value]
    assert "the onnx backend (2 documents)" in warning and embeddings.backend in warning
    at.button(key="reembed_button").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(f"Re-embedded 2 document(s) with {embeddings.backend}" in s.value for s in at.success)
    assert not [w for w in at.warning if "embedded by" in w.value] and "reembed_button" not in {
        b.key for b in at.button
    }
    assert Library(settings_for(data), embeddings).embedders() == {
        embeddings.identity: ["amendment-01.md", "welcome-letter.txt"]
    }
    # jurors' answers no longer carry the note
    answer = ask(at.switch_page("app_pages/ask.py").run(), "What is the gift limit?")
    assert not [n for n in answer.session_state["chat"][-1]["record"]["notes"] if "embedded by" in n]


# ------------------------------------------------------------ first start
def _first_start(data_dir: str, corpus: str) -> None:
    from pathlib import Path

    import streamlit as st

    from assistant.config import Settings
    from assistant.ui.resources import ensure_sample_library, load_assistant, warm_up

    assistant = load_assistant(Settings(data_dir=Path(data_dir)))  # type: ignore[call-arg]
    warm_up(assistant)
    ensure_sample_library(assistant, Path(corpus))
    st.markdown(f"{len(assistant.library.documents())} documents")


def test_first_start_loads_the_sample_library_once(fresh_dir: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "sample"
    corpus.mkdir()
    (corpus / "rules.md").write_text("# Rules\n\n## Article 1\n\n1.1 Jurors watch every film in competition.\n")
    (corpus / "faq.md").write_text("# FAQ\n\n## Meals\n\nLunch is served at noon in the jury lounge.\n")
    at = AppTest.from_function(_first_start, args=(str(fresh_dir), str(corpus)), default_timeout=TIMEOUT).run()
    assert not at.exception
    assert at.markdown[-1].value == "2 documents"
    assert "Sample festival library loaded: 2 added" in at.get("status")[0].label  # type: ignore[union-attr]
    # an organiser who empties the library on purpose keeps it empty after a restart
    library = Library(settings_for(fresh_dir))
    for name in ("rules.md", "faq.md"):
        library.remove(name)
    again = AppTest.from_function(_first_start, args=(str(fresh_dir), str(corpus)), default_timeout=TIMEOUT).run()
    assert again.markdown[-1].value == "0 documents"
    assert not again.get("status")
