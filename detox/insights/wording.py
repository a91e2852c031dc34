"""How numbers read in sentences: one decimal for scores, a sign on differences, plain labels."""

from __future__ import annotations

from detox.i18n import N_, _, listing

CAVEAT = N_(
    "Correlation is not causation: these figures show what went together in your own log, "
    "not what caused what. Published effects of quitting social media are small (about 0.1 "
    "standard deviations in large experiments), and tracking itself changes behaviour."
)
# Said once, under the findings, whenever blood pressure is among them; informative, not alarming.
HEALTH_CAVEAT = N_(
    "Blood pressure varies with salt, sleep, stress, medication and season, so a change here "
    "can have many causes; home readings above 140/90 are worth talking over with a doctor."
)


def caveat() -> str:
    """The caveat in the active language: the same numbers in every language."""
    return _(CAVEAT)


def health_caveat() -> str:
    return _(HEALTH_CAVEAT)


def score(value: float) -> str:
    return f"{value:.1f}"


def signed(value: float, places: int = 1) -> str:
    # Adding 0.0 turns a rounded -0.0 into 0.0, so a zero never prints as "-0.0".
    return f"{round(value, places) + 0.0:+.{places}f}"


def p_value(p: float) -> str:
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


def strength(r: float) -> str:
    """Words for |r| at the usual .3 / .5 / .7 marks."""
    size = abs(r)
    if size >= 0.7:
        return _("a strong link")
    if size >= 0.5:
        return _("a moderate link")
    if size >= 0.3:
        return _("a weak link")
    return _("a very weak link, if any")


def join_and(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return _("{items} and {last}").format(items=listing(parts[:-1]), last=parts[-1])
