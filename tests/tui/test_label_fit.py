"""Every dialog's field labels fit their column at 80x24 in every language: a label that wraps
pushes its field out of line with the others ("4. Recordatorio de ánimo a / las", with the time
squeezed against "a")."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.widgets import Label

from detox import i18n
from detox.tui.app import DetoxApp
from tests.tui.test_snapshots import settled

DIALOGS = [
    ("onboarding", ()),
    ("log-use", ("l",)),
    ("new-fast", ("f", "n")),
    ("reminder", ("r", "a")),
    ("export", ("w", "x")),
]


@pytest.mark.parametrize("language", ["en", "es", "pl", "ko", "zh_Hans", "zh_Hant"])
@pytest.mark.parametrize(("name", "keys"), DIALOGS, ids=[name for name, _ in DIALOGS])
async def test_field_labels_fit_on_one_line(
    make_app: Callable[..., DetoxApp], language: str, name: str, keys: tuple[str, ...]
) -> None:
    i18n.activate(language)
    new_user = name == "onboarding"
    app = make_app(seed=not new_user, onboarded=not new_user, config=not new_user)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(*keys)(pilot)
        labels = list(app.screen.query(".form-label").results(Label))
        assert labels, f"{name}: no field labels found"
        wrapped = [str(label.render()) for label in labels if label.size.height > 1]
    assert wrapped == [], f"{name} in {language}: {wrapped}"
