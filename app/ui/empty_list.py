"""The line an empty list shows in its middle: what goes there and how to add the first; or, when
a search hides every row, that nothing matches it. One home for every list's empty state."""

from __future__ import annotations

from PySide6.QtCore import QAbstractProxyModel, QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QLineEdit

from app.ui.i18n import tr


class EmptyListHint(QLabel):
    """Centred over `view`'s rows while it shows none; gone with the first row.

    Before the first rows are read (`ready=False`) it stays hidden: an unread list is not yet
    known to be empty. Screen readers get the sentence as the list's description as well as the
    label's name, so it is read when the list takes the focus."""

    def __init__(
        self,
        view: QAbstractItemView,
        empty: str,
        *,
        search: QLineEdit | None = None,
        ready: bool = False,
    ) -> None:
        super().__init__(view.viewport())
        self.view, self.empty, self.search = view, empty, search
        self._ready = ready
        self._description = view.accessibleDescription()  # given back once rows show
        self.setObjectName("emptyListHint")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)  # clicks reach the list
        self.hide()
        model = view.model()
        model.modelReset.connect(self._on_model_reset)
        for signal in (model.rowsInserted, model.rowsRemoved, model.layoutChanged):
            signal.connect(self.refresh)
        if search is not None:
            search.textChanged.connect(self.refresh)
        view.viewport().installEventFilter(self)
        # Scrolling moves the viewport's children: an empty table wider than its window scrolls.
        for bar in (view.horizontalScrollBar(), view.verticalScrollBar()):
            bar.valueChanged.connect(self._place)
        self.refresh()

    def _on_model_reset(self) -> None:
        self._ready = True  # the rows were read: from now on an empty list is empty
        self.refresh()

    def sentence(self) -> str:
        """What the list says now ("" while it shows rows or is not read yet)."""
        model = self.view.model()
        if not self._ready or model.rowCount() > 0:
            return ""
        source = model.sourceModel() if isinstance(model, QAbstractProxyModel) else None
        typed = self.search.text().strip() if self.search is not None else ""
        if source is not None and source.rowCount() > 0 and typed:
            return tr("lists", "Nothing matches “{text}”. Clear the search to see the whole "
                               "list.").format(text=typed)  # fmt: skip
        return self.empty

    def refresh(self) -> None:
        """Show the sentence that fits the list now, or hide."""
        said = self.sentence()
        if said != self.text():
            self.setText(said)
            self.setAccessibleName(said)
        self.view.setAccessibleDescription(said or self._description)
        self.setVisible(bool(said))
        self._place()

    def _place(self) -> None:
        """In the middle of the rows' area, as wide as reads well, never wider than the list."""
        if self.isHidden():
            return
        area = self.view.viewport().rect()
        width = max(80, min(area.width() - 24, 440))
        height = self.heightForWidth(width)
        top = max(0, (area.height() - height) // 2)
        self.setGeometry((area.width() - width) // 2, top, width, height)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Resize:
            self._place()
        return False
