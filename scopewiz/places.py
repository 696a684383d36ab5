"""Finding a place in a session from what the screen shows: ``edit --question/--section``.

The wizard shows "Question 5 of 24" and "section 3 of 9" and each question's
words, never its id; so a place is found by its number, by words of its
prompt or title (case-insensitive, unique), or by its id.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from .engine import InterviewState, visible_questions, visible_sections
from .errors import ScopewizError

if TYPE_CHECKING:
    from .bank import Bank, Question, Section


def _words(text: str) -> list[str]:
    return text.casefold().split()


def _matches(words: list[str], *texts: str) -> bool:
    haystack = " ".join(texts).casefold()
    return all(word in haystack for word in words)


def find_question(bank: Bank, state: InterviewState, given: str) -> Question:
    """The question ``given`` names: its id, its number on screen, or words of its prompt.

    An id finds a question even when an earlier answer hides it (the caller
    says so); a number counts the questions this session asks, as the screen
    does. Raises :class:`ScopewizError` listing the candidates when the words
    fit several questions, and the questions when they fit none.
    """
    text = given.strip()
    if text in bank.by_id:
        return bank.by_id[text]
    questions = visible_questions(bank, state)
    numbered = [f"{n}. {q.heading} ({q.id})" for n, q in enumerate(questions, start=1)]
    if text.isdigit():
        number = int(text)
        if 1 <= number <= len(questions):
            return questions[number - 1]
        raise ScopewizError(
            f"There is no question {number}: this session asks questions 1 to {len(questions)}.",
            hint="Questions:\n" + "\n".join("  " + line for line in numbered),
        )
    words = _words(text)
    found = [
        n
        for n, q in enumerate(questions)
        if words and _matches(words, q.prompt, q.heading, q.id.replace("_", " "))
    ]
    # Of several, the one whose heading it is, else the one holding it as a phrase.
    folded = " ".join(words)
    exact = [n for n in found if questions[n].heading.casefold() == folded]
    phrase = [n for n in found if folded in " ".join(_words(questions[n].prompt))]
    for pick in (found, exact, phrase):
        if len(pick) == 1:
            return questions[pick[0]]
    if found:
        raise ScopewizError(
            f"'{text}' is in {len(found)} questions; give more of its words, or its number.",
            hint="\n".join("  " + numbered[n] for n in found),
        )
    close = difflib.get_close_matches(text, [q.id for q in bank.questions], n=3, cutoff=0.6)
    maybe = f" Did you mean {' or '.join(close)}?" if close else ""
    raise ScopewizError(
        f"No question of the bank '{bank.id}' is '{text}' or has those words.{maybe}",
        hint="Give a number, words of the question, or an id:\n"
        + "\n".join("  " + line for line in numbered),
    )


def find_section(bank: Bank, state: InterviewState, given: str) -> Section:
    """The section ``given`` names: its id, its number on screen, or words of its title."""
    text = given.strip()
    by_id = {s.id: s for s in bank.sections}
    if text in by_id:
        return by_id[text]
    sections = visible_sections(bank, state)
    numbered = [f"{n}. {s.title} ({s.id})" for n, s in enumerate(sections, start=1)]
    if text.isdigit():
        number = int(text)
        if 1 <= number <= len(sections):
            return sections[number - 1]
        raise ScopewizError(
            f"There is no section {number}: this session has sections 1 to {len(sections)}.",
            hint="Sections:\n" + "\n".join("  " + line for line in numbered),
        )
    words = _words(text)
    found = [
        n
        for n, s in enumerate(sections)
        if words and _matches(words, s.title, s.id.replace("_", " "))
    ]
    folded = " ".join(words)
    exact = [n for n in found if sections[n].title.casefold() == folded]
    for pick in (found, exact):
        if len(pick) == 1:
            return sections[pick[0]]
    if found:
        raise ScopewizError(
            f"'{text}' is in {len(found)} section titles; give more of its words, or its number.",
            hint="\n".join("  " + numbered[n] for n in found),
        )
    close = difflib.get_close_matches(text, list(by_id), n=3, cutoff=0.6)
    maybe = f" Did you mean {' or '.join(close)}?" if close else ""
    raise ScopewizError(
        f"No section of the bank '{bank.id}' is '{text}' or has those words.{maybe}",
        hint="Give a number, words of the title, or an id:\n"
        + "\n".join("  " + line for line in numbered),
    )
