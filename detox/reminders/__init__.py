"""Reminders and nudges: which are in force, when they are due (a pure function), the tracker hook
that shows them, and the changes the `detox remind` commands make."""
