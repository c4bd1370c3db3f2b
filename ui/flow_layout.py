"""A layout that puts its widgets side by side and wraps them onto the next line when the
pane is too narrow, like words in a paragraph.

Hand-written after Qt's own "Flow Layout" example (Qt ships the example, not the class):
a row of decision buttons in a fixed ``QHBoxLayout`` pushed the last buttons out of the
window at 150 % scaling on a 1366x768 laptop. Right-to-left layouts flow from the right.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QWidget


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt API
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt API
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt API
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt API
        return Qt.Orientations(0)

    # No heightForWidth: inside a scroll area a layout that has one makes the whole pane ask
    # for its preferred (not minimum) height and scroll for nothing. Instead the host widget's
    # minimum height follows the lines actually used at its current width.
    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt API
        super().setGeometry(rect)
        height = self._do_layout(rect, apply=True)
        host = self.parentWidget()
        if host is not None and host.minimumHeight() != height:
            host.setMinimumHeight(height)

    def heightFor(self, width: int) -> int:  # noqa: N802 - Qt naming
        """The height the items need at ``width`` (for tests and callers that lay out by hand)."""
        return self._do_layout(QRect(0, 0, width, 0), apply=False)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt API
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _gap(self, item: QLayoutItem, orientation: Qt.Orientation) -> int:
        if self._spacing >= 0:
            return self._spacing
        widget = item.widget()
        style = widget.style() if widget is not None else None
        if style is None:
            return 6
        return style.layoutSpacing(QSizePolicy.PushButton, QSizePolicy.PushButton, orientation)

    def _do_layout(self, rect: QRect, *, apply: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        parent = self.parentWidget()
        rtl = parent is not None and parent.layoutDirection() == Qt.RightToLeft
        x, y, line = area.x(), area.y(), 0
        rows: list[list[tuple[QLayoutItem, QPoint, QSize]]] = [[]]
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            gap_x = self._gap(item, Qt.Horizontal)
            gap_y = self._gap(item, Qt.Vertical)
            next_x = x + hint.width() + gap_x
            if next_x - gap_x > area.right() + 1 and line > 0:
                x, y = area.x(), y + line + gap_y
                next_x = x + hint.width() + gap_x
                line = 0
                rows.append([])
            rows[-1].append((item, QPoint(x, y), hint))
            x = next_x
            line = max(line, hint.height())
        if apply:
            for row in rows:
                for item, point, hint in row:
                    if rtl:  # mirror within the area: the first item sits on the right
                        point = QPoint(area.x() + area.right() - point.x() - hint.width() + 1, point.y())
                    item.setGeometry(QRect(point, hint))
        return y + line - rect.y() + m.bottom()

