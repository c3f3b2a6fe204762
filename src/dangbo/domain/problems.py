"""What the rules say about an input: errors (hard invariants) and rule breaches (regulatory)."""

from __future__ import annotations

from dataclasses import dataclass

# Where an input came from: ("sheet name", row number) for a workbook row, or
# ("db:<table>", id) for a record already stored.
Ref = tuple[str, int]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one input row or record.

    `rule` is None for a hard invariant (always refused) and the rule's code for a
    regulatory rule (refused unless overridden; an import applies it as a warning).
    `code` names what is wrong, stably, whatever the wording (`key` falls back on the rule):
    tests, the API's answers and the annotated copy compare it, not the message.
    """

    ref: Ref
    column: str | None
    value: object
    message: str
    rule: str | None = None
    code: str | None = None

    @property
    def key(self) -> str | None:
        """What is wrong, as a stable code: the error's code, or the breached rule's."""
        return self.code or self.rule

    @property
    def is_error(self) -> bool:
        return self.rule is None

    @property
    def breached_rule(self) -> str:
        """The code of the rule a breach breaks (what an override records)."""
        assert self.rule is not None, "a hard error breaks no rule and is never overridden"
        return self.rule

    def where(self) -> str:
        sheet, row = self.ref
        if sheet.startswith("db:"):
            place = f"bản ghi đã có ({sheet[3:]} #{row})"
        else:
            place = f"sheet {sheet}, dòng {row}"
        if self.column:
            place += f", cột {self.column}"
        return place

    def __str__(self) -> str:
        value = "" if self.value in (None, "") else f" (giá trị: {self.value})"
        return f"{self.where()}{value}: {self.message}"


# Where a problem found in a form or a service call (not a workbook row) is said to be.
FORM_REF: Ref = ("form", 0)


class DomainError(Exception):
    """A refused change: carries every problem found, hard errors and unconfirmed rule breaches."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems))

    @classmethod
    def of(cls, messages: list[str], code: str = "form_invalid"):
        """The refusal of a form or service call, one hard error per message."""
        return cls([Problem(FORM_REF, None, None, m, code=code) for m in messages])

    @property
    def codes(self) -> list[str]:
        """Each problem's stable code once, in order (`Problem.key`)."""
        return list(dict.fromkeys(p.key for p in self.problems if p.key))

    @property
    def messages(self) -> list[str]:
        """Each message once, in order: a form's refusal says a quota's breach once, not once
        for every row that breaches it (an import names each row, through `problems`)."""
        return list(dict.fromkeys(p.message for p in self.problems))


class RuleBlocked(DomainError):
    """Refused only by regulatory rules: may be applied with a written override reason."""


class Conflict(DomainError):
    """Refused because the record clashes with one stored: someone else changed it after the
    editor loaded it, or its code or citizen id is already another person's."""
