"""Layout tables: an old web page or an HTML e-mail that places its whole text in table cells."""

from __future__ import annotations

from assistant.library.chunking import chunk_document
from assistant.library.loading.files import load_bytes

# A festival site of the early 2000s: a banner row, a menu cell and the rules in one cell, paragraphs between
# <br><br>, each heading in bold inside a <font>.
OLD_PAGE = """<html><head><title>Harrowgate Film Week :: Jury Rules</title></head><body>
<table width="760" border="0" cellpadding="0" cellspacing="0" align="center">
<tr><td colspan="2"><font size="6"><b>HARROWGATE FILM WEEK</b></font><br>12th edition &middot; 3 - 9 May 2031</td></tr>
<tr><td width="160" valign="top">
  <table width="160" border="0"><tr><td><a href="index.html">Home</a></td></tr>
  <tr><td><a href="rules.html">Jury Rules</a></td></tr></table>
</td>
<td valign="top"><font face="Verdana" size="2">
<b>R1. CONFLICTS</b><br><br>
R1.1 A juror who is related to anyone named in the credits of a competing film must tell the Festival Director
before the first jury screening. The Director decides whether the juror stays on the jury.<br><br>
R1.2 Jurors may not accept gifts from anyone connected with a competing film.<br><br>
<b>R2. VOTING</b><br><br>
R2.1 Each award is decided by a simple majority of the jurors present. In a tie the President has a casting
vote.<br><br>
R2.2 Voting by proxy is not permitted.<br><br>
<b>R3. TIMETABLE</b><br><br>
<table border="1" cellpadding="4"><tr><th>Day</th><th>What</th></tr>
<tr><td>Friday 8 May<br>10:00</td><td>Final deliberation, Mill House</td></tr></table>
</font></td></tr></table></body></html>"""


def test_an_old_pages_rules_in_one_table_cell_are_read_as_paragraphs_under_their_headings():
    """Read as a data table, the banner was glued before every cell ("HARROWGATE FILM WEEK …: Home."), the rules ran
    together as one "row", and each <br> showed in the answer as a stray private-use character (written check set
    CT's jury rules, BS's e-mail dispatch)."""
    doc = load_bytes(OLD_PAGE.encode("utf-8"), "jury-rules.html")
    chunks = chunk_document(doc)
    assert not any("\ue000" in c.text for c in chunks)
    tie = next(c for c in chunks if "casting" in c.text)
    assert tie.section == "R2. VOTING"
    assert "HARROWGATE" not in tie.text and "Home" not in tie.text
    assert "R2.1 Each award is decided by a simple majority of the jurors present." in " ".join(tie.text.split())
    gifts = next(c for c in chunks if "gifts" in c.text)
    assert gifts.section == "R1. CONFLICTS"


def test_a_data_table_inside_a_layout_table_keeps_its_rows_and_a_break_in_a_cell_is_a_space():
    doc = load_bytes(OLD_PAGE.encode("utf-8"), "jury-rules.html")
    rows = [b.text for b in doc.blocks if b.table]
    assert "Day: Friday 8 May 10:00; What: Final deliberation, Mill House." in rows


def test_an_e_mails_schedule_marked_presentation_is_still_read_as_a_table():
    """E-mail templates put role="presentation" on every table, their schedules too: a table with a header row
    stays a table, each row read with its headers."""
    mail = """<html><body><table role="presentation" width="100%"><tr><td>
    <table role="presentation" width="600"><tr><td><h1>Jury letter</h1>
    <p>Welcome to the jury. Please read the timetable below and keep the final day free of other plans.</p>
    <table role="presentation" border="1"><tr><th>Date</th><th>What</th></tr>
    <tr><td>Sat 21 March</td><td>Main Jury deliberation, Room 3</td></tr></table>
    </td></tr></table></td></tr></table></body></html>"""
    doc = load_bytes(mail.encode("utf-8"), "letter.html")
    assert "Date: Sat 21 March; What: Main Jury deliberation, Room 3." in [b.text for b in doc.blocks if b.table]
    assert any(b.text.startswith("Welcome to the jury.") and not b.table for b in doc.blocks)
