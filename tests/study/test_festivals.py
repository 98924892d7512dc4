"""Festivals as a unit, on the real-shaped library of three festivals and bodies: names, editions, explicit settings
winning over titles, the organiser's edit, and the CLI's --festival."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from support.library import REAL_SHAPED, make_settings

from assistant.answers.assistant import Assistant
from assistant.answers.festival_names import clean_name
from assistant.cli import main
from assistant.errors import FestivalNotFound, MetadataError
from assistant.study.festivals import build_festivals, find_festival
from assistant.study.study import Study


def test_each_document_belongs_to_one_named_festival_with_its_edition(real_shaped_assistant: Assistant) -> None:
    festivals = Study.of(real_shaped_assistant).festivals()
    names = {f.name: f for f in festivals}
    assert set(names) == {
        "Harbour Lights Film Festival",
        "Northern Dunes Short Film Festival",
        "Meridian Critics Circle",
    }
    assert names["Harbour Lights Film Festival"].editions == ("2024",)
    assert names["Northern Dunes Short Film Festival"].editions == ("2023",)
    assert sorted(s for f in festivals for s in f.sources) == sorted(
        p.name for p in REAL_SHAPED.iterdir() if p.suffix in (".md", ".txt") and p.name != "README.md"
    )
    assert find_festival(festivals, "harbour lights").name == "Harbour Lights Film Festival"
    assert find_festival(festivals, "northern-dunes-short-film-festival").editions == ("2023",)
    with pytest.raises(FestivalNotFound, match="Harbour Lights Film Festival.*Meridian Critics Circle|no festival"):
        find_festival(festivals, "Goya Awards")


def test_a_name_is_cut_after_its_head_noun() -> None:
    assert clean_name("Black Nights Film Festival Regulations") == "Black Nights Film Festival"
    assert clean_name("Jury Regulations") == "Jury Regulations"


def test_the_sample_library_is_one_festival_so_there_is_nothing_to_choose(assistant: Assistant) -> None:
    study = Study.of(assistant)
    [festival] = study.festivals()
    assert festival.name == "Lumen Bay International Film Festival" and festival.explicit
    assert study.festival() is festival and study.require_festival() is festival
    assert "Lumen Bay International Film Festival (2027)" in study.briefing(festival).subtitle


def test_an_explicit_festival_setting_wins_and_the_organiser_can_set_it(
    real_shaped_assistant: Assistant, embeddings, tmp_path: Path
) -> None:
    data = tmp_path / "library"
    shutil.copytree(real_shaped_assistant.settings.data_dir, data)
    assistant = Assistant.from_settings(make_settings(data), embeddings=embeddings)
    study = Study.of(assistant)
    assert len(study.festivals()) == 3
    before = assistant.library.signature()
    with pytest.raises(MetadataError, match="no festival name"):
        assistant.library.set_festival("northern-dunes-festival-rules-2023.txt", "  ")
    report = assistant.library.set_festival(
        "northern-dunes-festival-rules-2023.txt", "Harbour Lights Film Festival", "2024"
    )
    assert report.ok and [r.status for r in report.results] == ["updated"]
    assert assistant.library.signature() != before
    record = assistant.library.find("northern-dunes-festival-rules-2023.txt")
    assert (record.festival, record.edition) == ("Harbour Lights Film Festival", "2024")
    festivals = study.festivals()
    merged = find_festival(festivals, "harbour lights")
    assert set(merged.sources) == {"harbour-lights-regulations-2024.md", "northern-dunes-festival-rules-2023.txt"}
    assert len(festivals) == 2
    sources = {i.citation.source for i in study.briefing(merged).items()}
    assert sources == set(merged.sources)
    # every passage carries the setting: a question confined to the festival finds both documents
    chunks = [c for c in assistant.retriever.lexical().chunks if c.source == "northern-dunes-festival-rules-2023.txt"]
    assert chunks and all(c.festival == "Harbour Lights Film Festival" for c in chunks)
    records = assistant.library.documents()
    explicit = build_festivals(records, assistant.retriever.scope_index())
    assert any(f.explicit for f in explicit)


def test_cli_festival_option_on_brief_quiz_glossary_and_ask(real_shaped_assistant: Assistant) -> None:
    data = str(real_shaped_assistant.settings.data_dir)
    runner = CliRunner()
    listed = runner.invoke(main, ["festivals", "--data-dir", data, "--json"])
    assert listed.exit_code == 0, listed.output
    keys = {f["name"]: f["key"] for f in json.loads(listed.output[listed.output.index("[") :])}
    assert "Harbour Lights Film Festival" in keys

    mixed = runner.invoke(main, ["brief", "--data-dir", data])
    assert (
        mixed.exit_code == 1
        and "choose one with --festival" in mixed.output
        and "Meridian Critics Circle" in mixed.output
    )
    assert "Traceback" not in mixed.output
    wrong = runner.invoke(main, ["brief", "--data-dir", data, "--festival", "Cannes"])
    assert wrong.exit_code == 1 and "no festival 'Cannes'" in wrong.output

    brief = runner.invoke(main, ["brief", "--data-dir", data, "--festival", "harbour lights", "--format", "json"])
    assert brief.exit_code == 0, brief.output
    briefing = json.loads(brief.output[brief.output.index("{") :])
    cited = {i["citation"]["source"] for s in briefing["sections"] for i in s["items"]}
    assert cited == {"harbour-lights-regulations-2024.md"}
    assert briefing["sections"][0]["group"] == "Your duties and powers as a juror"

    quiz = runner.invoke(
        main, ["quiz", "--data-dir", data, "--festival", keys["Harbour Lights Film Festival"], "--json", "--seed", "2"]
    )
    assert quiz.exit_code == 0, quiz.output
    questions = json.loads(quiz.output[quiz.output.index("{") :])["questions"]
    assert questions and {q["citation"]["source"] for q in questions} == {"harbour-lights-regulations-2024.md"}

    gloss = runner.invoke(main, ["glossary", "--data-dir", data, "--festival", "meridian", "--json"])
    assert gloss.exit_code == 0, gloss.output
    assert all(
        e["citation"]["source"] == "critics-circle-code-of-conduct.md"
        for e in json.loads(gloss.output[gloss.output.index("[") :])
    )

    asked = runner.invoke(
        main, ["ask", "Can a jury member accept gifts?", "--data-dir", data, "--festival", "meridian critics", "--json"]
    )
    assert asked.exit_code == 0, asked.output
    answer = json.loads(asked.output[asked.output.index("{") :])
    assert {c["source"] for c in answer["contexts"]} == {"critics-circle-code-of-conduct.md"}


def test_festivals_are_named_by_their_fullest_name_and_by_a_title_below_an_opening_note(
    tmp_path: Path, embeddings
) -> None:
    """Written check sets BR and BS at first sight: a board's awards were "Screen Awards" (a procedure titled "Screen
    Awards Panel - …" beside a form headed "HOLLIN VALE SCREEN AWARDS"), a rulebook published under a secretary's
    note was named by its file ("Br Tollandvale"), and a jury agreement titled only "JURY MEMBER AGREEMENT" was a
    festival of its own beside the competition's rules it belongs to."""
    sets = Path(__file__).resolve().parents[2] / "checksets"
    files = [
        sets / "BS" / "BS_hollinvale_conflict_procedure.docx",
        sets / "BS" / "BS_hollinvale_declaration_form.txt",
        sets / "BR" / "BR_tollandvale_competition_rules.txt",
        sets / "BR" / "BR_blackthorn_jury_agreement_2025.pdf",
        sets / "BR" / "BR_blackthorn_lantern_rules.html",
    ]
    assistant = Assistant.from_settings(make_settings(tmp_path / "lib"), embeddings)
    assert assistant.library.ingest(files).ok
    groups = {f.name: set(f.sources) for f in Study.of(assistant).festivals()}
    assert groups == {
        "Hollin Vale Screen Awards": {files[0].name, files[1].name},
        "Tolland Vale Cine & Video Society": {files[2].name},
        "Blackthorn Lantern Screenwriting & Short Film Competition": {files[3].name, files[4].name},
    }, groups


def test_a_coordinator_s_e_mail_joins_the_festival_its_signature_names(tmp_path: Path, embeddings) -> None:
    """Written check set CA at first sight: a jury coordinator's e-mail, titled by nothing but its file, was a
    festival of its own ("Ca Grimwater Jury Logistics Email") beside the regulations of the festival it is from."""
    sets = Path(__file__).resolve().parents[2] / "checksets" / "CA"
    files = [sets / "CA_grimwater_jury_logistics_email.txt", sets / "CA_grimwater_jury_regulations.docx"]
    assistant = Assistant.from_settings(make_settings(tmp_path / "lib"), embeddings)
    assert assistant.library.ingest(files).ok
    groups = {f.name: set(f.sources) for f in Study.of(assistant).festivals()}
    assert groups == {"Grimwater Fantastic Film Festival": {files[0].name, files[1].name}}, groups


def test_a_network_faq_that_lists_its_members_addresses_joins_none_of_them(tmp_path: Path, embeddings) -> None:
    """Blind check set CN at first sight: a festival network's FAQ gives each member festival's jury office address, so
    it shared a mail domain with a member's regulations, and the network, that member and another member that only
    refers to the network's rules were one festival, "Brackwater Festival". A page with addresses at three domains or
    more is a directory: it speaks for none of them."""
    files = {
        "network-rules.md": (
            "# Tarnwick Festival Network — Common Jury Rules\n\n"
            "1.1 These Rules apply to the juries of every member festival of the Tarnwick Festival Network.\n\n"
            "1.2 Each jury has five members. Questions go to juryoffice@tarnwick-network.example.\n"
        ),
        "network-faq.txt": (
            "TARNWICK FESTIVAL NETWORK\nJUROR FAQ\n\n"
            "Q: Whom do I write to?\nA: The network's jury office, juryoffice@tarnwick-network.example, or your "
            "festival's: jury@ostrel-festival.example (Ostrel), jury@quill-shorts.example (Quillhaven), "
            "jury@tamsick-docs.example (Tamsick).\n"
        ),
        "ostrel-regulations.md": (
            "# Regulations of the 41st Ostrel Valley Film Festival\n\n"
            "7.1 The Ostrel Valley Film Festival is a member of the Tarnwick Festival Network. Members of the juries "
            "receive an honorarium of €750. Write to jury@ostrel-festival.example.\n"
        ),
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assistant = Assistant.from_settings(make_settings(tmp_path / "lib"), embeddings)
    assert assistant.library.ingest([tmp_path / name for name in files]).ok
    groups = sorted(sorted(f.sources) for f in Study.of(assistant).festivals())
    assert groups == [["network-faq.txt", "network-rules.md"], ["ostrel-regulations.md"]], groups


def test_a_code_whose_front_matter_names_its_publisher_joins_that_body(tmp_path: Path, embeddings) -> None:
    """Blind check set CR at first sight: a television writers' guild's award rules, named by the guild, and its
    judges' code, titled "Lamplight Awards – Judges' Code" with the guild as its front matter's publisher, were two
    festivals; a fantastic film festival beside them stays one of its own."""
    sets = Path(__file__).resolve().parents[2] / "checksets" / "CR"
    files = [
        sets / "CR_lamplight_awards_rules_2026.txt",
        sets / "CR_lamplight_judges_code.md",
        sets / "CR_nocturne_regulations_2026.html",
    ]
    assistant = Assistant.from_settings(make_settings(tmp_path / "lib"), embeddings)
    assert assistant.library.ingest(files).ok
    groups = sorted(sorted(f.sources) for f in Study.of(assistant).festivals())
    assert groups == [[files[0].name, files[1].name], [files[2].name]], groups
