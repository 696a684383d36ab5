"""The interview loop: engine decides, prompter asks, session saves, engine again.

The runner talks to a :class:`~scopewiz.asking.Prompter`, never to questionary: tests pass a
scripted prompter, the CLI a terminal or plain-line one. Besides answers, a
prompter may return a :class:`Nav` request: back one step, jump anywhere, or
review everything; the runner moves its cursor and carries on, saving after
every change.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .asking import FINISH, MenuOption, Nav, Prompt, Prompter
from .bank import Bank, Question
from .checks import problem
from .engine import (
    Step,
    answer_preview,
    apply_answer,
    build_prompt,
    check_answer,
    following_step,
    is_answered,
    is_complete,
    item_of,
    next_step,
    plural,
    previous_step,
    question_total,
    steps_left,
    visible_questions,
    visible_sections,
    within,
)
from .errors import FileChangedError, SessionFileError
from .qtypes.list import item_caption, item_labels
from .session import Session

FINISHED = "finish"
CONTINUE = "continue"


IDLE_LIMIT = 10 * 60
"""The most one stretch between two answers (or moves) adds to the clock, in seconds.

A question may sit on screen while the room talks it over, and that is meeting
time; a longer gap is a break or a wizard left open, and is not counted."""


def format_clock(seconds: float) -> str:
    """The meeting clock in words a facilitator reads at a glance: ``12 min``, ``1 h 05 min``."""
    minutes = int(seconds // 60)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"


def format_timebox(seconds: float, minutes: int) -> str:
    """Time spent in a section against its box: ``12 of 15 min``, ``1 h 05 min of 15 min``."""
    spent = format_clock(seconds)
    if seconds < 3600:
        spent = spent.removesuffix(" min")
    return f"{spent} of {minutes} min"


def counted(elapsed: float) -> float:
    """The part of a stretch between two answers that is meeting time (see :data:`IDLE_LIMIT`)."""
    return min(max(0.0, elapsed), IDLE_LIMIT)


class Interview:
    """One run of the wizard over a session: ask, save, navigate, review, finish."""

    def __init__(
        self,
        bank: Bank,
        session: Session,
        prompter: Prompter,
        save: Callable[[], None],
        *,
        today: dt.date | None = None,
        review_at_end: bool = False,
        ask_when_save_fails: bool = True,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.bank = bank
        self.session = session
        self.state = session.state
        self.prompter = prompter
        self._save = save
        self.today = today
        self.review_at_end = review_at_end
        self.ask_when_save_fails = ask_when_save_fails
        self._clock = clock
        self._mark = clock()
        self.cursor: Step | None = None
        self.walking = False  # after Back: walk forward through answered steps
        self.scope: str | None = None  # editing one question or item only
        self.returns: list[Any] = []  # screens to go back to when the edit is done
        self.answered_before_edit: set[str] = set()
        self.answers_before_edit: dict[str, Any] = {}
        # A question an edit made unanswered, asked again: why, and the answer it may now mean.
        self.reask: tuple[str, str, Any] | None = None
        self.finished = False

    # -- time -------------------------------------------------------------------

    def _tick(self, section_id: str | None) -> None:
        now = self._clock()
        elapsed = counted(now - self._mark)
        self._mark = now
        self.session.clock_seconds += elapsed
        if section_id:
            spent = self.session.section_seconds
            spent[section_id] = spent.get(section_id, 0.0) + elapsed

    def flush(self) -> None:
        """Save once, as things stand, with no questions asked (on the way out).

        A file changed on disk since the last save is kept, and the session is
        saved beside it under a new name (see :meth:`save`).
        """
        self._tick(
            self.cursor.question.section.id
            if self.cursor and self.cursor.question.section
            else None
        )
        try:
            self._save()
        except FileChangedError as exc:
            keep_both = getattr(self._save, "keep_both", None)
            if keep_both is None:
                raise
            where = keep_both()
            self.prompter.note(f"! {exc.message} This session was saved as {where.name}.")

    def save(self, section_id: str | None = None) -> None:
        """Count the time spent, then save the session (atomically, by the caller's saver).

        When the save fails (a full disk, a folder made read-only), say so and
        offer to try again; the answers stay in memory meanwhile. Stopping
        raises the error, and the file keeps every answer saved before. A file
        changed on disk by someone else is never silently replaced: keep both
        (this session under a new name) or replace it. With nobody to ask
        (``--no-input``), the error is raised at once.
        """
        self._tick(section_id)
        while True:
            try:
                self._save()
                return
            except FileChangedError as exc:
                if not self.ask_when_save_fails or not self._changed_on_disk(exc):
                    raise
                return
            except SessionFileError as exc:
                if not self.ask_when_save_fails:
                    raise
                then = self._save_failed(exc)
                if then == "stop":
                    raise
                if then == "saved":
                    return

    def _changed_on_disk(self, exc: FileChangedError) -> bool:
        """Keep both files or replace the one on disk; False to stop (nothing is replaced)."""
        self.prompter.note(f"! {exc.message}")
        keep_both = getattr(self._save, "keep_both", None)
        both_name = getattr(self._save, "both_name", None)
        replace = getattr(self._save, "replace_on_disk", None)
        options = []
        if keep_both is not None:
            new_name = f"as {both_name()}" if both_name is not None else "under a new name"
            options.append(MenuOption(f"Keep both: save this session {new_name}", "both"))
        if replace is not None:
            options.append(MenuOption("Replace the file on disk with this session", "replace"))
        options.append(MenuOption("Stop here (the file on disk stays as it is)", "stop"))
        while True:
            choice = self.prompter.menu(
                "The answers given here are kept in this window until you choose:",
                options,
                default=options[0].value,
            )
            try:
                if choice == "both" and keep_both is not None:
                    where = keep_both()
                    self.prompter.note(f"Saved as {where.name}. Answers go there from now on.")
                    return True
                if choice == "replace" and replace is not None:
                    replace()
                    self._save()
                    return True
            except SessionFileError as again:
                self.prompter.note(f"! {again.message}")
                continue
            return False

    def _save_failed(self, exc: SessionFileError) -> str:
        """Say why the save failed and ask what to do: "retry", "saved" (elsewhere) or "stop"."""
        self.prompter.note(f"! {exc.message}")
        if exc.hint:
            self.prompter.note(f"  {exc.hint}")
        options = [MenuOption("Try saving again", "retry")]
        move_to = getattr(self._save, "move_to", None)
        if move_to is not None:
            options.append(MenuOption("Save to another file…", "elsewhere"))
        options.append(
            MenuOption("Stop here (answers saved before this one stay in the file)", "stop")
        )
        while True:
            choice = self.prompter.menu(
                "The answers not yet saved are kept in this window. "
                "Free some space (or fix the folder), then:",
                options,
                default="retry",
            )
            if choice == "elsewhere" and move_to is not None:
                where = self.prompter.text("Save the session to which new file?").strip()
                if not where:
                    continue
                try:
                    move_to(Path(where).expanduser())
                except SessionFileError as again:
                    self.prompter.note(f"! {again.message}")
                    continue
                self.prompter.note(f"Saved to {where}. Answers go there from now on.")
                return "saved"
            return "retry" if choice == "retry" else "stop"

    def _decorate(self, prompt: Prompt, step: Step) -> Prompt:
        section = step.question.section
        assert section is not None
        elapsed = counted(self._clock() - self._mark)
        clock = format_clock(self.session.clock_seconds + elapsed)
        timebox = ""
        over = False
        if section.minutes:
            spent = self.session.section_seconds.get(section.id, 0.0) + elapsed
            timebox = format_timebox(spent, section.minutes)
            over = spent > section.minutes * 60
        return dataclasses.replace(prompt, clock=clock, timebox=timebox, over_time=over)

    # -- the loop ---------------------------------------------------------------

    def run(self) -> None:
        """Ask until the interview is complete (and, if asked for, reviewed and finished).

        KeyboardInterrupt and EOFError pass through to the caller; every answer
        given before them is already on disk.
        """
        while not self.finished:
            step = self.cursor if self.cursor is not None else next_step(self.bank, self.state)
            if step is None:
                if not self.review_at_end or self.review(final=True) == FINISHED:
                    return
                continue
            outcome = self.ask(step)
            if outcome is Nav.BACK:
                self.back(step)
            elif outcome is Nav.JUMP:
                self.jump()
            elif outcome is Nav.REVIEW:
                self.review(final=False)

    def ask(self, step: Step) -> Any:
        """Ask one step; apply and save a valid answer. Returns the answer or a Nav."""
        prompt = self._decorate(build_prompt(self.bank, self.state, step, today=self.today), step)
        q = step.question
        if self.reask is not None and self.reask[0] == q.id:
            _, why, meant = self.reask
            self.reask = None
            intro = f"! {why}" + (f"\n{prompt.intro}" if prompt.intro else "")
            # Nothing is pre-chosen that the wizard cannot know the answer means.
            prompt = dataclasses.replace(prompt, intro=intro, default=meant)
        if not prompt.choices and q.kind.source(q, self.bank) is not None:
            # Reached before its list has items (a jump ahead): go to the list first.
            self.edit(q)
            return None

        def accept(raw: Any) -> Any:
            """The value to store, or ValueError saying why not."""
            value = check_answer(step, raw, can_finish=prompt.can_finish, choices=prompt.choices)
            if value is FINISH or value is None:
                return value
            reason = problem(self.bank, self.state, step, value)
            if reason is not None:
                raise ValueError(reason)
            return value

        def validate(raw: Any) -> str | None:
            try:
                accept(raw)
            except ValueError as exc:
                return str(exc)
            return None

        while True:
            raw = self.prompter.ask(prompt, validate)
            if isinstance(raw, Nav):
                self._tick(step.question.section.id if step.question.section else None)
                return raw
            try:
                value = accept(raw)
            except ValueError as exc:
                self.prompter.note(f"! {exc}")
                continue
            concerns = step.asks.kind.concerns(
                step.asks, value, self.state.answers, item_of(self.state, step)
            )
            sentences = " ".join(c if c.endswith(("?", ".")) else c + "." for c in concerns)
            if not concerns or self.prompter.confirm(f"{sentences} Keep it?", False):
                break
            # Asked again with what was typed, to correct rather than type again
            # (or with the name it may have meant, ready to take with Enter).
            prompt = dataclasses.replace(
                prompt, default=step.asks.kind.retry_default(step.asks, value)
            )
        reading = step.asks.kind.reading(step.asks, value)
        if reading and reading not in sentences:
            # 9/3/2027 read as Tuesday 9 March 2027, unless the confirmation just said so.
            self.prompter.note(f"Read as {reading}.")
        apply_answer(self.state, step, value)
        self.save(step.question.section.id if step.question.section else None)
        self.advance(step)
        return value

    def advance(self, step: Step) -> None:
        """Decide what comes after ``step`` was answered."""
        if self.scope is not None:
            nxt = following_step(self.bank, self.state, step, self.scope)
            if nxt is not None:
                self.cursor = nxt
                return
            self.end_edit()
            return
        nxt = following_step(self.bank, self.state, step)
        if self.walking and nxt is not None:
            self.cursor = nxt
            return
        self.walking = False
        self.cursor = None

    def end_edit(self) -> None:
        """An edit is done: first ask whatever it made unanswered, then go back where it began."""
        self.scope = None
        self.cursor = None
        lost = [
            q
            for q in visible_questions(self.bank, self.state)
            if q.id in self.answered_before_edit and not is_answered(self.bank, self.state, q)
        ]
        if lost:
            # e.g. the preferred focus area was renamed or removed: ask for it again.
            self.scope = lost[0].id
            self.cursor = steps_left(self.bank, self.state, lost[0])
            self.reask = (lost[0].id, *self._why_lost(lost[0]))
            return
        self._return()

    def _return(self) -> None:
        """Go back to the screen that started an edit (the review, a list's menu), if any."""
        while self.returns:
            screen = self.returns.pop()
            if screen == "review":
                self.review(final=False)
                return
            if isinstance(screen, tuple) and screen[0] == "list":
                self.edit_list(self.bank.by_id[screen[1]])
                return

    def back(self, step: Step) -> None:
        """Go to the step before ``step``; at the very first, stay."""
        previous = previous_step(self.bank, self.state, step)
        if previous is None:
            self.prompter.note("This is the first question.")
            self.cursor = step
            return
        if self.scope is not None:
            # Still editing: step back within the edit, and return where it began after.
            if not within(previous.path, self.scope):
                self.scope = previous.question.id
            self.cursor = previous
            return
        self.walking = True
        self.cursor = previous

    # -- jump, review and editing -------------------------------------------------

    def _question_options(self) -> list[MenuOption]:
        options: list[MenuOption] = []
        questions = visible_questions(self.bank, self.state)
        for section in visible_sections(self.bank, self.state):
            in_section = [q for q in questions if q.section is section]
            done = sum(1 for q in in_section if is_answered(self.bank, self.state, q))
            label = f"{section.title}  ({done} of {len(in_section)} answered)"
            options.append(MenuOption(label, ("section", section.id), heading=True))
            for q in in_section:
                number = questions.index(q) + 1
                if is_answered(self.bank, self.state, q):
                    preview = answer_preview(self.bank, q.id, self.state.answers.get(q.id), 50)
                    label = f"  ✓ {number}. {q.heading}: {preview}"
                elif q.id in self.state.answers:
                    label = f"  … {number}. {q.heading}: (unfinished)"
                else:
                    label = f"  · {number}. {q.heading}: (not yet answered)"
                options.append(MenuOption(label, q.id, key=str(number)))
        return options

    def jump(self) -> None:
        """Offer every section and question; go to the one picked."""
        options = [MenuOption("Continue where I left off", CONTINUE), *self._question_options()]
        choice = self.prompter.menu("Jump to a question", options, default=CONTINUE)
        if choice is Nav.BACK:
            return
        if choice == CONTINUE:
            self.walking = False
            self.scope = None
            self.returns.clear()
            self.cursor = None
            return
        self.returns.clear()
        self.edit(self._target(choice))

    def review(self, *, final: bool) -> str:
        """The review screen: every question with its answer; pick one to edit, or finish."""
        complete = is_complete(self.bank, self.state)
        questions = visible_questions(self.bank, self.state)
        done = sum(1 for q in questions if is_answered(self.bank, self.state, q))
        if complete:
            top = MenuOption("Finish: save and write the record", FINISHED)
        else:
            top = MenuOption("Continue the interview", CONTINUE)
        total = question_total(self.bank, self.state)
        title = f"Review: {done} of {total} questions answered. Pick one to change it."
        choice = self.prompter.menu(title, [top, *self._question_options()], default=top.value)
        if choice == FINISHED:
            self.finished = True
            return FINISHED
        if choice is Nav.BACK or choice == CONTINUE:
            if final and complete:
                return self.review(final=True)
            return CONTINUE
        self.returns = ["review"]
        self.edit(self._target(choice))
        return CONTINUE

    def _target(self, choice: Any) -> Question:
        """The question a menu choice names: itself, or a section's first visible question."""
        if isinstance(choice, tuple) and choice[0] == "section":
            questions = visible_questions(self.bank, self.state)
            return next(q for q in questions if q.section and q.section.id == choice[1])
        return self.bank.by_id[choice]

    def edit(self, q: Question) -> None:
        """Open question ``q`` for editing, its current answer pre-filled."""
        self.walking = False
        self._remember_answered()
        source = q.kind.source(q, self.bank)
        if source is not None and not q.kind.offered(q, self.bank, self.state.answers):
            self.prompter.note(
                f"There is nothing to choose from yet: first list the {source.heading.lower()}."
            )
            q = source
        if q.type == "list" and q.id in self.state.answers and q.id not in self.state.open_lists:
            self.edit_list(q)
            return
        self.scope = q.id
        if q.type == "list":
            self.cursor = steps_left(self.bank, self.state, q)
        elif q.type == "record":
            self.cursor = Step(q, "field", None, q.fields[0])
        else:
            self.cursor = Step(q, "value")

    def edit_list(self, q: Question) -> None:
        """A list's own menu: change, add, remove or reorder its items."""
        while True:
            items = self.state.answers.get(q.id)
            items = items if isinstance(items, list) else []
            labels = self._item_labels(q, items)
            name = q.item_name
            a_name = f"{'an' if name[:1].lower() in 'aeiou' else 'a'} {name}"
            options = [
                MenuOption(f"Change {name} {i + 1}: {label}", ("edit", i))
                for i, label in enumerate(labels)
            ]
            if q.max_items is None or len(items) < q.max_items:
                options.append(MenuOption(f"Add {a_name}", ("add", len(items))))
            if len(items) > q.min_items:
                options.append(MenuOption(f"Remove {a_name}", ("remove", None)))
            if len(items) > 1:
                options.append(MenuOption(f"Move {a_name} up the list", ("move", None)))
                options.append(MenuOption(f"Move {a_name} down the list", ("down", None)))
            options.append(MenuOption("Done with this list", ("done", None)))
            # Opened to change something: the first line is where the cursor starts.
            choice = self.prompter.menu(
                f"{q.heading}: {plural(len(items), name)}", options, default=options[0].value
            )
            if choice is Nav.BACK or choice[0] == "done":
                self.end_edit()
                return
            action, index = choice
            if action in ("edit", "add"):
                self.returns.append(("list", q.id))
                self.scope = f"{q.id}[{index}]"
                self.walking = False
                self.cursor = Step(q, "item", index)
                return
            picked = self.prompter.menu(
                f"Which {name}?",
                [MenuOption(f"{i + 1}. {label}", i) for i, label in enumerate(labels)],
            )
            if picked is Nav.BACK:
                continue
            if action == "remove":
                if self.prompter.confirm(f"Remove {name} {picked + 1}: {labels[picked]}?", False):
                    del items[picked]
                    self.save(q.section.id if q.section else None)
            elif action == "move" and picked == 0:
                self.prompter.note(f"{labels[0]} is already first.")
            elif action == "down" and picked == len(items) - 1:
                self.prompter.note(f"{labels[picked]} is already last.")
            elif action in ("move", "down"):
                other = picked - 1 if action == "move" else picked + 1
                items[other], items[picked] = items[picked], items[other]
                self.save(q.section.id if q.section else None)

    def _why_lost(self, q: Question) -> tuple[str, Any]:
        """Why an edit left ``q`` unanswered, and the answer it may now mean (None if unknown).

        An answer chosen from a list whose item was renamed (the same items,
        one with a new label) means the new label; one whose item was removed
        means nothing the wizard can know.
        """
        before = self.answers_before_edit.get(q.id)
        source = q.kind.source(q, self.bank)
        if source is None or not isinstance(before, str):
            return (
                f"The change makes the answer to “{q.heading}” no longer fit: answer it again.",
                None,
            )
        old = item_labels(source, self.answers_before_edit)
        new = item_labels(source, self.state.answers)
        if before in old and len(old) == len(new) and new[old.index(before)] not in old:
            renamed = new[old.index(before)]
            why = f"“{before}” is now “{renamed}”: is it still the {q.heading.lower()}?"
            return f"{why} Enter keeps it.", renamed
        gone = f"“{before}” is no longer one of the {source.heading.lower()}"
        return f"{gone}: choose the {q.heading.lower()} again.", None

    def _remember_answered(self) -> None:
        self.answers_before_edit = copy.deepcopy(self.state.answers)
        self.answered_before_edit = {
            q.id
            for q in visible_questions(self.bank, self.state)
            if is_answered(self.bank, self.state, q)
        }

    @staticmethod
    def _item_labels(q: Question, items: list[Any]) -> list[str]:
        return [item_caption(q, item, n) for n, item in enumerate(items, start=1)]


def run_interview(
    bank: Bank,
    session: Session,
    prompter: Prompter,
    save: Callable[[], None],
    *,
    today: dt.date | None = None,
    review_at_end: bool = False,
) -> None:
    """Ask every question still open, saving after each answer, until the session is complete."""
    Interview(bank, session, prompter, save, today=today, review_at_end=review_at_end).run()


def answered_summary(bank: Bank, session: Session) -> list[str]:
    """Lines recalling what is already answered in the section where the interview stands."""
    step = next_step(bank, session.state)
    if step is None or step.question.section is None:
        return []
    section = step.question.section
    lines = []
    for q in visible_questions(bank, session.state):
        if q.section is not section or q.id not in session.answers:
            continue
        mark = "✓" if is_answered(bank, session.state, q) else "…"
        preview = answer_preview(bank, q.id, session.answers[q.id])
        lines.append(f"  {mark} {q.heading}: {preview}")
    return lines
