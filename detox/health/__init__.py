"""Blood pressure, pulse and sleep readings, and time spent offline: the entries behind the
"three reasons" people give for a break (self-esteem is a mood dimension and lives there)."""
