"""The Textual face of detox. Only `detox` (no subcommand) imports this package."""
