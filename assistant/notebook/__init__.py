"""A juror's notebook: the competition's films, private notes against the festival's own criteria, and a checklist
against the rules before deliberation. Never a verdict: nothing here ranks films, compares marks or suggests a winner.
"""
