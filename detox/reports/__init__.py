"""Reports: a period's use, mood, budgets and fasts, built once and rendered as text, Markdown,
CSV, JSON or a self-contained HTML page. Renderers load on demand (Rich only for text)."""
