"""What a question asks for: a kind of answer (an amount, a time, a place, an actor, a consequence, a permission),
and for "how many X" the noun counted; and whether a text holds it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.answers.companions import companion_asked, speaks_of_companion
from assistant.answers.instructions import INSTRUCTION, WHAT_TO_DO
from assistant.answers.juries import named_jury, speaks_of_jury
from assistant.answers.kinds import ANSWER_KINDS, COUNT, COUNT_WORDS, MONTH_WORDS, WHAT_WON
from assistant.answers.lodging import lodging_asked, speaks_of_lodging
from assistant.answers.measures import gives_measure, measures_asked
from assistant.answers.named import (
    WHO_HOLDS,
    asked_award,
    named_awards,
    names_a_person,
    names_beside,
    prized_awards,
    said_in,
)
from assistant.answers.pay import paid_as, pay_kind
from assistant.text import CURRENCY_SYMBOL, content_terms, stem, without_references, words

# Where a question's clauses meet: a sentence's end, a colon or a dash after a preamble ("Quick question: can I …"),
# or a comma before an asking word ("If I'm late, can I still vote?").
_CLAUSE = re.compile(
    r"[?.!;:]\s+|\s[-–—]+\s|,\s*(?=(?:can|could|may|might|must|should|shall|will|would|do|does|did|is|are|am|was|"
    r"were|how|what|when|where|who|which)\b)",
    re.I,
)
# Words that open a clause without belonging to what it asks ("And …", "So …", "Please, …", "OK then, …").
OPENER = re.compile(r"^\s*(?:(?:and|but|so|also|ok|okay|then|please|well|hi|hey)\b[,!]?\s*)+", re.I)


_SETS_THE_SCENE = re.compile(
    r"(?i)^(?:when|whenever|while|once)\s+(?:i|i['’]m|i['’]ve|we|we['’]re|you|you['’]re|they|he|she|my|our|the|a|an)\b"
)


def clauses(question: str) -> list[str]:
    """The clauses of a question, each without the words that merely open it: what each asks is read from its own
    first words, so a preamble ("I'm new to this. Please tell me: can I …") does not hide the asking word."""
    return [
        c for c in (_INDIRECT.sub("", OPENER.sub("", c)).strip() for c in _CLAUSE.split(question.strip()) if c) if c
    ]


# "Do you know who's chairing it?", "Can you tell me when …": the question asked is the one inside, not a yes or no.
_INDIRECT = re.compile(
    r"^(?:do you (?:happen to )?know|can you tell me|could you tell me|any idea|i(?:['’]d| would) like to know|"
    r"i wonder|i was wondering)\s+(?=(?:who|what|when|where|which|how)\b)",
    re.I,
)


_LIMIT = "max|maximum|min|minimum|tops|total|altogether|overall|exactly"
_HOW_MANY = re.compile(
    # ("how many films max?", "how many people in total?": the word before the limit is what is counted; a letter
    # alone is chat for a verb, "how many mentions r we allowed"; "how many CAN we hand out" counts what it
    # leaves unsaid)
    rf"\bhow many\s+((?:[a-z'’-]+\s+){{0,2}}?)(?!(?:{_LIMIT}|can|could|may|might|must|shall|should|will|would|do|does|did)\b)([a-z'’-]{{2,}}?)s?\b(?=\s+(?:are|is|do|does|can|may|must|sit|sits|"
    rf"will|would|have|has|of|on|in|per|for|get|vote|votes|i|we|you|they|{_LIMIT})\b|[?,]|$)",
    re.I,
)
# "How many critics sit on an IAFC jury", "How many kids are on the Teen Jury": whoever they are, its members count.
_ON_A_JURY = re.compile(
    r"\bhow many\s+[a-z'’-]+\s+(?:are|is|sit|sits|serve|serves|will be)\s+(?:on|in)\s+(?:[\w'’-]+\s+){0,4}?"
    r"(?:jury|juries|panel|committee)\b",
    re.I,
)
MONEY_QUESTION = re.compile(
    r"\b(money|cash|pay|paid|pays|fee|fees|dues|cost|costs|price|worth|grant|salary|allowance|prize money|per diems?|"
    r"honorari(?:um|ums|a)|stipends?|remuneration)\b",
    re.I,
)
_MONEY = re.compile(
    CURRENCY_SYMBOL
    + r"|\b(eur|euros?|usd|dollars?|chf|francs?|gbp|pounds?|rub|roubles?|rubles?|yen|jpy|yuan|rmb|cny|sek|nok|dkk|"
    r"pln|inr|rupees?|php|pesos?|aud|cad|nzd|hkd|sgd|twd|krw|thb|baht|idr|rupiah|myr|ringgit|zar|ngn|naira|"
    r"kes|shillings?|ghs|cedis?|egp|dirhams?|aed|lira|brl|reais|mxn|ars|clp|czk|huf|forints?|bgn|isk)\b",
    re.I,
)
# A rule on money that need not state a sum: "There is no entry fee", "Travel costs are not covered".
_MONEY_WORDS = re.compile(
    r"\b(money|cash|fees?|dues|costs?|charges?|charged|free|paid|pay|pays|payable|payments?|price|worth|reimburs\w*|"
    r"expenses?|allowance|per diem|grant|salary|honorari(?:um|ums|a)|stipends?|remuneration|refund\w*|unpaid|"
    r"unremunerated)\b",
    re.I,
)
# (not time kept free: "Please keep the whole afternoon free", "free time")
_NO_CHARGE = re.compile(
    r"\b(?:(?<!afternoon )(?<!morning )(?<!evening )(?<!day )(?<!days )(?<!week )(?<!diary )(?<!keep )"
    r"free(?! of (?:any|all)\b)(?! time| days?\b)|no (?:[\w-]+ )?(?:fees?|charges?|costs?)|without (?:any )?charge)\b",
    re.I,
)
# (not a conflict's "any paid or unpaid role")
_UNPAID = re.compile(
    r"\b(?:without (?:an? |any )?(?:fees?|payment|pay|remuneration|honorari(?:um|a))|no (?:fee|payment|honorarium)"
    r"|(?<!paid or )unpaid|unremunerated|(?:are|is) not paid)\b",
    re.I,
)
# What a pick or a point is "worth", what "costs" points: a score, not money
_POINTS = re.compile(r"\b(?:points?|marks?|scores?|votes?|ranks?|ranking|places?|choices?|picks?|preferences?)\b", re.I)


def _asks_money(asking: str) -> bool:
    said = {m.group(0).lower() for m in MONEY_QUESTION.finditer(asking)}
    if not said:
        return bool(_HOW_MUCH_WON.search(asking) or WHAT_WON.search(asking))
    return not (said <= {"worth", "cost", "costs"} and _POINTS.search(asking))


# The words for the jury and its members ("the jury", "adjudicators", "the panel", "the President").
JURY_NOUNS = r"jur(?:y|ies|ors?)|judges?|adjudicators?|panel(?:list)?s?|president"
# The jury as the ones paid: "Are the adjudicators PAID", "does it PAY its jury members", "the jurors' FEE".
_JURY_ROLE = re.compile(rf"\b(?:{JURY_NOUNS})\b", re.I)
_PAID = re.compile(
    r"\b(?:paid|pay|pays|fees?|reimburs\w*|compensat\w*|honorari\w*|remunerat\w*|salary|per diem)\b", re.I
)
# Money paid to enter a film ("How much does it cost to enter …?"): met only by a rule on entry, not by any sum.
_ENTRY_QUESTION = re.compile(r"\bto (?:enter|submit|register)\b|\b(?:entry|submission|registration)[- ]fees?\b", re.I)
_ENTRY = re.compile(r"\b(?:enter\w*|entr(?:y|ies)|submi\w+|regist\w+)\b", re.I)
# (read in one sentence or table cell: a row's "cannot be entered directly" says nothing of its "Prize: €6,000")
_CELLS = re.compile(r"(?<=[.!?])\s+|;\s+")
# Money a winner gets ("How much prize money do the winners get?"): met by a sum of a prize, read with its heading.
_PRIZE_QUESTION = re.compile(r"\b(?:prize money|cash prize|prizes?|winners?|wins?|winning)\b", re.I)
# An award, not an event named for the awards: "travel costs for attending the awards evening"
_AN_AWARD = r"awards?(?!\s+(?:evening|night|ceremony|dinner|gala|show|party|weekend|day)\b)"
# A prize's sum asked with no word for money: "how much is the special jury award", "how much does the winner take home"
_HOW_MUCH_WON = re.compile(
    rf"\bhow much\b(?!\s+(?:time|longer|notice|work|of)\b)[^?]*?\b(?:prizes?|winners?|wins?|take home|{_AN_AWARD})\b",
    re.I,
)
# What a winner may be given besides money
_REWARD = re.compile(
    r"\b(?:cash|trophy|trophies|statuettes?|certificates?|diplomas?|plaques?|medals?|vouchers?|cheques?)\b", re.I
)
_PRIZE = re.compile(
    rf"\b(?:prizes?|prix|{_AN_AWARD}|awarded|winners?|wins?|winning|best|grants?|trophy|trophies)\b",
    re.I,
)
# A quorum asked in plain words: how many must be there for a meeting or a vote to count.
_QUORUM_QUESTION = re.compile(
    r"\bhow many\b.*\b(?:have|has|need|needs|must|should)\s+(?:to\s+)?"
    r"(?:be|turn up|show up|attend|come)\b.*\b(?:count|counts|valid|go ahead|quorum|proceed|vote|deliberat\w*)\b",
    re.I,
)
_PRESENT = re.compile(r"\b(?:present|presence|quorum|quorate|valid|validly|attend\w*|in the room|in person)\b", re.I)
_DURATION_QUESTION = re.compile(r"\bhow (long|old)\b|\b(longest|shortest|oldest|youngest)\b", re.I)
# An age asked ("Is there a minimum age for jurors?"): met by an age ("aged 15 to 18"), not a size or running time.
_AGE_QUESTION = re.compile(
    r"\bhow old\b|\b(?:oldest|youngest)\b|\b(?:minimum|maximum|min|max) age\b|\bage limits?\b", re.I
)
_AGE = re.compile(
    r"\baged?\s+(?:between\s+)?\d|\d+\s*(?:years?|yrs?)\b|\b(?:full age|of age|age of|adults?|minors?)\b|"
    r"\b(?:under|over)\s+(?:the age of\s+)?\d",
    re.I,
)
_TIME_UNITS = r"minutes?|mins?|hours?|days?|weeks?|months?|years?"  # (seconds apart: "50–59 Lower Second Class")
_DURATION = re.compile(
    COUNT + rf"(?:\W+\w+){{0,2}}?\W+({_TIME_UNITS})\b"
    # seconds right after their count ("a 90-second film"), not an ordinal ("50–59 Lower Second Class")
    r"|" + COUNT + r"[\s-]+seconds?\b"
    # a running time ("1:30"), never a clock time ("at 11:59 P.M", "by 18:00")
    r"|(?<!\bat )(?<!\bby )\b\d{1,2}:\d{2}\b(?!\s*[ap]\.?\s?m\b)|\b(full age|adults?|of age|age of)\b",
    re.I,
)
_COUNTS_PRONOUN = re.compile(
    r"\bhow many\s+(?:of\s+)?(?:them|us|you|(?:those|these)(?=\s*(?:[?,.]|$|\s(?:are|is|have|has|must|may|can|do)\b)))\b",
    re.I,
)
PEOPLE = frozenset(
    "people persons person members member jurors juror judges judge voters voter participants participant "
    "representatives representative delegates delegate specialists specialist filmmakers filmmaker".split()
)


@dataclass(frozen=True)
class Need:
    """What an answer must contain: a kind (amount, time, place, actor, consequence, permission), and for "how many
    X" the noun counted, for "how much does it pay" a sum of money."""

    kind: str
    counted: str = ""
    money: bool = False
    duration: bool = False  # "how long", "how old": a number with its unit (minutes, days, years)
    to_jury: bool = False  # "Are the adjudicators paid a fee?": money the jury receives, not any sum
    hour: bool = False  # "What time does the ceremony start?": a clock time, not a date
    starts: bool = False  # "… start?": the hour something starts at, not a deadline ("no later than 12:00")
    person: bool = False  # "Who is chairing the jury this year?": a person's name, not the role that chooses one
    award: frozenset[str] = frozenset()  # "How much comes with Best Climbing Film?": the sum of that award, no other
    quorum: bool = False  # "How many of us have to be in the room for the vote to count?": how many must be present
    entry: bool = False  # "How much does it cost to enter a film?": the fee for entering, not any sum
    age: bool = False  # "Is there a minimum age for jurors?": an age, not a count or a running time
    prize: bool = False  # "How much prize money do the winners get?": a prize's sum, not the readers' honorarium
    # "What does the winner get?": a prize's sum, or what else is given with it ("a trophy and a certificate")
    reward: bool = False
    pay: str = ""  # "paid a FEE", "the daily ALLOWANCE": the kind of the jury's pay named (answers/pay.py)
    jury: str = ""  # "the STUDENT jury's deliberation": the stem of the jury named, met only by its own rules
    companion: bool = False  # "Can I bring my husband along?": met only by a rule on companions (answers/companions.py)
    action: bool = False  # "My cousin edited a film: what am I supposed to do?": an instruction (instructions.py)
    measure: frozenset[str] = frozenset()  # "My film runs 45 minutes. Can I enter it?": a limit in minutes
    # "Will they put me up in a hotel?": a rule on accommodation; "Which hotel?": its name (answers/lodging.py)
    lodging: str = ""
    award_name: str = ""  # "How much comes with the Special Jury Prize?": its name as asked, beside the sum
    # "What time does the awards DINNER start?": the hour is met only beside a word of the event asked about
    event: frozenset[str] = frozenset()


# "What if I can't make it, CAN I just email my vote in?": the "what if" sets the scene for a permission asked
_WHAT_IF = re.compile(r"(?i)^(?:(?:ok|okay|and|but|so)\s+)*what if\b")
_CAN_ASKED = re.compile(r"(?i)^(?:(?:so|then|and)\s+)?(?:can|may|could)\s+(?:i|we|they|he|she|you|my|our|the)\b")

# What a question takes as given, not what it asks: "a daily allowance ON TOP OF THE FEE", "apart from the hotel"
_GIVEN = re.compile(
    r"\b(?:on top of|in addition to|besides|apart from|other than)\s+[^,?]*?"
    r"(?=[,?]|\s+(?:do|does|did|is|are|will|would|can|could|how|what|at|like)\b|$)",
    re.I,
)

# Kinds a question for what to do is read as too ("…, where I'm on the jury. Do I need to tell anybody?": a "place")
_ACTS_ON = frozenset({"place", "actor", "conflict", "consequence", "permission"})


def answer_need(question: str) -> Need | None:
    """The most specific kind of answer any clause of the question asks for (a number before a permission:
    "Is there an international jury too? How big is it?" wants a size)."""
    parts = clauses(question)
    # "When I'm scoring scripts, which part counts for the most?": a clause that sets the scene asks no time
    parts = [c for i, c in enumerate(parts) if i == len(parts) - 1 or not _SETS_THE_SCENE.match(c)]
    scene = {c for c, nxt in zip(parts, parts[1:], strict=False) if _WHAT_IF.match(c) and _CAN_ASKED.match(nxt)}
    for kind, asks, _ in ANSWER_KINDS:
        asking = next((c for c in parts if asks.search(c) and not (kind == "consequence" and c in scene)), None)
        companion = asking is not None and companion_asked(question, asking)
        if asking is not None and not (kind == "conflict" and companion):  # "Can I bring my husband to …?"
            # What is counted, or whether it is money or a duration, is read in the clause that asks: a follow-up's
            # words borrowed from an earlier question ("... worth") do not make "the most prizes" a sum of money.
            counted = ""
            if kind == "amount":
                m = _HOW_MANY.search(asking)
                counted = m.group(2).lower() if m else ""
                if _COUNTS_PRONOUN.search(asking):  # "how many of THEM": a count of whoever they are
                    counted = ""
                elif counted and not {counted, f"{counted}s"} & PEOPLE and _ON_A_JURY.search(asking):
                    # "How many kids are on the Teen Jury?": its members, whoever they are
                    counted = "people"
            # A yes/no question about money ("Do teams pay anything?", "Is there cash attached to it?") is met by a rule
            # on money, not by any rule with a modal word.
            money = kind in ("amount", "permission") and _asks_money(asking) and not counted
            duration = kind == "amount" and bool(_DURATION_QUESTION.search(asking)) and not money
            # (not "pay for a hotel for the jury meeting": what is paid for is a room, not the jurors' pay)
            to_jury = money and not lodging_asked(asking) and bool(_JURY_ROLE.search(asking) and _PAID.search(asking))
            hour = kind == "time" and bool(re.search(r"\bwhat time\b", asking, re.I))
            starts = hour and bool(_STARTS.search(asking))
            person = kind == "actor" and bool(WHO_HOLDS.search(asking))
            worded = named_awards(asking) if money else []  # (an award named with a word for one)
            awards = prized_awards(asking, worded) if money else []
            award = next((naming for _, naming in awards), frozenset())
            quorum = kind == "amount" and bool(_QUORUM_QUESTION.search(asking))
            won = bool(WHAT_WON.search(asking))  # (what the winner gets is no fee for entering)
            entry = money and not won and bool(_ENTRY_QUESTION.search(asking))
            age = kind == "amount" and bool(_AGE_QUESTION.search(asking))
            # (an award only described, "the best short film", is still asked as a prize: not "20 EUR for a short film")
            prize = (
                money
                and not (to_jury or entry or worded)
                and bool(_PRIZE_QUESTION.search(asking) or _HOW_MUCH_WON.search(asking))
            )
            reward = won and money and not to_jury
            flags = (money, duration, to_jury, hour, starts, person, award, quorum, entry, age, prize, reward)
            pay, jury = pay_kind(_GIVEN.sub("", asking)) if money else "", named_jury(asking)
            action = kind in _ACTS_ON and bool(WHAT_TO_DO.search(parts[-1]))  # the last clause asks it
            measure = measures_asked(question) if kind == "permission" else frozenset()  # (answers/measures.py)
            named = asked_award(asking, awards) if money and not (to_jury or entry) else ""
            event = _event_asked(asking) if hour else frozenset()
            lodging = lodging_asked(_GIVEN.sub("", question))
            return Need(kind, counted, *flags, pay, jury, companion, action, measure, lodging, named, event)
    return None


# Kinds a quote may answer without their marking words ("Can they appeal?": "Decisions of the jury are final."): a
# permission missing from the quotes marked 16 answerable questions and 6 unanswerable ones held out. A yes/no
# question about money, a companion or a jury of its own ("does the youth jury get to give one too?") is an
# exception. A conflict's rule is unmarked too (docs/evaluation.md).
UNMARKED_KINDS = frozenset({"permission", "conflict", "action"})


def follow_up_need(question: str, own: str | None) -> Need | None:
    """What a follow-up asks for: `question` is it made whole with what was asked before, `own` its own words. Its own
    kind when that is another ("And if one of us flies home, can the others still decide?" asks no count, as "How many
    sit on the jury?" before it did), and no instruction it only borrows ("… tell the Academy? Once I've declared it,
    can I still vote?")."""
    need, own_need = answer_need(question), answer_need(own) if own else None
    if own_need is not None and need is not None and own_need.kind != need.kind:
        return own_need
    if need is not None and (need.action or need.kind == "action") and own and not WHAT_TO_DO.search(own):
        return own_need
    return need


def needs_marked_answer(need: Need | None) -> bool:
    """Does a quote that lacks this kind's words fall short of the question (a sum for "how much", a date for
    "when"), so that the abstention score should hear of it?"""
    return need is not None and (
        need.kind not in UNMARKED_KINDS or need.money or need.companion or bool(need.jury or need.lodging)
    )


def meets(text: str, need: Need | None) -> bool:
    """Does the text hold what the question asks for?"""
    if need is None:
        return False
    if need.action:  # "Do I need to tell anyone?": "Jurors must declare …", not the definition of a conflict
        return bool(INSTRUCTION.search(text))
    if need.measure:  # "My film runs 45 minutes": "20 minutes or less", not who may move it to another category
        return gives_measure(text, need.measure)
    pattern = next(p for k, _, p in ANSWER_KINDS if k == need.kind)
    if need.quorum and not _PRESENT.search(text):
        return False  # the jury's size, or a count of anything else, says nothing of how many must be there
    if need.to_jury and need.pay != "allowance" and not _JURY_ROLE.search(text):
        return False  # an entry fee or the prize money says nothing of what the jury is paid (a per diem is no prize)
    if need.entry and not any(
        _ENTRY.search(c) and (_MONEY_WORDS.search(c) or _MONEY.search(c)) for c in _CELLS.split(text)
    ):
        return False  # the jurors' allowance says nothing of what entering a film costs
    if need.prize and not _PRIZE.search(text):
        return False  # nor of what the winners get
    if need.award and not said_in(need.award, {stem(w) for w in words(text)}):
        return False  # the Grand Prize's sum says nothing of what Best Climbing Film carries
    if need.reward and _PRIZE.search(text) and _REWARD.search(text):
        return True  # "The winner receives a glass trophy and a certificate"
    if need.award_name and not names_beside(text, need.award_name, _MONEY):
        return False  # nor the Golden Anchor's, listed in one sentence with the Jury Prize, of what that one carries
    if need.companion and not speaks_of_companion(text):
        return False  # the jurors' own hotel says nothing of whether a husband may come, or who pays for him
    if need.lodging and not speaks_of_lodging(text, need.lodging):
        return False
    if need.jury and not speaks_of_jury(text, need.jury):
        return False  # the International Jury's hour says nothing of the Student Jury's
    if need.kind in UNMARKED_KINDS and need.lodging and not (need.money or need.companion):
        return True  # marked only by what it is about: "Young jurors … are offered … accommodation"
    named_pay = pay_kind(text) if need.pay else ""
    if need.money and not (need.entry or need.prize) and _UNPAID.search(text) and named_pay in ("", need.pay):
        return True  # "Panellists serve without a fee": whether there is a fee, answered (not a daily allowance)
    if need.pay and not paid_as(text, need.pay, [m.start() for m in _MONEY.finditer(text)]):
        return False  # "a daily allowance of EUR 40" is no fee, "a fee of €600" no daily allowance
    if need.kind == "permission" and need.money:  # a sum, or a rule on money: "no entry fee", "costs are not covered"
        # (or who pays: "the Academy will book and pay for one night's hotel accommodation")
        return bool(
            _MONEY.search(text) or (_MONEY_WORDS.search(text) and (pattern.search(text) or _PAYS_FOR.search(text)))
        )
    if need.money and _NO_CHARGE.search(text):  # no sum at all: "Entry is free", "There is no entry fee"
        return True
    if need.kind == "phone":  # seven digits or more, not a span of years ("2025-2026") nor a sum ("10 000")
        return any(
            sum(c.isdigit() for c in m.group(0)) >= 7 and not _YEARS.fullmatch(m.group(0))
            for m in pattern.finditer(text)
        )
    if need.event and not need.event & set(content_terms(text)):
        return False  # the jury meeting's "10:00-16:00" says nothing of when the awards dinner starts
    if need.hour:
        # "What time does the ceremony start?" is not met by the hour of a deadline on the ceremony's day ("delivered no
        # later than 12:00 noon on 21 November", "at the latest at 12 noon on the day of the closing ceremony")
        return any(not (need.starts and _DEADLINE_BEFORE.search(text[: m.start()])) for m in _HOUR.finditer(text))
    if need.person:
        return names_a_person(text)
    text = without_references(text) if need.kind == "amount" else text  # "Articles 2, 3 and 4 also bind …": no count
    if need.counted == "time" and _ONCE.search(text):
        return True  # "how many times": "no more than twice a year"
    if not pattern.search(text):
        return False
    if need.money:
        return bool(_MONEY.search(text))
    if need.age:  # the jury's size or a film's running time is no age
        return bool(_AGE.search(text))
    # (a count of days is met by one in hours or weeks: "how many days do I have" / "within 48 hours")
    if need.duration or _TIME_UNIT.fullmatch(need.counted):
        return bool(_DURATION.search(text))
    if need.counted:
        counted = need.counted.rstrip("s")
        nouns = PEOPLE if f"{counted}s" in PEOPLE or counted in PEOPLE else {counted, f"{counted}s"}
        named = "|".join(re.escape(n) for n in sorted(nouns))
        # A count of them ("five members", "up to 15 further EFA members"; not "a majority"), or a table's cell under
        # their name ("Max points: 15", "15 (Max points)").
        # (not a year, a measure or a rate: "1 June 2025 may submit a film", "Film: up to 30 minutes", "20 per film")
        count = rf"(?!(?:19|20)\d\d\b){COUNT}(?!\s*(?:{_UNITS})(?!\w))"  # ("35% of all members": no "\b" after "%")
        counted_before = rf"{count}(?:\W+(?!(?:per|each|a|an)\b)\w+){{0,3}}?\W+({named})\b"
        named_before = rf"\b(?:{named})\s*:\s*(?:up to\s+)?{count}"
        window = re.compile(f"{counted_before}|{named_before}", re.I)
        return bool(window.search(text))
    return True


_TIME_UNIT = re.compile(rf"seconds?|{_TIME_UNITS}", re.I)
_PAYS_FOR = re.compile(r"\b(?:pays?|paid)\s+for\b|\bpaid\s+by\b", re.I)
_ONCE = re.compile(r"\b(?:once|twice|thrice)\b", re.I)
_UNITS = rf"%|percent|per cent|seconds?|{_TIME_UNITS}|words?|pages?|characters?"
_YEARS = re.compile(r"(?:19|20)\d\d(?:[\s./-]+(?:19|20)\d\d)+")
_STARTS = re.compile(r"\b(?:start|starts|begin|begins|open|opens|kick off|kicks off)\b", re.I)
# (the hour's own number may stand between: "no later than 12:00 noon")
_DEADLINE_BEFORE = re.compile(
    r"(?i)\b(?:no later than|not later than|at the latest(?: at| by)?|latest by|by|before|until)\s+"
    r"(?:\d{1,2}(?:[:.]\d{2})?\s*)?$"
)
_HOUR = re.compile(r"\b(\d{1,2}[:.]\d{2}|\d{1,2}\s?(?:a\.?m\b|p\.?m\b|h\b)|noon|midday|midnight|o['’]clock)", re.I)
_CONCRETE_TIME = re.compile(
    rf"\b(\d{{1,2}}:\d{{2}}|\d{{1,2}}(st|nd|rd|th)?|{MONTH_WORDS}|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    rf"noon|midday|midnight|{COUNT_WORDS})\b",
    re.I,
)


# Words of a "what time" question that say when, not what: "what TIME does it START on the 24TH / on SATURDAY"
_NOT_EVENT = re.compile(
    rf"(?i)^(?:\d+\w*|st|nd|rd|th|{MONTH_WORDS}|(?:mon|tues|wednes|thurs|fri|satur|sun)day|tim|start|begin|open|kick|"
    r"finish|end|clos)$"
)


def _event_asked(asking: str) -> frozenset[str]:
    """The stems naming what a "what time" question asks the hour of ("the Northlight awards evening")."""
    return frozenset(t for t in content_terms(asking) if not _NOT_EVENT.match(t))


def kind_score(text: str, need: Need | None) -> float:
    """1 when the text holds what the question asks for, 0 when not; a time given only as "before", "after" or
    "immediately" counts half beside one that names a date, a day, an hour or a number of days."""
    if not meets(text, need):
        return 0.0
    if need is not None and need.kind == "time" and not _CONCRETE_TIME.search(text):
        return 0.5
    return 1.0
