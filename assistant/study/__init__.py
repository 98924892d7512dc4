"""Study mode: festivals, rule items, addressee, briefing, quiz, glossary, progress."""
