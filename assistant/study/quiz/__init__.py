"""The quiz: facts, questions, scenarios and the quiz session."""
