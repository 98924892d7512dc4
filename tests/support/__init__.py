"""Helpers shared by the tests: real processes, browsers, app drivers, made-up and real-shaped documents."""
