"""The code lists of a homelessness application: why it was opened, the five inquiries and
their findings, the decision's outcomes (with their H-CLIC codes) and a review's outcomes."""

from __future__ import annotations

from housing_tui.reference.codes import _Coded
from housing_tui.reference.hclic import CodeList, hclic_codes


class ApplicationGround(_Coded):
    """Why the council took a homelessness application (s.184(1))."""

    REASON_TO_BELIEVE = (
        "reason_to_believe",
        "Reason to believe they may be homeless or threatened, eligible and in priority need",
    )
    RELIEF_ENDED = "relief_ended", "The relief duty ended and they are still homeless"


class Inquiry(_Coded):
    """The inquiries a decision rests on (s.184, s.189, s.191, s.199), each asked as a question
    whose answer is the finding."""

    ELIGIBILITY = "eligibility", "Eligible for assistance?"
    HOMELESS = "homeless", "Homeless?"
    PRIORITY_NEED = "priority_need", "In priority need?"
    INTENTIONALITY = "intentionality", "Became homeless intentionally?"
    LOCAL_CONNECTION = "local_connection", "Local connection with this council?"

    @property
    def notes_key(self) -> str:
        """The form's field for the evidence behind the finding."""
        return f"{self.value}_notes"


class Finding(_Coded):
    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_YET = "not_yet", "Not decided yet"


class Outcome(_Coded):
    """What the council decided on the application."""

    MAIN_DUTY = "main_duty", "Main housing duty owed (s.193)"
    NOT_HOMELESS = "not_homeless", "Not homeless"
    NO_PRIORITY_NEED = "no_priority_need", "Homeless, not in priority need"
    INTENTIONALLY_HOMELESS = "intentionally_homeless", "Intentionally homeless (s.191)"
    NOT_ELIGIBLE = "not_eligible", "Not eligible for assistance (s.185)"
    LOCAL_CONNECTION = "local_connection", "Referred to another council: local connection (s.198)"
    RELIEF_ENDED = "relief_ended", "Relief duty ended (s.189B)"

    @property
    def adverse(self) -> bool:
        """Against the applicant: a "minded to" letter first, and review rights after."""
        return self is not Outcome.MAIN_DUTY

    @property
    def hclic(self) -> str | None:
        """The H-CLIC main duty decision code; None where the return records the outcome
        elsewhere (eligibility, the relief duty's end reason)."""
        return _MAIN_DUTY_DECISION.get(self)

    @property
    def reasons_list(self) -> CodeList | None:
        """The H-CLIC list the outcome's "why" must come from, if it has one: why the relief
        duty ended (a local connection referral is one of those reasons)."""
        return hclic_codes().relief_duty_end if self is Outcome.RELIEF_ENDED else None

    @property
    def letter(self) -> str:
        """The document kind of the decision letter for this outcome."""
        return f"decision_{self.value}"


_MAIN_DUTY_DECISION = {
    Outcome.MAIN_DUTY: "accepted",
    Outcome.INTENTIONALLY_HOMELESS: "intentional",
    Outcome.NO_PRIORITY_NEED: "no_priority_need",
    Outcome.NOT_HOMELESS: "not_homeless",
}

FINDINGS_NEEDED: dict[Outcome, dict[Inquiry, Finding]] = {
    Outcome.MAIN_DUTY: {
        Inquiry.ELIGIBILITY: Finding.YES,
        Inquiry.HOMELESS: Finding.YES,
        Inquiry.PRIORITY_NEED: Finding.YES,
        Inquiry.INTENTIONALITY: Finding.NO,
    },
    Outcome.NOT_HOMELESS: {Inquiry.HOMELESS: Finding.NO},
    Outcome.NO_PRIORITY_NEED: {Inquiry.HOMELESS: Finding.YES, Inquiry.PRIORITY_NEED: Finding.NO},
    Outcome.INTENTIONALLY_HOMELESS: {
        Inquiry.HOMELESS: Finding.YES,
        Inquiry.PRIORITY_NEED: Finding.YES,
        Inquiry.INTENTIONALITY: Finding.YES,
    },
    Outcome.NOT_ELIGIBLE: {Inquiry.ELIGIBILITY: Finding.NO},
    Outcome.LOCAL_CONNECTION: {Inquiry.LOCAL_CONNECTION: Finding.NO},
    Outcome.RELIEF_ENDED: {},
}
"""What the inquiries must have found for each outcome (s.193(1), s.189, s.191, s.185,
s.198): a decision the findings do not support is refused."""


class ReviewOutcome(_Coded):
    """What the s.202 review decided."""

    UPHELD = "upheld", "Original decision upheld"
    OVERTURNED = "overturned", "Original decision overturned"
    OVERTURNED_MAIN_DUTY = (
        "overturned_main_duty",
        "Overturned: main housing duty owed (s.193)",
    )
    """An adverse decision overturned, the review finding the main duty owed: the duty runs
    from the day the review decided it, as from a notified main-duty decision."""
    WITHDRAWN = "withdrawn", "Review request withdrawn"
