"""Bringing history in: ActivityWatch (export file or server), CSV, and detox's own export."""
