"""The Notebook page and the Library page's Films tab through AppTest on the real app (app.py), the real model and a
copy of the sample library; each AppTest is one browser session."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from support.apptest_helpers import open_app
from support.library import make_settings
from support.notebook import CONFLICT_NOTE, FILMS_CSV, OTHER_SECRET, SECRET, pass_time

from assistant.answers.assistant import Assistant
from assistant.notebook.notebook import notebook_for

TIMEOUT = 240
PAGE = "app_pages/notebook.py"
PASSPHRASE = "harbour films organisers"
NOTE = "Long takes that never show off; the ending is earned."


def plain(markdown: object) -> str:
    return re.sub(r"\\(.)", r"\1", str(markdown)).replace("**", "")


def shown(at: AppTest) -> str:
    kinds = (at.title, at.header, at.subheader, at.markdown, at.caption, at.warning, at.info, at.error, at.success)
    return plain("\n".join(str(e.value) for kind in kinds for e in kind))


@pytest.fixture(scope="module")
def data(library_dir: Path, tmp_path_factory: pytest.TempPathFactory, embeddings) -> Path:
    """A copy of the sample library with the film list loaded (shared by this module's sessions)."""
    import shutil

    target = tmp_path_factory.mktemp("ui-notebook") / "library"
    shutil.copytree(library_dir, target)
    notebook = notebook_for(Assistant.from_settings(make_settings(target), embeddings=embeddings))
    notebook.load_films(notebook.festival(), FILMS_CSV, "competition-films.csv")
    return target


@pytest.fixture
def session(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, data: Path):
    """A new browser session on the Notebook page (same app settings and data folder each time it is called)."""

    def make(**env: str) -> AppTest:
        at = open_app(monkeypatch, tmp_path, data, PASSPHRASE, timeout=TIMEOUT)
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        at.run()
        at.switch_page(PAGE).run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return make


def start(at: AppTest, code: str, secret: str = SECRET) -> AppTest:
    at.text_input(key="nb_new_code").input(code)
    at.text_input(key="nb_new_secret").input(secret)
    at.text_input(key="nb_new_secret_again").input(secret)
    at.button(key="FormSubmitter:nb_start_form-Start my notebook").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_notebook(at: AppTest, code: str, secret: str = SECRET) -> AppTest:
    at.text_input(key="nb_open_code").input(code)
    at.text_input(key="nb_open_secret").input(secret)
    at.button(key="FormSubmitter:nb_open_form-Open my notebook").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def view(at: AppTest, name: str) -> AppTest:
    at.radio(key="nb_view").set_value(name).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_juror_keeps_notes_per_criterion_and_the_check_quotes_the_rules(session, data: Path) -> None:
    at = start(session(), "ui-juror")
    assert "Signed in as ui-juror" in shown(at)
    labels = [t.label for t in at.text_area]
    assert [plain(x) for x in labels[:5]] == [
        "Direction (30%)",
        "Screenplay (20%)",
        "Performances (20%)",
        "Cinematography and craft (15%)",
        "Originality (15%)",
    ], "the first film is a feature: the feature rubric"
    why = plain(at.text_area(key="nb_ui-juror_sunfall_note_direction").help)
    assert why.startswith("A coherent artistic vision") and "“Criterion: Direction; Weight: 30%" in why
    assert why.endswith("(judging-criteria.docx) § Section 3 — Feature Films › 3.2"), "the rule it comes from"
    at.text_area(key="nb_ui-juror_sunfall_note_direction").input("A first thought").run()
    at.text_area(key="nb_ui-juror_sunfall_note_direction").input(NOTE).run()
    earlier = [e for e in at.expander if str(e.label).startswith("Earlier versions of your notes")]
    assert earlier and "Direction" in plain(earlier[0].markdown[0].value), "nothing typed is lost"
    assert plain(earlier[0].markdown[0].value).endswith(": A first thought")
    at.checkbox(key="nb_ui-juror_sunfall_seen").check().run()
    at.text_input(key="nb_ui-juror_sunfall_mark").input("11").run()
    assert "outside the rules' scale 1–10" in shown(at)
    at.selectbox(key="nb_ui-juror_film").set_value("2. The Salt Road").run()
    assert [plain(t.label) for t in at.text_area][0] == "Subject and access (25%)", "a documentary: its rubric"
    at.text_input(key="nb_ui-juror_the salt road_conflict_note").input(CONFLICT_NOTE).run()
    at.checkbox(key="nb_ui-juror_the salt road_conflict").check().run()
    assert not at.exception and "Saved at" in shown(at)

    notebook = notebook_for(Assistant.from_settings(make_settings(data)))
    result, juror = notebook.sign_in("ui-juror", SECRET)
    entries = notebook.entries(juror, notebook.festival())
    assert entries.of("sunfall").criteria["direction"] == NOTE and entries.of("sunfall").seen
    assert entries.of("sunfall").mark == "", "a mark off the scale is not saved"
    assert entries.of("the salt road").conflict and entries.of("the salt road").conflict_note == CONFLICT_NOTE

    text = shown(view(at, "Check"))
    assert "Films you must see · _to do_" in text and "Not marked seen yet (4 of 5)" in text
    assert "The Salt Road — Cleo Marr" in text and "Quiet Harbour — Dara Voss" in text
    assert f"The Salt Road: you noted “{CONFLICT_NOTE}”; the rule says “" in text
    assert re.search(r"> “Every juror must attend every competition screening[^”]*” \[1\]", text)
    text = shown(view(at, "Criteria"))
    assert "Golden Lantern" in text and "on the rules' scale 1–10" in text
    labels = [b.label for b in view(at, "Export").get("download_button")]
    assert labels == ["Download my notebook (Markdown)", "Printable notebook (PDF)"]

    at.button(key="notebook_sign_out").click().run()
    for key in ("notebook_session", "nb_ui-juror_sunfall_note_direction", "nb_ui-juror_the salt road_conflict_note"):
        assert key not in at.session_state, f"{key} stays after signing out"
    assert "Open your notebook with your juror code and your secret." in shown(at)


def test_another_session_sees_none_of_a_jurors_notes(session) -> None:
    first = start(session(), "private-one")
    first.text_area(key="nb_private-one_sunfall_note_direction").input("A thought only I may read").run()
    other = session()
    assert "A thought only I may read" not in shown(other) and not other.text_area
    other = open_notebook(other, "private-one", OTHER_SECRET)
    assert [e.value for e in other.error] == ["Wrong juror code or secret."]
    other = start(other, "private-two", OTHER_SECRET)
    assert "Signed in as private-two" in shown(other)
    assert all(t.value == "" for t in other.text_area), "a new juror's notebook is empty"
    everything = shown(view(other, "Check")) + shown(view(other, "Export"))
    assert "A thought only I may read" not in everything


def test_wrong_secrets_are_throttled_across_sessions_like_the_organiser_log_in(session, data: Path) -> None:
    start(session(), "guarded")
    slow = {"JUROR_LOGIN_FREE_ATTEMPTS": "2", "JUROR_LOGIN_DELAY_S": "600"}
    first = session(**slow)
    for guess in ("guess number one", "guess number two"):
        open_notebook(first, "guarded", guess)
        assert [e.value for e in first.error] == ["Wrong juror code or secret."]
    second = open_notebook(session(**slow), "guarded", SECRET)
    assert [e.value for e in second.error] == [
        "Too many wrong secrets: notebook sign-in is paused for this juror code; try again in 10 min."
    ]
    pass_time(data, 601)
    third = open_notebook(session(**slow), "guarded", SECRET)
    assert not third.error and "Signed in as guarded" in shown(third)


@pytest.mark.parametrize("question", ["Which film should win?", "Rank my films"])
def test_the_notebook_and_the_chat_refuse_a_verdict_with_the_jurys_voting_rule(session, question: str) -> None:
    at = start(session(), f"asker-{len(question)}")
    view(at, "Ask")
    at.text_input(key="nb_question").input(question)
    at.button(key="FormSubmitter:nb_ask_form-Ask").click().run()
    refusal = plain(at.warning[0].value)
    assert "that judgment belongs to you and your fellow jurors" in refusal and "judging is the jury's" in refusal
    assert "How the jury decides, in the rules:" in refusal and re.search(r"ballot|vote", refusal.split("rules:")[1])
    assert "[1]" in refusal

    at.switch_page("app_pages/ask.py").run()
    at.chat_input[0].set_value(question).run()
    assert not at.exception, [e.value for e in at.exception]
    turn = at.session_state["chat"][-1]
    assert turn["record"]["declined"]
    text = turn["content"]
    assert text.startswith("I can't tell you which film should win") and "How the jury decides, in the rules:" in text
    cited = turn["record"]["citations"]
    assert cited and f"[{cited[-1]['n']}]" in text.split("How the jury decides")[1]


def test_an_organiser_loads_a_pasted_film_list_on_the_library_page(
    monkeypatch, tmp_path: Path, library_copy: Path
) -> None:
    at = open_app(monkeypatch, tmp_path, library_copy, PASSPHRASE, timeout=TIMEOUT).run()
    at.switch_page("app_pages/library.py").run()
    at.text_input(key="organiser_passphrase_input").input(PASSPHRASE)
    at.button[0].click().run()
    assert "No film list is loaded for this festival yet." in shown(at)
    rows = FILMS_CSV.splitlines()[:5]  # pasted from a spreadsheet: tab-separated, and one row with no title
    pasted = "\n".join(r.replace(",", "\t") for r in rows) + "\n\tNo title here\t\t\t\n"
    assert len(at.file_uploader) == 1, "the documents' uploader only, until a CSV file is chosen"
    at.radio(key="films_source").set_value("a pasted table").run()
    at.text_area(key="films_paste_0").input(pasted)
    at.button(key="films_load").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Film list loaded: 4 films read, 1 rows skipped. Jurors see it in their notebook at once." in shown(at)
    messages = next(d.value for d in at.dataframe if "Message" in d.value.columns).to_dict("records")
    assert messages == [{"Row": 6, "Result": "skipped", "Message": "no title; the row was skipped"}]
    films = next(d.value for d in at.dataframe if "Minutes" in d.value.columns)
    assert list(films["Title"])[:2] == ["Sunfall", "The Salt Road"]
    log = next(d.value for d in at.dataframe if "Action" in d.value.columns).to_dict("records")
    assert log[0]["Action"] == "film list" and "pasted table" in log[0]["Details"]
    assert not any("notes" in str(d.value.columns).lower() for d in at.dataframe), "no organiser view of notes"
