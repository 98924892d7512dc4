"""The kinds of answer a question asks for ("how many" a count, "when" a date, "who" an actor, "can I" a permission,
a tie, a shared award, what to do) and what a sentence of each kind holds; read by answers/needs.py."""

from __future__ import annotations

import re

from assistant.answers.instructions import INSTRUCTION, WHAT_TO_DO
from assistant.text import MONTHS, NUMBER_WORDS

COUNT_WORDS = r"\d+|" + "|".join(NUMBER_WORDS)
COUNT = rf"\b({COUNT_WORDS})\b"
# What an answer about an amount holds: a number, or a word that states a quantity.
_AMOUNT_WORDS = rf"\b({COUNT_WORDS}|half|all|both|majority|none|single|double|maximum|minimum)\b"
# "May" is a month only beside a day or a year ("on 3 May", "May 2025"); alone, it is the rule word "may".
MONTH_WORDS = "|".join(m for m in MONTHS if m != "may") + r"|\d{1,2}(?:st|nd|rd|th)?\s+may\b|may\s+\d{1,4}\b|\bin may\b"
# Nouns that name the kind of answer, not what it is about ("what PERCENTAGE", "the last MOMENT", "the DEADLINE").
AMOUNT_NOUNS = ("percentage", "share", "amount", "weight", "age", "size")
KIND_NOUNS = frozenset(AMOUNT_NOUNS) | frozenset(
    "moment date day hour time deadline limit number sum name kind type sort way point".split()
)
# One award given to several films, asked in plain words; the rules' own word for it is "ex aequo".
SHARED_AWARD = re.compile(
    # (not a jury "split down the middle between two films": a tie)
    r"\b(?:split|splits|share|shares|divide|divides|give|given|award|awarded|go|goes)\b"
    r"(?!\s+(?:evenly|equally|down the middle|50[/-]50|fifty-fifty))[^?.!]{0,50}?"
    r"\b(?:between|to|among)\s+(?:the\s+)?(?:two|both|several|multiple|more than one)\s+(?:of\s+)?(?:[\w'’-]+\s+)?"
    r"(?:films|works|entries|titles|winners|nominees|them)\b"
    # "can we split the Golden Lantern between them?"
    r"|\b(?:split|share|divide)\b(?!\s+(?:evenly|equally|down the middle))[^?.!]{0,50}?\b(?:between|among)\s+them\b",
    re.I,
)
SHARED_AWARD_TERM = "ex aequo"
# What a winner is given, asked with no word for money: "what does the winner get", "what do the winners receive",
# "what does the micro budget category win" (not "what do we do if two films win": a tie)
_WHAT_WON = (
    r"\bwhat\s+(?:do|does|did|will|would)\s+(?:(?!\b(?:if|when|whether|unless)\b)[^?])*?"
    r"(?:\b(?:winners?|wins?|winning|won)\b[^?]*?\b(?:get|gets|receive|receives|take\s+home|walk\s+away\s+with)\b"
    r"|\bwin\b(?=\s*(?:\?|$|at\b|in\b|for\b)))"
)
WHAT_WON = re.compile(_WHAT_WON, re.I)
# (kind, how a question asks for it, what an answer of that kind contains)
ANSWER_KINDS: list[tuple[str, re.Pattern[str], re.Pattern[str]]] = [
    (
        # "What's the coordinator's phone number?": a number to call, written as one ("+00 555 0199", "(555)
        # 014-2290"), not the rule that says whom to tell; likewise an email address.
        "phone",
        re.compile(
            r"\b(?:phone|telephone|mobile|cell)\s+(?:number|no)\b|\bnumber (?:to|i can|we can) (?:call|ring)\b", re.I
        ),
        re.compile(r"(?<![\w/-])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,5}\)\s?)?\d{2,5}(?:[\s.-]\d{2,5}){1,4}(?![\w/-])"),
    ),
    ("email", re.compile(r"\be-?mail address", re.I), re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")),
    (
        # "Could our jury split the Pardo d'Oro between two films?", "… give the prize to two films together?": one award
        # to several films, which the rules grant or refuse as a prize given "ex aequo", "divided" or "shared", not by
        # a rule on mentions or on who may win.
        "shared",
        SHARED_AWARD,
        re.compile(
            # (not "a ballot between the two works most voted"; "The Golden Reed may not be divided", "shall not divide the
            # First Prize …")
            r"\b(?:ex aequo|jointly|joint winners?|(?:to|between|among)\s+(?:(?:no more than|up to|at most)\s+)?"
            r"(?:two|several|more)\s+(?:or more\s+)?(?:films|works|winners|titles)"
            r"|(?:prizes?|awards?|it)\b[^.;]{0,40}\b(?:shared|divided|divisible|split)|(?:shared|divided|split)\s+between"
            r"|(?:may|can|cannot|shall|will|must)\s+(?:not\s+|never\s+|only\s+)?be\s+(?:shared|divided|split)(?!\s+into)"
            r"|(?:may|can|cannot|shall|will|must)\s+(?:not\s+|never\s+)?(?:share|divide|split)\s+(?:the|a|an|its|any)\s+"
            r"(?:[\w'’-]+\s+){0,3}?(?:prizes?|awards?|prix|trophy|grants?)\b)\b",
            re.I,
        ),
    ),
    (
        # "What if two films get the same number of votes?", "… come out level …, what do we do?": only a rule on a
        # tie answers it; the rule on how votes are counted, or a prize's amount, does not.
        "tie",
        re.compile(
            r"\b(tie[sd]?\b(?!\s+(?:to|with|up)\b)|tie-?break\w*|deadlock(?:ed)?|casting vote"
            r"|(?:it['’]s|is|was|ends? in|ended in|results? in)\s+a\s+(?:dead\s+)?draw\b"  # (not "a prize draw")
            r"|(?:comes?|came|ends?|ended|finish\w*) (?:out|up) (?:exactly |dead )?even|(?:comes?|came|ends?|ended|finish\w*|are|"
            r"is|were|was|it['’]s)\s+(?:still\s+)?(?:out |up )?level|(?:the )?same (?:\w+ ){0,2}(?:number of|score|scores|points|marks|votes|"
            r"ballots|average|total|rating|ratings|grade|grades)|equal (?:number of )?(?:votes|scores|points|marks|ballots)"
            # "if our jury is split evenly", "our votes end up split down the middle" (not "the prize split evenly")
            r"|(?:jury|vote|votes|panel|ballots?|we|judges)\b[^.?!,;]{0,20}\b(?:split|divided)\s+(?:evenly|down the "
            r"middle|50[/-]50|fifty-fifty)|(?:evenly|equally) (?:split|divided)"
            r"|(?:stuck|split|locked|votes?|it['’]?s|at|is|are)\s+(\d)\s?(?:[-–—:]|to|all)\s?\2)\b",  # "stuck 2–2"
            re.I,
        ),
        re.compile(
            # (not "ex aequo": a prize shared, which a jury split down the middle need not be allowed)
            r"\b(ties?|tied|tie-?break\w*|deadlock\w*|casting vote|deciding vote|equality|level on|"
            # ("If the films are still equal after the second ballot, …")
            r"(?:are|is|remain|remains|be|were)\s+(?:still\s+)?(?:equal|level)(?!\s+(?:to|with|in\s+(?:weight|value|importance))\b)|"
            r"(?:the )?same (?:\w+ ){0,2}(?:number|score|scores|points|marks|votes|average|total|rating|ratings|grade|grades)|equal (?:\w+ ){0,2}(?:votes|scores|"
            r"points|marks|number))\b",
            re.I,
        ),
    ),
    (
        # "What if none of the films is good enough?", "Can we simply not give the Grand Prize?": only a rule on
        # withholding a prize answers it (that a jury may decide not to award one, or must always award it), not one
        # on what the prize is or how it may be shared.
        "withheld",
        re.compile(
            r"\b(?:none|no|nothing|no one|nobody)\b[^?.!]{0,50}?\b(?:good enough|deserves?|worthy|merits?|strong enough"
            r"|up to (?:the )?(?:standard|scratch))\b|\b(?:doesn['’]t|don['’]t|does not|do not)\s+think\s+any\b"
            r"[^?.!]{0,50}?\bdeserves?\b|\bnot\s+(?:to\s+)?(?:give|award|present|hand out)\s+(?:the|a|any|its|our)\s+"
            r"(?:[\w'’-]+\s+){0,3}?(?:prize|award|trophy)\b|\bwithh(?:o|e)ld\w*|\bno award\b",
            re.I,
        ),
        re.compile(
            r"\b(?:not\s+to\s+(?:award|present|give|assign|attribute|confer)|not\s+(?:award|present|assign|attribute)"
            r"(?:ing)?\s+(?:a|an|the|one|any|its)\b|withh(?:o|e)ld\w*|no award|not be awarded(?!\s+(?:ex aequo|jointly))|(?:must|shall)\s+(?:always\s+|"
            r"in any case\s+)?be\s+(?:awarded|assigned|presented|given|attributed)|(?:must|shall)\s+always\s+"
            r"(?:award|present|give)|carried over|no (?:film|work|entry) (?:meets|deserves|reaches|corresponds)"
            r"|declin\w* to (?:give|award|present)|declared void|(?:left|remain) unawarded)",  # "may not decline to give"
            re.I,
        ),
    ),
    (
        "amount",
        re.compile(
            rf"^\s*(how (much|long|often|early|late|far|old|big|large)|what ({'|'.join(AMOUNT_NOUNS)})|by how|"
            r"what'?s the (longest|shortest|maximum|minimum|most|least)|what is the (longest|"
            r"shortest|maximum|minimum|most|least))|\bhow (many|much)\b|\b(longest|shortest|maximum|minimum|how old)\b"
            # "What is the entry fee?", "What's the prize money for …?": a sum, as "how much" asks for
            r"|^\s*what(?:'s|’s| is| are| was| were) the (?:[\w-]+ ){0,2}?(?:fees?|prize money|cash prize|cash value|"
            r"price|costs?|per diem|allowance|grant|salary)\b|^\s*what (?:prize money|cash prize|fees?|per diem|allowance)\b"
            rf"|{_WHAT_WON}",
            re.I,
        ),
        re.compile(_AMOUNT_WORDS, re.I),
    ),
    (
        "time",
        re.compile(
            # (not "what time zone": a zone, which the rules name, not a clock time)
            r"^\s*(when|by when|until when|what date|what day|which day|from when|(?:at |by |until )?what time(?!\s+zones?\b))\b"
            # "What's the last day I can send my score sheets?"
            r"|^\s*(?:what|which)(?:['’]s| is| was)?\s+(?:the\s+)?(?:last|latest|final|earliest|first)\s+(?:day|date)\b"
            r"|\bdeadline\b",
            re.I,
        ),
        re.compile(
            rf"\b(\d{{1,2}}:\d{{2}}|{MONTH_WORDS}|monday|tuesday|wednesday|thursday|friday|saturday|sunday|before|after|"
            r"until|within|during|daily|each day|morning|evening|immediately|once|\d{4})\b"
            # a time told by an event: "summed up AT THE AWARDS CEREMONY", "announced ON THE CLOSING night"
            r"|\b(?:at|on) the (?:[\w-]+\s+){0,2}?(?:ceremony|closing|opening|gala)\b",
            re.I,
        ),
    ),
    (
        "place",
        re.compile(
            r"^\s*(where|in which (room|place|venue|building)|at which (venue|place))\b|\b(?:which|what) (?:hotel|inn)\b",
            re.I,
        ),
        re.compile(
            r"\b(at|in|on) (the )?[A-Z][\w'’-]+|\b(?i:room|hall|desk|office|theatre|theater|hotel|venue|cinema|street|"
            r"villa|centre|center|floor|entrance|lobby|screen|address)\b"
        ),
    ),
    (
        "actor",
        re.compile(
            r"^\s*(who|whom|whose|which (person|body|member|official|committee))\b|\bwho (decides|chooses|picks|"
            r"appoints|selects|sits|chairs|is on|are on|can be|may be)\b|\bnames? of (?:the|my|our|your|this year's)\b",
            re.I,
        ),
        re.compile(
            r"\b(president|coordinator|director|secretary|jury|juries|juror|jurors|judges?|panels?|committees?|board|"
            r"foundation|organi[sz]ers?|organi[sz]ation|festival|office|staff|team|chair|host|members?|participants?|"
            r"filmmakers?|programmers?|delegates?|academy|audience|public|viewers|spectators|voters?|you|"
            r"(?-i:[A-Z][a-z]+ [A-Z][a-z]+))\b",  # a person's name: two capitalised words, as written
            re.I,
        ),
    ),
    (
        # "My cousin produced one of the films: do I have to tell someone?", "I did some publicity work on one of the
        # films: can I still vote?": a rule on conflicts of interest answers it, not one on gifts or on the vote count.
        "conflict",
        re.compile(
            r"(?:\b(?:my|our)\s+(?:old\s+|close\s+|best\s+)?(?:cousin|sister|brother|friend|neighbou?r|partner|husband|"
            r"wife|son|daughter|grandson|granddaughter|nephew|niece|uncle|aunt|relative|colleague|student|sister-in-law|"
            r"brother-in-law|mother|father|dad|mum|mom|ex)|\b(?:friend|cousin|relative|colleague)\s+of\s+(?:mine|ours))"
            r"\b[^?]{0,80}?\b(?:directed|produced|edited|made|wrote|shot|"
            r"acted|worked|is (?:one of|on|in)|competing|film|short|documentary|entry|team|script|series)"
            r"|\b(?:I|I\s+work\s+for)\s+(?:taught|worked|did(?: some| the)?|helped|co-wrote|edited|produced|"
            r"went to (?:film )?school with|know (?:the|who))"
            r"\b[^?]{0,80}?\b(?:films?|shorts?|documentar\w+|entr\w+|team|scripts?|series|videos?|directors?|students?|"
            r"pieces?|works?|projects?|restorations?)\b",
            re.I,
        ),
        re.compile(
            r"\b(?:conflicts?|declar\w*|disclos\w*|connect\w*|relationships?|related|relatives?|family|spouse|sibling|"
            r"personal|recus\w*|step (?:aside|down|out|back)|abstain\w*|withdraw\w*|not (?:vote|score|take part|judge|"
            r"assess|serve)|replaced|incompatib\w*|impartial\w*|involved|worked on|recognis\w*|knows?|knowing|"
            r"(?:taken|took|takes?) part in the (?:production|making|financing))\b",
            re.I,
        ),
    ),
    (
        # "I missed a screening. What do I do now?": an instruction answers it (answers/instructions.py)
        "action",
        WHAT_TO_DO,
        INSTRUCTION,
    ),
    (
        "consequence",
        re.compile(r"\b(what happens|what if|what would happen|consequence|penalt(y|ies)|sanction)\b", re.I),
        re.compile(
            r"\b(if|unless|in case|in the event)\b.{0,120}\b(?:can|cannot)\b|"  # "If you miss it, you can catch up"
            # "if you don't vote …, you'll be moved" ("'ll" is "will"); "In that case the prize money is shared"
            r"\b(if|unless|in case|in the event|in (?:that|this|such a|which) case|where|when|otherwise)\b.{0,120}"
            r"(?:\b(is|are|has|have|will|shall|must|"
            r"may|loses?|becomes?|goes|go|decides?|wins?|gets?|counts?|receives?|takes?|keeps?|applies)\b|['’]ll\b)|"
            # the condition as a relative clause: "A juror WHO misses more than one block CANNOT take part", "… DOES NOT vote"
            r"\bwho\b.{0,120}?\b(?:cannot|can ?not|can['’]t|may not|must|shall|loses?|forfeits?|does not|doesn['’]t|"
            r"will not|won['’]t|no longer)\b|"
            r"\b(loses?|lost|excluded|disqualified|withdrawn|again|replaced|refused|removed|"
            r"forfeits?|cancelled|sanction)\b"
            # what a sanction does: "may SUSPEND the member's voting rights", "REMOVE you from the jury"
            r"|\b(?:warning|suspend|suspends|suspended|suspension|expel|expels|expelled|expulsion|remove|removes|"
            r"removal|exclude|excludes|exclusion|disqualify|disqualifies|disqualification|discard|discarded)\b",
            re.I,
        ),
    ),
    (
        "permission",
        re.compile(
            r"^\s*(can|could|may|might|must|should|shall|is it|are we|am i|is there|are there|do we|do i|does|do|did|"
            r"is|are|will|would|has|have)\b|\b(allowed|permitted|eligible|possible|able to)\b",
            re.I,
        ),
        re.compile(
            r"\b(may|may not|must|must not|shall|shall not|cannot|can't|can|not allowed|not permitted|allowed|"
            r"permitted|prohibited|forbidden|eligible|not eligible|not accepted|will not|won't|only|no|not|required|"
            r"obliged|entitled|cover|covers|covered|nobody|no one|none|never|unpaid|unremunerated|need|needs|have to|"
            r"has to)\b|n['’]t\b|(?:\b(?:are|is|be)|['’]re)\s+(?:\w+\s+)?welcome\b",  # "You're each welcome to …"
            re.I,
        ),
    ),
]
