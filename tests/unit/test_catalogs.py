"""Every message the code can show is translated in all four catalogs, with the same
placeholders, and the compiled catalogs that ship are the ones built from the .po files."""

from __future__ import annotations

import io

import pytest
from babel.messages.mofile import write_mo

from tests.catalogs import LANGUAGES, LOCALE, catalog, extracted, placeholders


def _key(message_id: str | tuple[str, ...]) -> str | tuple[str, ...]:
    return tuple(message_id) if isinstance(message_id, list | tuple) else message_id


def test_the_code_has_messages_to_translate() -> None:
    assert len(extracted()) > 150


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated(language: str) -> None:
    translated = {
        (message.context, _key(message.id))  # type: ignore[arg-type]
        for message in catalog(language)
        if message.id
        and "fuzzy" not in message.flags
        and all(message.string if isinstance(message.string, tuple) else [message.string])
    }
    missing = sorted(extracted() - translated, key=str)
    assert not missing, (
        f"{len(missing)} untranslated in {language} (run tools/catalogs, then translate): "
        + "; ".join(str(message) for _context, message in missing[:20])
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_every_placeholder(language: str) -> None:
    wrong = []
    for message in catalog(language):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        # A plural's forms may each leave out the number ({n} in "1 day" -> "jeden dzień") only
        # when the English singular does too, so the English plural is the reference.
        expected = placeholders(ids[-1])  # type: ignore[arg-type]
        for text in strings:
            if text and placeholders(text) != expected:  # type: ignore[arg-type]
                wrong.append(f"{ids[0]!r} -> {text!r}")
    assert not wrong, f"{language}: placeholders differ: " + "; ".join(wrong[:10])


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_shipped_catalog_is_compiled_from_the_po_file(language: str) -> None:
    built = io.BytesIO()
    write_mo(built, catalog(language))
    shipped = (LOCALE / language / "LC_MESSAGES" / "detox.mo").read_bytes()
    assert shipped == built.getvalue(), f"{language}: detox.mo is stale; run tools/catalogs"
