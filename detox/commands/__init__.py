"""The subcommands of `detox`, grouped by topic. None of them may import textual."""
