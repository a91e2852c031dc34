"""Balance: daily budgets, fasts and their presets, compliance and streaks, the integrity log,
and opt-in strict mode. Services only: nothing here knows about click or Textual."""
