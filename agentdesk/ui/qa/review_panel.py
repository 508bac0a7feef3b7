"""The review of the open conversation: score it with a scorecard, or read and answer a review of it.

A team lead, supervisor or admin starts a draft, answers each criterion (yes/no, 1–5, N/A where
the scorecard allows it) with the score computed live by `agentdesk.domain.qa`, writes a
summary, saves and submits; the calibration box shows the other reviewers' scores and how far
apart they are. The reviewed agent sees the submitted review here and acknowledges or disputes
it with a reason; the reviewer then sees the response.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from agentdesk.client.app import AgentDeskClient
from agentdesk.domain import qa

REVIEWER_ROLES = ("team_lead", "supervisor", "admin")
_UNANSWERED = "unanswered"
_NA = "na"


class CriterionRow(QWidget):
    changed = Signal()

    def __init__(self, criterion: qa.Criterion, answer: Mapping[str, Any] | None) -> None:
        super().__init__()
        self.criterion = criterion
        self.value = QComboBox()
        self.value.setAccessibleName(criterion.title)
        self.value.addItem("—", _UNANSWERED)
        if criterion.scale == "yes_no":
            self.value.addItem(self.tr("Yes"), 1)
            self.value.addItem(self.tr("No"), 0)
        else:
            for n in range(1, 6):
                self.value.addItem(str(n), n)
        if criterion.allow_na:
            self.value.addItem(self.tr("N/A"), _NA)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Note"))
        if answer is not None:
            # A saved answer can be changed, not taken back: the server merges what is sent into it.
            self.value.removeItem(0)
            self.value.setCurrentIndex(self.value.findData(_NA if answer.get("value") is None else answer["value"]))
            self.note.setText(answer.get("note") or "")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.value)
        layout.addWidget(self.note, 1)
        self.value.currentIndexChanged.connect(self.changed)
        self.note.textChanged.connect(self.changed)

    def set_value(self, value: int | None) -> None:
        """Choose an answer: a value of the scale, or None for N/A."""
        self.value.setCurrentIndex(self.value.findData(_NA if value is None else value))

    def answer(self) -> dict[str, Any] | None:
        data = self.value.currentData()
        if data == _UNANSWERED:
            return None
        return {"value": None if data == _NA else int(data), "note": self.note.text().strip()}

    def set_editable(self, editable: bool) -> None:
        self.value.setEnabled(editable)
        self.note.setReadOnly(not editable)


class ReviewPanel(QWidget):
    def __init__(self, client: AgentDeskClient, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewPanel")
        self.client = client
        self.conversation_id: int | None = None
        self.review: dict[str, Any] | None = None
        self._names: Mapping[int, str] = {}
        self._form_key: tuple[Any, ...] | None = None
        self.rows: dict[str, CriterionRow] = {}

        self.title = QLabel(self.tr("Quality review"))
        self.title.setObjectName("title")
        self.card_label = QLabel()
        self.card_label.setObjectName("scorecardVersion")
        self.card_label.setWordWrap(True)
        self.chooser = QComboBox()
        self.chooser.setAccessibleName(self.tr("Reviews of this conversation"))
        self.chooser.currentIndexChanged.connect(self._chosen)
        self.scorecard = QComboBox()
        self.scorecard.setAccessibleName(self.tr("Scorecard"))
        self.start_button = QPushButton(self.tr("Start review"))
        self.start_button.clicked.connect(self.start)
        start_row = QHBoxLayout()
        start_row.addWidget(self.scorecard, 1)
        start_row.addWidget(self.start_button)
        self.start_box = QWidget()
        self.start_box.setLayout(start_row)

        self.form_host = QWidget()
        self.form = QFormLayout(self.form_host)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form_host)
        self.score = QLabel()
        self.score.setObjectName("score")
        self.score.setWordWrap(True)
        self.summary = QPlainTextEdit()
        self.summary.setPlaceholderText(self.tr("Summary for the agent"))
        self.summary.setMaximumHeight(90)
        self.save_button = QPushButton(self.tr("Save draft"))
        self.save_button.clicked.connect(self.save)
        self.submit_button = QPushButton(self.tr("Submit"))
        self.submit_button.clicked.connect(self.submit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.submit_button)
        self.problem = QLabel()
        self.problem.setObjectName("error")
        self.problem.setWordWrap(True)

        self.response = QLabel()
        self.response.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Why you disagree (needed to dispute)"))
        self.reason.returnPressed.connect(self.dispute)
        self.acknowledge_button = QPushButton(self.tr("Acknowledge"))
        self.acknowledge_button.clicked.connect(self.acknowledge)
        self.dispute_button = QPushButton(self.tr("Dispute"))
        self.dispute_button.clicked.connect(self.dispute)
        respond_row = QHBoxLayout()
        respond_row.addWidget(self.reason, 1)
        respond_row.addWidget(self.acknowledge_button)
        respond_row.addWidget(self.dispute_button)
        self.respond_box = QWidget()
        self.respond_box.setLayout(respond_row)

        self.calibration = QLabel()
        self.calibration.setObjectName("calibration")
        self.calibration.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.card_label)
        layout.addWidget(self.chooser)
        layout.addWidget(self.start_box)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.score)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addWidget(self.problem)
        layout.addWidget(self.response)
        layout.addWidget(self.respond_box)
        layout.addWidget(self.calibration)
        self.show_conversation(None, {})

    # -- who is looking ------------------------------------------------------------------------

    @property
    def is_reviewer(self) -> bool:
        me = next((u for u in self.client.users() if u["id"] == self.client.user_id), None)
        return me is not None and me.get("role") in REVIEWER_ROLES

    def _mine(self, review: Mapping[str, Any] | None) -> bool:
        return review is not None and review["reviewer_id"] == self.client.user_id

    def _editable(self) -> bool:
        return self._mine(self.review) and self.review is not None and self.review["status"] == "draft"

    # -- showing -------------------------------------------------------------------------------

    def show_conversation(self, conversation_id: int | None, names: Mapping[int, str]) -> None:
        if conversation_id != self.conversation_id:
            self.review = None
            self._form_key = None
        self.conversation_id = conversation_id
        self._names = names
        self.refresh()

    def show_review(self, review_id: int) -> None:
        index = self.chooser.findData(review_id)
        if index >= 0:
            self.chooser.setCurrentIndex(index)

    def refresh(self) -> None:
        cid = self.conversation_id
        reviews = self.client.qa.reviews(cid) if cid is not None else []
        # Keep showing the same review across refreshes, also when its placeholder id becomes the server's.
        current = self.review
        keep = None
        if current is not None:
            keep = next((r for r in reviews if r["id"] == current["id"]), None) or next(
                (
                    r
                    for r in reviews
                    if r["reviewer_id"] == current["reviewer_id"] and r["scorecard_id"] == current["scorecard_id"]
                ),
                None,
            )
        self.review = (keep or self.client.qa.my_draft(cid)) if cid is not None else None
        if self.review is None and reviews:
            mine = [r for r in reviews if r["agent_id"] == self.client.user_id or self._mine(r)]
            self.review = (mine or reviews)[-1]
        self.chooser.blockSignals(True)
        self.chooser.clear()
        for r in reviews:
            self.chooser.addItem(self._review_label(r), r["id"])
        if self.review is not None:
            self.chooser.setCurrentIndex(self.chooser.findData(self.review["id"]))
        self.chooser.blockSignals(False)
        self.chooser.setVisible(len(reviews) > 1)

        reviewer = self.is_reviewer
        # One review per reviewer and conversation: the server refuses a second.
        reviewed = any(self._mine(r) for r in reviews)
        self.start_box.setVisible(reviewer and cid is not None and not reviewed)
        if self.start_box.isVisible():
            chosen = self.scorecard.currentData()
            self.scorecard.clear()
            for card in self.client.qa.scorecards():
                self.scorecard.addItem(f"{card['name']} (v{card['version']})", card["id"])
            if chosen is not None and self.scorecard.findData(chosen) >= 0:
                self.scorecard.setCurrentIndex(self.scorecard.findData(chosen))
        self._show_review()
        self._show_calibration(reviewer)

    def _review_label(self, review: Mapping[str, Any]) -> str:
        who = self._names.get(review["reviewer_id"] or -1, "") or self.tr("Reviewer")
        if review["status"] == "draft":
            return self.tr("%1 — draft").replace("%1", who)
        return self.tr("%1 — %2").replace("%1", who).replace("%2", _number(review.get("score")))

    def _chosen(self, index: int) -> None:
        review_id = self.chooser.itemData(index)
        self.review = self.client.qa.review(review_id) if review_id is not None else None
        self._show_review()

    def _definition(self) -> Mapping[str, Any] | None:
        if self.review is None:
            return None
        card = self.client.qa.scorecard(self.review["scorecard_id"])
        return None if card is None else card["definition"]

    def _show_review(self) -> None:
        review = self.review
        definition = self._definition()
        editable = self._editable()
        key = None if review is None else (review["reviewer_id"], review["scorecard_id"], review["status"])
        if key != self._form_key or not editable:
            self._build_form(review, definition, editable)
            self._form_key = key
        for widget in (self.save_button, self.submit_button):
            widget.setVisible(editable)
        self.summary.setVisible(review is not None)
        self.summary.setReadOnly(not editable)
        self._update_score()
        self._show_title(review)
        self._show_scorecard(review)
        self._show_response(review)

    def _build_form(
        self, review: Mapping[str, Any] | None, definition: Mapping[str, Any] | None, editable: bool
    ) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.rows = {}
        self.problem.clear()
        if review is None or definition is None:
            self.summary.clear()
            return
        answers = review.get("answers") or {}
        section = None
        for criterion in qa.criteria(definition):
            if criterion.section != section:
                section = criterion.section
                title = next((s["title"] for s in definition["sections"] if s["key"] == section), section)
                heading = QLabel(f"<b>{title}</b>")
                self.form.addRow(heading)
            row = CriterionRow(criterion, answers.get(criterion.key))
            row.set_editable(editable)
            row.changed.connect(self._update_score)
            label = criterion.title + (" ⚠" if criterion.critical else "")
            label_widget = QLabel(label)
            label_widget.setToolTip(
                self.tr("Critical: failing it fails the whole review") if criterion.critical else ""
            )
            self.form.addRow(label_widget, row)
            self.rows[criterion.key] = row
        self.summary.setPlainText(review.get("summary") or "")

    def answers(self) -> dict[str, dict[str, Any]]:
        return {key: answer for key, row in self.rows.items() if (answer := row.answer()) is not None}

    def _update_score(self) -> None:
        definition = self._definition()
        if self.review is None or definition is None:
            self.score.setText(self.tr("Choose a scorecard and start a review.") if self.start_box.isVisible() else "")
            return
        result = qa.score(definition, self.answers())
        if result.score is None:
            text = self.tr("Score: — (nothing answered yet)")
        else:
            text = self.tr("Score: %1").replace("%1", _number(result.score))
            if result.critical_failed:
                text += " · " + self.tr("critical criterion failed (%1 before it)").replace(
                    "%1", _number(result.raw_score)
                )
            elif result.passed is not None:
                text += " · " + (self.tr("passed") if result.passed else self.tr("below the pass mark"))
        if result.missing and self._editable():
            text += " · " + self.tr("%n criteria left", "", len(result.missing))
        self.score.setText(text)

    def _show_title(self, review: Mapping[str, Any] | None) -> None:
        if review is None:
            self.title.setText(self.tr("No review of this conversation yet"))
            return
        agent = self._names.get(review.get("agent_id") or -1, "") or self.tr("the agent")
        reviewer = self._names.get(review.get("reviewer_id") or -1, "") or self.tr("a reviewer")
        self.title.setText(self.tr("%1's work, reviewed by %2").replace("%1", agent).replace("%2", reviewer))

    def _show_scorecard(self, review: Mapping[str, Any] | None) -> None:
        """Which version of the scorecard the review was scored with: it keeps it when the card changes."""
        card = self.client.qa.scorecard(review["scorecard_id"]) if review is not None else None
        if card is None:
            self.card_label.clear()
            return
        text = self.tr("Scorecard: %1, version %2").replace("%1", card["name"]).replace("%2", str(card["version"]))
        if not card["active"]:
            text += " " + self.tr("(a newer version exists; this review keeps its own)")
        self.card_label.setText(text)

    def _show_response(self, review: Mapping[str, Any] | None) -> None:
        submitted = review is not None and review["status"] == "submitted"
        answer = review.get("agent_response") if review is not None else None
        agent = self._names.get((review or {}).get("agent_id") or -1, "") or self.tr("The agent")
        if not submitted or review is None:
            self.response.clear()
        elif answer == "acknowledged":
            self.response.setText(self.tr("%1 acknowledged this review.").replace("%1", agent))
        elif answer == "disputed":
            self.response.setText(
                self.tr("%1 disputed this review: %2")
                .replace("%1", agent)
                .replace("%2", review.get("dispute_reason") or "")
            )
        can_respond = submitted and review is not None and review["agent_id"] == self.client.user_id and not answer
        if can_respond:
            self.response.setText(self.tr("Acknowledge this review, or dispute it with a reason."))
        elif submitted and not answer:
            self.response.setText(self.tr("Waiting for %1 to respond.").replace("%1", agent))
        self.respond_box.setVisible(can_respond)
        # The reviewer has now seen the agent's answer: say so once (the overlay marks it at once).
        unseen = answer and self._mine(review) and review is not None and not review.get("lead_seen_response_at")
        if unseen and review is not None and self.isVisible():
            self.client.qa.mark_response_seen(dict(review))

    def _show_calibration(self, reviewer: bool) -> None:
        if not reviewer or self.conversation_id is None:
            self.calibration.clear()
            return
        result = self.client.qa.calibration(self.conversation_id)
        spread = result.spread
        if spread.count < 2:
            self.calibration.setText(
                self.tr("Calibration: %n submitted review(s); the spread shows from two.", "", spread.count)
            )
            return
        scores = ", ".join(
            f"{self._names.get(r['reviewer_id'] or -1, '?')} {_number(r['score'])}" for r in result.reviews
        )
        text = (
            self.tr("Calibration: %1 · range %2 · standard deviation %3")
            .replace("%1", scores)
            .replace("%2", _number(spread.range))
            .replace("%3", _number(spread.stdev))
        )
        apart = sorted(spread.criteria.items(), key=lambda kv: -kv[1])[:3]
        titles = {c.key: c.title for c in qa.criteria(self._definition())} if self._definition() else {}
        if apart and apart[0][1] > 0:
            text += "<br>" + self.tr("Most apart: %1").replace(
                "%1", ", ".join(f"{titles.get(k, k)} ({_number(v)})" for k, v in apart if v > 0)
            )
        self.calibration.setText(text)

    # -- acting --------------------------------------------------------------------------------

    def start(self) -> None:
        scorecard_id = self.scorecard.currentData()
        if self.conversation_id is None or scorecard_id is None:
            return
        item = self.client.qa.start_review(self.conversation_id, scorecard_id)
        self.review = self.client.qa.review(-item.id)
        self._form_key = None
        self.refresh()

    def save(self) -> None:
        if self._editable() and self.review is not None:
            self.client.qa.save_review(self.review, answers=self.answers(), summary=self.summary.toPlainText().strip())

    def submit(self) -> None:
        definition = self._definition()
        if not self._editable() or self.review is None or definition is None:
            return
        result = qa.score(definition, self.answers())
        if result.missing or result.na_not_allowed:
            titles = {c.key: c.title for c in qa.criteria(definition)}
            left = ", ".join(titles[k] for k in [*result.missing, *result.na_not_allowed])
            self.problem.setText(self.tr("Answer every criterion before submitting: %1").replace("%1", left))
            return
        self.problem.clear()
        self.save()
        self.client.qa.submit_review(self.review)
        self.refresh()

    def acknowledge(self) -> None:
        if self.review is not None and self.respond_box.isVisible():
            self.client.qa.respond(self.review, "acknowledged")
            self.refresh()

    def begin_dispute(self) -> bool:
        """Put the cursor in the reason field (Enter then disputes); False when there is nothing to answer."""
        if self.review is None or not self.respond_box.isVisible():
            return False
        self.problem.clear()
        self.reason.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.reason.selectAll()
        return True

    def dispute(self) -> None:
        if self.review is None or not self.respond_box.isVisible():
            return
        reason = self.reason.text().strip()
        if not reason:
            self.reason.setFocus()
            self.problem.setText(self.tr("Say why you dispute the review."))
            return
        self.problem.clear()
        self.client.qa.respond(self.review, "disputed", reason)
        self.reason.clear()
        self.refresh()


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"
