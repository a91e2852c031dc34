"""Checkboxes and radio buttons whose state shows without colour.

Textual draws a toggle's inner mark whether it is on or off and tells the two apart by colour
alone; these draw the mark only when on, so the state reads on any terminal and to anyone.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox, RadioButton


class _MarkWhenOn:
    value: bool
    BUTTON_INNER: str

    def _mark(self, drawn: Content) -> Content:
        if self.value:
            return drawn
        return Content(drawn.plain.replace(self.BUTTON_INNER, " "))


class MarkedCheckbox(_MarkWhenOn, Checkbox):
    @property
    def _button(self) -> Content:
        return self._mark(super()._button)


class MarkedRadioButton(_MarkWhenOn, RadioButton):
    @property
    def _button(self) -> Content:
        return self._mark(super()._button)
