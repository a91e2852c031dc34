"""Probes report facts about the desktop; they know nothing of storage or the catalog.

Each OS-specific probe lives in its own module and is imported lazily by the factory, so a
machine without X11 never imports python-xlib.
"""
