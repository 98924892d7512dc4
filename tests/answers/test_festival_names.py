"""Festival identity from what documents say about themselves: which documents are one festival, and its name."""

from __future__ import annotations

from assistant.answers.festival_groups import identity_text
from assistant.answers.festival_names import self_names
from assistant.answers.names import names_in, tokens
from assistant.answers.scope import ScopeIndex


def index_of(docs: list[tuple[str, str, str, list[str]]]) -> ScopeIndex:
    """The scope index of (source, title, header, passages) documents."""
    return ScopeIndex.build(
        [(src, title, "", identity_text(title, "", "", header, ""), "") for src, title, header, _ in docs],
        {src: texts for src, _, _, texts in docs},
    )


SHOWCASE = [
    (
        "fvycs_guidelines_2026.txt",
        "Fennick Valley Youth Cinema Showcase",
        "FENNICK VALLEY YOUTH CINEMA SHOWCASE · Presented by the Fennick Valley Arts Circle",
        [
            'The Fennick Valley Youth Cinema Showcase (FVYCS, "the Showcase") brings together young filmmakers, '
            "mentors and audiences for five days of films.",
            '"Circle" means the Fennick Valley Arts Circle, which organises the Showcase.',
            "The Elders' Panel chooses the films of the FVYCS programme.",
        ],
    ),
    (
        "youth_jury_handbook.pdf",
        "Youth Jury Handbook",
        "Fennick Valley Youth Cinema Showcase (FVYCS) · 5th Showcase, Fennick, 5-9 November 2026",
        ["Welcome to the Youth Jury! For five days you will watch films and choose the winner of the Youth Prize."],
    ),
    (
        "fvycs_jury_faq.html",
        "Jury FAQ",
        "",
        ["Do we get paid? Each youth juror receives a travel allowance of $200."],
    ),
    (
        "dunmore_critics_code.md",
        "Code of Conduct of the Dunmore Critics Guild",
        "",
        [
            "Members of the Dunmore Critics Guild serve on the critics' jury of the Fennick Valley Youth Cinema "
            "Showcase (FVYCS) each year and follow its rules there.",
        ],
    ),
]


def test_documents_that_give_themselves_one_short_name_are_one_festival_named_by_what_it_abbreviates() -> None:
    """A handbook and an FAQ whose titles name no body, beside guidelines titled by a name with no festival word
    ("… Showcase"), were three festivals (written check sets AA to AC): the guidelines define the short name
    "FVYCS" for themselves, the handbook's header gives its initials after the same name, the FAQ's file name uses
    it. A guild's code that mentions the showcase by its initials in passing is still the guild's."""
    index = index_of(SHOWCASE)
    showcase = {"fvycs_guidelines_2026.txt", "youth_jury_handbook.pdf", "fvycs_jury_faq.html"}
    assert index.group("youth_jury_handbook.pdf") == showcase
    assert index.group("dunmore_critics_code.md") == {"dunmore_critics_code.md"}
    # one name for all three, from the bodies their own words name (here the arts circle that presents it)
    assert index.festival("fvycs_jury_faq.html") == index.festival("youth_jury_handbook.pdf") != "Youth Jury Handbook"


def test_a_short_name_counts_where_the_document_says_it_will_call_itself_by_it() -> None:
    text = (
        '1.1 The Marrow Bay Film Festival (hereinafter "MBFF" or "the Festival") is organised by the Marrow Bay '
        'Trust (the "Trust"). Films must be delivered as a Digital Cinema Package (DCP). Its jurors follow the '
        "statutes of the International Federation of Film Critics (FIPRESCI)."
    )
    assert self_names("", text) == {"mbff": "Marrow Bay Film Festival"}
    # in a title or header, the initials of the name before them are the document's own; other capitals are not
    assert self_names("Jury Handbook · Marrow Bay Film Festival (MBFF)", "") == {"mbff": "Marrow Bay Film Festival"}
    assert self_names("Film Festival - Archive (Marrow Festival of the Arts, UK: The First Film Festival)", "") == {}
    # the initials stand for the end of a longer capitalised run
    assert self_names(
        "", 'Approved by the Council of the National Academy of Screen Arts ("NASA" or "the Academy").'
    ) == {"nasa": "National Academy of Screen Arts"}


def test_of_two_bodies_the_documents_define_the_one_they_call_themselves_by_most_names_them() -> None:
    """A school board issues a student competition's rules: both are defined with a short name, and the competition's
    is the one the rules and the judges' sheet use throughout."""
    docs = [
        (
            "millbrook_rules_2026.txt",
            "Millbrook Valley District School Board",
            "MILLBROOK VALLEY DISTRICT SCHOOL BOARD · Arts Education Office",
            [
                'A1. The Millbrook Valley Student Film Competition (hereinafter "Millbrook Shorts" or "the '
                'Competition") is open to students of schools of the Millbrook Valley District School Board ("MVDSB" '
                'or "the Board").',
                "A2. Every Millbrook Shorts film must be under five minutes.",
                "C4. Millbrook Shorts judges score each film on a scale of 1 to 10.",
            ],
        ),
        (
            "millbrook_shorts_judges_sheet.md",
            "Millbrook Shorts 2026 — Information for Volunteer Judges",
            "",
            ["Thank you for agreeing to judge Millbrook Shorts 2026! Judging takes place on Saturday 4 April."],
        ),
    ]
    index = index_of(docs)
    assert index.group("millbrook_rules_2026.txt") == {"millbrook_rules_2026.txt", "millbrook_shorts_judges_sheet.md"}
    assert index.festival("millbrook_shorts_judges_sheet.md") == "Millbrook Valley Student Film Competition"


def test_a_short_name_the_documents_define_is_taken_out_of_a_question_but_the_jurys_own_name_stays() -> None:
    """ "SALTDOC" named the festival but stayed in the question and drew its welcome line as the answer; taken out
    with it, "Green Jury" (an FAQ's title words) went too, and the jury asked about was lost (written check set AB)."""
    docs = [
        (
            "saltings_regulations_2026.md",
            "Saltings International Documentary Festival",
            "",
            [
                '1.1 The Saltings International Documentary Festival (hereinafter "the Festival" or "SALTDOC") is '
                "organised by the Saltings Trust.",
                "7.1 The Green Jury consists of five members appointed by the Festival Director.",
            ],
        ),
        (
            "saltdoc_green_jury_faq.html",
            "Green Jury FAQ",
            "",
            ["Welcome to the Green Jury of the 12th Saltings International Documentary Festival (SALTDOC)."],
        ),
        ("kestrel_rules.md", "Kestrel Point Film Festival Rules", "", ["The Jury has three members."]),
    ]
    index = index_of(docs)
    question = "First time on the SALTDOC Green Jury here. How many of us will there be?"
    scope = index.resolve(question)
    assert set(scope.sources) == {"saltings_regulations_2026.md", "saltdoc_green_jury_faq.html"}
    assert scope.topic(question) == "First time on the Green Jury here. How many of us will there be?"


def test_a_short_name_written_in_mixed_case_is_read_as_the_question_writes_it() -> None:
    """ "GriFF" is read in a question as every word is ("grif"); kept as written only, it confined the question to
    the festival but stayed in it, and drew the one rule that says "GriFF" over the jurors' duty to declare a
    relative (written check set AC)."""
    docs = [
        (
            "grimwood_charter_2026.pdf",
            "Grimwood International Festival of Fantastic Cinema",
            "Jury Charter",
            [
                "This Charter applies to the Méliès Jury and the Critics' Jury of the Grimwood International Festival "
                'of Fantastic Cinema (hereinafter "GriFF" or "the Festival").',
                "3.2 Jurors must declare any family relationship with a person credited on a film in competition.",
            ],
        ),
        ("kestrel_rules.md", "Kestrel Point Film Festival Rules", "", ["The Jury has three members."]),
    ]
    index = index_of(docs)
    assert index.profiles[0].aliases == {"griff": "Grimwood International Festival of Fantastic Cinema"}
    question = "My cousin edited one of the films in the GriFF competition. Do I have to tell anyone?"
    scope = index.resolve(question)
    assert scope.sources == ["grimwood_charter_2026.pdf"]
    assert scope.topic(question) == "My cousin edited one of the films in the competition. Do I have to tell anyone?"


def test_a_jury_named_by_its_festival_alone_leaves_the_festivals_name_to_take_out() -> None:
    """A word before "Jury" is the jury's own name ("Green"), unless the festival's name is all there is."""
    for question, own in (
        ("Does the SALTDOC Jury meet every day?", {"saltdoc"}),
        ("How big is the SALTDOC Green Jury?", {"saltdoc", "green"}),
    ):
        name = next(n for n in names_in(question, frozenset(tokens(question))) if "SALTDOC" in n.text)
        assert name.runs(own) == ["SALTDOC"], question


def test_a_body_called_the_same_by_each_document_is_one_festival_and_its_short_name_reaches_all_of_them() -> None:
    # written check set AE at first sight: the statutes define "(hereinafter "the IAFC" ...)" with "the" inside the
    # quotes, and two pages of one online festival name it alike ("PocketFrame") but define nothing the other uses;
    # each stood alone, so a question naming the festival was confined to one of its documents
    index = index_of(
        [
            (
                "statutes.pdf",
                "Statutes of Jury Service",
                "",
                [
                    'The International Alliance of Film Critics (hereinafter "the IAFC" or "the Alliance") awards '
                    "prizes at partner festivals. An IAFC jury shall consist of three or five members."
                ],
            ),
            ("guide.md", "IAFC - Guide for jury members", "", ["Wear your jury badge at all screenings."]),
            ("how.html", "How it works | PocketFrame 2026", "", ["Films must be shot on a phone."]),
            ("terms.md", "Judges' Terms - PocketFrame 2026", "", ["Judges score every finalist."]),
            (
                "siwff_entry_terms.html",
                "Entry Form - Terms and Conditions of Entry",
                "",
                ['The Saltmarsh Women\'s Film Festival (hereinafter "SWFF") accepts shorts of up to 40 minutes.'],
            ),
            (
                "policy.md",
                "Saltmarsh Women's Film Festival",
                "SWFF Jury Policy",
                ["The Saltmarsh Women's Film Festival appoints two juries."],
            ),
        ]
    )
    assert index.group("guide.md") == {"guide.md", "statutes.pdf"}
    # "the" goes off a short name of one word; a longer one stays a description, as the everyday name of an award is
    assert self_names("", 'The Ashby Fold Jury Award (everyone calls it "the Fold Award") goes to a film.') == {}
    assert index.group("how.html") == {"how.html", "terms.md"}
    assert index.named("how.html")[0] == "PocketFrame"
    # the entry terms never write "SWFF" in their text's body, yet the short name names the festival's documents
    assert set(index.resolve("How long can a short for SWFF be?").sources) == {"siwff_entry_terms.html", "policy.md"}


def test_a_name_continued_after_its_head_noun_stops_at_the_end_of_its_line() -> None:
    # a Word file's title paragraph then "Approved by the Board ..." named the festival "... Anthropological Film
    # Approved" (written check set AE)
    index = index_of(
        [
            (
                "regulations.docx",
                "ETNOS 2025 - Regulations",
                "",
                [
                    "Sarnovo International Festival of Ethnographic Film\nApproved by the Board on 20 January 2025.",
                    "The Sarnovo International Festival of Ethnographic Film welcomes documentaries.",
                ],
            )
        ]
    )
    assert index.named("regulations.docx")[0] == "Sarnovo International Festival of Ethnographic Film"


def test_a_body_the_documents_title_themselves_by_the_short_name_of_is_named_not_the_festival_it_belongs_to() -> None:
    """A critics' week is a section of a festival its preamble names first: the documents, titled "PCW 2025 …", are
    the week's, not the festival's (written check set AI: named "Portharrow Film Festival", which the library does
    not hold). A possessive word ("Critics'") is part of a name, and a short name of two words ("ETNOS Sarnovo")
    abbreviates the name from the word it shares with it."""
    docs = [
        (
            "pcw_regulations_2025.pdf",
            "PCW 2025 Regulations",
            "PORTHARROW INTERNATIONAL CRITICS' WEEK · 34th Edition",
            [
                'The Portharrow International Critics\' Week (hereinafter "PCW" or "the Critics\' Week") is a parallel '
                "section of the Portharrow Film Festival, organised by the Portharrow Circle of Film Critics.",
                "Article 4. The Jury is composed of three film critics.",
            ],
        ),
        (
            "pcw_jury_checklist.md",
            "PCW 2025 · Jury Checklist",
            "",
            ["Sign and return the declaration of independence to the Jury Office by 23 May."],
        ),
    ]
    index = index_of(docs)
    assert index.festival("pcw_jury_checklist.md") == "Portharrow International Critics' Week"
    text = (
        "Art. 1 – Organisation\nThe Sarnovo International Festival of Ethnographic and Anthropological Film (hereinafter "
        '"the Festival" or "ETNOS Sarnovo") is organised by the Associazione Lume Verde.'
    )
    assert (
        self_names("", text)["etnos sarnovo"]
        == "Sarnovo International Festival of Ethnographic and Anthropological Film"
    )


def test_a_short_name_is_given_the_whole_name_with_its_hyphened_words_and_not_a_cut_one() -> None:
    """A name with a hyphened word is read whole ("Co-Production", not "Production Market"), and a short name that is
    no initials but opens with the name's first letter abbreviates all of it, not the run from its look-alike word
    ("IMMERSA" is not "Immersive Works of Port Caldry") (written check set AK, first sight)."""
    market = (
        'The Lanterna International Co-Production Market (hereinafter "LANTERNA" or "the Market") is organised by '
        "the Fondazione Lanterna per il Cinema."
    )
    assert self_names("", market) == {"lanterna": "Lanterna International Co-Production Market"}
    festival = (
        "1.1 The International Festival of Virtual Reality and Immersive Works of Port Caldry\n"
        '(hereinafter "IMMERSA" or "the Festival") is organised by the Caldry Digital Arts Foundation.'
    )
    assert self_names("", festival) == {
        "immersa": "International Festival of Virtual Reality and Immersive Works of Port Caldry"
    }


def test_a_short_name_defined_with_we_and_us_or_after_a_name_with_du_is_read_whole() -> None:
    """Terms that call their body ("KettleFest", "we", "us") define its short name as "hereinafter" does, and a
    French name keeps its small words ("Festival International du Premier Long Métrage de Vaudremont", not the
    "Premier Long Métrage …" after "du") (written check set AN, first sight)."""
    terms = (
        "Kettle Hill International Festival of Comedy Shorts (“KettleFest”, “we”, “us”) is a festival of short comedy "
        "films held every June in Kettle Hill."
    )
    assert self_names("", terms) == {"kettlefest": "Kettle Hill International Festival of Comedy Shorts"}
    french = (
        'The Festival International du Premier Long Métrage de Vaudremont (hereinafter "the Festival" or "FIPV") is '
        "organised by the association Les Amis du Premier Film."
    )
    assert self_names("", french) == {"fipv": "Festival International du Premier Long Métrage de Vaudremont"}


def test_of_two_bodies_with_short_names_the_award_is_named_not_the_broadcaster_that_runs_it() -> None:
    """Rules that define a short name for the award and one for the broadcaster that runs it, which they write more
    often, name the award; a short name the rules give themselves in one document reaches the festival's other
    documents (written check set AO, first sight: the jury page was out of reach of "Olvenna Trails")."""
    index = index_of(
        [
            (
                "vnsfa_rules_2025.md",
                "Vestmark National Short Film Award 2025 — Rules",
                "",
                [
                    '1.1 The Vestmark National Short Film Award (hereinafter "the Award" or "VNSFA") is an annual '
                    'award. It is organised by Vestmark Public Broadcasting Corporation (hereinafter "VPBC" or '
                    '"the Broadcaster").',
                    "VPBC appoints the jury. VPBC pays the jurors. VPBC announces the winner on VPBC One.",
                ],
            ),
            (
                "olvenna_regulations.pdf",
                "Olvenna Trails 2025 – Regulations",
                "Olvenna International Travel and Adventure Film Festival",
                [
                    '1.1 The Olvenna International Travel and Adventure Film Festival (hereinafter "the Festival" or '
                    '"Olvenna Trails") is organised by the Vessa Valley Mountain Culture Association.',
                ],
            ),
            (
                "olvenna_jury_information.html",
                "Information for jurors",
                "Olvenna International Travel and Adventure Film Festival",
                [
                    "Thank you for serving on a jury of the Olvenna International Travel and Adventure Film Festival.",
                    "Each member of the International Jury receives an honorarium of EUR 500.",
                ],
            ),
        ]
    )
    assert index.festival("vnsfa_rules_2025.md") == "Vestmark National Short Film Award"
    assert index.resolve("Is there a fee for the jury at Olvenna Trails?").sources == [
        "olvenna_jury_information.html",
        "olvenna_regulations.pdf",
    ]


def test_a_festival_named_in_two_parts_across_a_dash_is_named_over_the_association_that_runs_it() -> None:
    """ "Moving Frame – International Festival of Dance Film and Music Video (hereinafter "MOFRA" …) is organised by
    the Kinetikon Arts Association": the short name abbreviates the whole name across its dash, and the festival,
    not the association, names the rules and their FAQ (written check set AS, first sight: "Kinetikon Arts
    Association" in study mode)."""
    rules = (
        "1.1 Moving Frame – International Festival of Dance Film and Music Video (hereinafter “MOFRA” or “the "
        "Festival”) is organised by the Kinetikon Arts Association, Quayside Mill, 4410 Orlimar."
    )
    assert self_names("", rules) == {"mofra": "Moving Frame – International Festival of Dance Film and Music Video"}
    index = index_of(
        [
            ("mofra-rules-2025.html", "Rules and Regulations — 9th Edition, 2025", "", [rules]),
            (
                "mofra-faq.html",
                "Frequently Asked Questions",
                "",
                ["Who runs MOFRA? The Kinetikon Arts Association, a non-profit in Orlimar, runs MOFRA."],
            ),
        ]
    )
    assert index.group("mofra-faq.html") == {"mofra-rules-2025.html", "mofra-faq.html"}
    assert index.festival("mofra-faq.html").startswith("Moving Frame")


def test_a_one_word_nickname_both_documents_give_the_body_makes_them_one() -> None:
    """A rules page and a code of conduct that both call the awards "the Hollies", a nickname made from the name's
    own word ("Hollinsgate"), are one body, though the code's title names none and the page's title only "Graduation
    Awards" (written check set AU, first sight: two bodies in study mode). A term the rules define ("the Entrant") or
    a word of the name itself ("the Tour") is no nickname."""
    index = index_of(
        [
            (
                "hollinsgate_awards_2025.html",
                "The Hollies 2025: Graduation Awards Rules",
                "",
                [
                    "The Hollinsgate School of Film and Media Graduation Awards (known as “the Hollies”) celebrate the "
                    "best graduation films made by our students each year."
                ],
            ),
            (
                "panel_code_of_conduct.md",
                "Industry Panel Code of Conduct",
                "",
                [
                    'Hollinsgate School of Film and Media Graduation Awards ("the Hollies")\n'
                    "This Code sets out the standards expected of every member of the Industry Panel."
                ],
            ),
        ]
    )
    assert index.group("panel_code_of_conduct.md") == {"hollinsgate_awards_2025.html", "panel_code_of_conduct.md"}
    assert index.festival("panel_code_of_conduct.md") == "Hollinsgate School of Film and Media Graduation Awards"
    entrant = 'The person who submits a film (hereinafter "the Entrant") accepts these rules.'
    tour = 'The Ridgeline Outdoor and Adventure Film Tour (hereinafter "the Tour") visits twelve towns.'
    assert self_names("", entrant) == {} and "tour" not in self_names("", tour)


def test_the_award_or_competition_is_named_not_the_foundation_that_runs_it() -> None:
    """ "The Northlight Award … Administered by the Ferreira-Dunmore Foundation" and "The Penwarden International
    Screenwriting Competition … is run by the Penwarden Foundation for Dramatic Writing" were named after the
    foundations in study mode (written check set AV, first sight): the body a text says runs something is its
    organiser, not what the documents speak for."""
    index = index_of(
        [
            (
                "northlight_award_rules_2025.txt",
                "The Northlight Award for Human Rights Documentary",
                "Administered by the Ferreira-Dunmore Foundation for Civic Memory",
                [
                    'The Northlight Award for Human Rights Documentary (hereinafter "the Northlight Award") is '
                    "presented each year by the Ferreira-Dunmore Foundation for Civic Memory to a documentary film."
                ],
            ),
            (
                "pisc_official_rules_2026.docx",
                "Penwarden International Screenwriting Competition 2026",
                "",
                [
                    'The Penwarden International Screenwriting Competition (the "PISC" or the "Competition") is run by '
                    'the Penwarden Foundation for Dramatic Writing (the "Foundation"), a registered charity.'
                ],
            ),
            (
                "pisc_judges_faq.html",
                "Judges' FAQ",
                "",
                [
                    "You may say that you are a reader once the Penwarden Foundation for Dramatic Writing has published "
                    "the list of judges."
                ],
            ),
        ]
    )
    assert index.festival("northlight_award_rules_2025.txt") == "Northlight Award for Human Rights Documentary"
    assert index.festival("pisc_judges_faq.html") == "Penwarden International Screenwriting Competition"


def test_a_short_name_defined_under_a_name_in_capitals_or_in_bold_makes_the_documents_one_body() -> None:
    """A code of conduct headed "KALEIDO BAY INTERNATIONAL LGBTQ+ FILM FESTIVAL" with "(hereinafter "Kaleido" or
    "KBIFF")" on the next line, and submission rules that open "**Kaleido Bay International LGBTQ+ Film Festival**
    (hereinafter …)", were two bodies, one named in capitals (AX, first sight); "(**"Tinderbox48"** or **"T48"**)"
    after a challenge's name was no definition, so its jury agreement was a body of its own (AW)."""
    code = (
        "kaleido_jury_code_of_conduct.txt",
        "KALEIDO BAY INTERNATIONAL LGBTQ+ FILM FESTIVAL",
        'KALEIDO BAY INTERNATIONAL LGBTQ+ FILM FESTIVAL\n(hereinafter "Kaleido" or "KBIFF")',
        ["1.1 This Code sets out the standards of conduct expected of every member of a Kaleido jury."],
    )
    rules = (
        "kaleido_submission_rules_2026.md",
        "Kaleido 2026: Submission Rules",
        '**Kaleido Bay International LGBTQ+ Film Festival** (hereinafter "Kaleido" or "KBIFF")',
        ["These rules apply to all films submitted for the 12th edition of Kaleido."],
    )
    index = index_of([code, rules])
    assert index.group(code[0]) == {code[0], rules[0]}
    assert index.festival(code[0]) == "Kaleido Bay International LGBTQ+ Film Festival"
    challenge = (
        'The Tinderbox 48-Hour Micro-Budget Film Challenge (**"Tinderbox48"** or **"T48"**) is run by the Tinderbox '
        'Film Collective CIC (**"the Collective"**).'
    )
    assert self_names("", challenge) == {"tinderbox48": "Tinderbox 48-Hour Micro-Budget Film Challenge"}


def test_a_name_that_goes_on_after_its_head_noun_is_kept_whole() -> None:
    """ "International Festival of Virtual Reality and Immersive Works of Port Caldry (hereinafter "IMMERSA")" was cut
    to "International Festival", no name, and the foundation that organises it named the body (written check set
    AK); "Marhoff Screenplay & Short Film Awards" lost its "Marhoff" to a title's "Screenplay & Short Film Awards" (T)."""
    index = index_of(
        [
            (
                "immersa_regulations_2025.pdf",
                "Regulations of the Immersive Competition",
                "",
                [
                    "The International Festival of Virtual Reality and Immersive Works of Port Caldry (hereinafter "
                    '"IMMERSA" or "the Festival") is organised by the Caldry Digital Arts Foundation.'
                ],
            ),
            (
                "marhoff-awards-official-rules-2025.md",
                "Official Rules 2025 – Screenplay & Short Film Awards",
                "",
                [
                    'These Official Rules govern the 2025 Marhoff Screenplay & Short Film Awards (the "Awards" or '
                    '"MSSA") organised by the Edda Marhoff Foundation (the "Foundation").'
                ],
            ),
        ]
    )
    assert index.festival("immersa_regulations_2025.pdf") == (
        "International Festival of Virtual Reality and Immersive Works of Port Caldry"
    )
    assert index.festival("marhoff-awards-official-rules-2025.md") == "Marhoff Screenplay & Short Film Awards"


def test_a_name_that_goes_on_with_of_and_then_for_is_kept_whole() -> None:
    """ "Brindlewood International Festival of Films for Children and Young Audiences" was cut after "of Films", and
    so lost its initials "BIFFY" (written check set AY, first sight); "… Experimental Cinema and Video Art of Oltrevia"
    lost its town (AB)."""
    index = index_of(
        [
            (
                "biffy_jury_regulations.html",
                "Regulations for the Juries",
                "BIFFY 2025 · 23rd edition · Brindlewood",
                [
                    "23rd Brindlewood International Festival of Films for Children and Young Audiences, 6-13 June 2025",
                    "The Brindlewood International Festival of Films for Children and Young Audiences, hereinafter "
                    '"BIFFY" or "the Festival", has a Professional Jury and a Children\'s Jury.',
                ],
            ),
        ]
    )
    assert index.named("biffy_jury_regulations.html") == (
        "Brindlewood International Festival of Films for Children and Young Audiences",
        "BIFFY",
    )


def test_documents_that_give_addresses_at_one_mail_domain_are_one_body() -> None:
    """A jury page titled "Notes for the Jury" and an "Awards at a glance" page of the same silent film festival were
    two festivals: neither title names it, and its name ("Lantern & Keys") was read in neither. Both give addresses at
    lanternandkeys.example, as a contest's terms and its coordinator's e-mail to the judges give kelderwickarts.example
    (written check sets BB and BC); a free mail service's addresses join nobody."""
    index = index_of(
        [
            ("notes.html", "Notes for the Jury", "", ["Write to the Jury Coordinator at jury@lanternandkeys.example."]),
            ("awards.md", "Awards at a glance", "", ["Questions about the awards: awards@lanternandkeys.example."]),
            ("ridge.txt", "Volunteer judges' notes", "", ["Reach the organisers at ridgeline.films@gmail.com."]),
            ("brook.txt", "Judging sheet", "", ["Send your scores to brookside.shorts@gmail.com by Friday."]),
        ]
    )
    assert index.group("notes.html") == {"notes.html", "awards.md"}
    assert index.group("ridge.txt") == {"ridge.txt"}


def test_general_rules_of_the_association_that_runs_the_festivals_are_named_for_it_not_general() -> None:
    """ "General Jury Rules" of "the three festivals run by the Three Rivers Film Association" were named "General":
    the association was left out as the body that runs something, and nothing of a kind was left (written check set
    BI, first sight). A category after a prize's name is no part of it: "the Carrow Prize for Best Film" is one of the
    Carrow Prize's awards (BJ)."""
    index = index_of(
        [
            (
                "three_rivers_general_jury_rules.md",
                "General Jury Rules",
                "Three Rivers Film Association · Applies to: Wyndle Spring Shorts (April)",
                [
                    "1.1 These General Jury Rules apply to the competition juries of all three festivals run by the"
                    " Three Rivers Film Association (the Association).",
                    "2.1 Each festival has one competition jury of three members.",
                ],
            ),
            (
                "carrow_prize_statute.txt",
                "Carrow Prize Statute",
                "",
                [
                    "(1) This Statute may be cited as the Carrow Prize Statute.",
                    "17. (1) The Jury shall award the Carrow Prize for Best Film, of 40,000 crowns.",
                ],
            ),
        ]
    )
    assert index.named("three_rivers_general_jury_rules.md")[0] == "Three Rivers Film Association"
    assert index.named("carrow_prize_statute.txt")[0] == "Carrow Prize"  # not "Carrow Prize for Best Film"


def test_a_title_that_is_only_the_file_name_yields_to_the_body_the_text_opens_on() -> None:
    """A statute in plain text titled only by its file's name, "Carrow Prize Statute", opening on "THE CARROW NATIONAL
    FILM PRIZE STATUTE made by the National Screen Council", was a body of its own apart from the jurors' FAQ of the
    "Carrow National Film Prize" (written check set BJ, first sight). The name the text opens on names it."""
    index = index_of(
        [
            (
                "carrow_prize_statute.txt",
                "Carrow Prize Statute",
                "",
                [
                    "THE CARROW NATIONAL FILM PRIZE STATUTE made by the National Screen Council under section 41 of the"
                    " Screen Culture Act.",
                    "Prizes 17. (1) The Jury shall award the Carrow Prize for Best Film, of 40,000 crowns.",
                ],
            ),
            (
                "carrow_jurors_faq.pdf",
                "Carrow National Film Prize 2025 - Jurors' FAQ",
                "",
                ["How many films will I watch? The Selection Committee's shortlist has up to twelve films."],
            ),
        ]
    )
    assert index.group("carrow_prize_statute.txt") == {"carrow_prize_statute.txt", "carrow_jurors_faq.pdf"}
    assert index.named("carrow_prize_statute.txt")[0] == "Carrow National Film Prize"


def test_documents_of_one_festival_written_whole_only_in_a_footer_or_given_by_its_initials_are_one_body() -> None:
    """A young jurors' code titled "Little Lantern Youth Film Festival", whose text writes the name only at the start
    of its footer line, and the festival's handbook page titled "Young Jury Handbook 2025" were two bodies, one named
    "Young"; last year's jury minutes titled "VIDF 2024 … Minutes" stood apart from the Veldmoor International
    Documentary Festival's regulations; a "Volunteer Judges' Handbook — Inter-Club Film Competition" was named
    "Volunteer" (written check sets BK and BL, first sight)."""
    index = index_of(
        [
            (
                "little_lantern_code_of_conduct.md",
                "Little Lantern Youth Film Festival",
                "",
                [
                    "Please read this code together with your parent or carer.",
                    "Little Lantern Youth Film Festival CIC · Orrin Falls Arts Centre, 5 Wharf Row, Orrin Falls",
                ],
            ),
            (
                "little_lantern_jury_handbook.html",
                "Young Jury Handbook 2025",
                "Young Jury Handbook 2025 | Little Lantern Youth Film Festival · Little Lantern Youth Film Festival",
                ["Welcome to the Young Jury! You are one of the people who will choose this year's winners."],
            ),
            (
                "vidf_regulations_2025.pdf",
                "VELDMOOR INTERNATIONAL DOCUMENTARY FESTIVAL",
                "",
                ["Rule 4.1 The Veldmoor International Documentary Festival appoints two juries."],
            ),
            (
                "vidf_jury_minutes_2024.docx",
                "VIDF 2024 International Feature Jury - Minutes of Deliberation",
                "",
                ["1.1 The President opened the session at 10:05 and welcomed the members."],
            ),
            (
                "federation_judges_handbook.md",
                "Volunteer Judges' Handbook — Inter-Club Film Competition",
                "",
                ["Judges are volunteers. Each member club may nominate up to two judges by 30 November."],
            ),
        ]
    )
    lantern = {"little_lantern_code_of_conduct.md", "little_lantern_jury_handbook.html"}
    assert index.group("little_lantern_jury_handbook.html") == lantern
    assert index.named("little_lantern_jury_handbook.html")[0] == "Little Lantern Youth Film Festival"
    assert index.group("vidf_jury_minutes_2024.docx") == {"vidf_jury_minutes_2024.docx", "vidf_regulations_2025.pdf"}
    assert index.named("federation_judges_handbook.md")[0] == "Inter-Club Film Competition"


def test_a_festival_is_named_by_all_its_initials_before_those_of_the_body_that_runs_it() -> None:
    """The Meridale International Film Festival was listed as "MFF", the initials of the Meridale Film Foundation
    that its texts write more often, though they call the festival "MIFF" (written check set CH, first sight)."""
    docs = [
        (
            "miff_terms.docx",
            "Terms of Reference for Juries – 31st Meridale International Film Festival",
            "",
            [
                "The Meridale Film Foundation (MFF) runs the festival. MFF appoints the jury. MFF pays the fees.",
                "MIFF 2026 runs from 4 to 13 September.",
            ],
        ),
        ("other.md", "Harbour Film Festival Rules", "", ["The Harbour jury has three members."]),
    ]
    assert index_of(docs).named("miff_terms.docx") == ("Meridale International Film Festival", "MIFF")


def test_a_name_completed_from_the_text_never_runs_over_a_sentences_end_nor_opens_on_its_first_word() -> None:
    """A jury page titled "The Jury 2026" was listed as the festival "Tollhus Hall. The jury", from "… attend every
    pitch in Tollhus Hall. The jury deliberates …", and once that was mended as "How the jury", from the heading
    "How the jury works" (written check set CF, first sight)."""
    docs = [
        (
            "jury_page.html",
            "The Jury 2026",
            "",
            [
                "How the jury works",
                "The jurors attend every pitch in Tollhus Hall. The jury deliberates in closed session.",
            ],
        ),
        ("other.md", "Harbour Film Festival Rules", "", ["The Harbour jury has three members."]),
    ]
    name = index_of(docs).named("jury_page.html")[0]
    assert "Tollhus" not in name and not name.startswith("How"), name


def test_a_charter_titled_by_the_festivals_short_name_joins_the_festival_though_its_header_names_the_foundation() -> (
    None
):
    """An animation festival's "OIAF Jury Charter 2026", whose running header opens on the foundation that organises
    the festival and whose text opens on its contents, was a festival of its own ("Oswerra Animation Foundation"), so
    "how much comes with the big feature prize at oswerra?" was declined (blind check set CO, first sight). A title
    that names only another document's body, by the short name that one defines, is that body's."""
    index = index_of(
        [
            (
                "oiaf_jury_charter_2026.pdf",
                "OIAF Jury Charter 2026",
                "OSWERRA ANIMATION FOUNDATION · 14th Oswerra International Animation Festival, 9-14 June 2026",
                [
                    "This Charter is issued to each member of the juries together with the Regulations.",
                    "(b) Foundation means the Oswerra Animation Foundation, organiser of the Festival;",
                ],
            ),
            (
                "oswerra_regulations_2026.html",
                "Regulations of the 14th Oswerra International Animation Festival",
                "",
                ['The 14th Oswerra International Animation Festival (hereinafter "OIAF") takes place in June 2026.'],
            ),
            (
                "wrenfold_rules.md",
                "The Wrenfold Prize for Documentary Film",
                "",
                ["The Wrenfold Prize is awarded by the Corrin Valley Film Society."],
            ),
        ]
    )
    assert index.group("oiaf_jury_charter_2026.pdf") == {"oiaf_jury_charter_2026.pdf", "oswerra_regulations_2026.html"}
    assert index.named("oiaf_jury_charter_2026.pdf")[0] == "Oswerra International Animation Festival"
