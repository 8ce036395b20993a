"""The tables. Every one carries the same bookkeeping columns (see `Record`), which the
write path in `storage.database` stamps; nothing else sets them."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import ClassVar

from sqlalchemy import Index, LargeBinary, Table
from sqlmodel import Field, SQLModel

from storage.types import Pence, UTCDateTime


def new_id() -> str:
    return str(uuid.uuid4())


class Stored(SQLModel):
    """The base of every table class. It declares what SQLAlchemy gives each one once mapped,
    which SQLModel's type hints leave out (and there `__tablename__` may be a function)."""

    __table__: ClassVar[Table]
    __tablename__: ClassVar[str]


class Record(Stored):
    """Columns every table has, so that sync and audit can treat all rows alike."""

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    """A random UUID: rows made on different laptops offline never collide."""
    # Stamped when the row is first written, with the database's clock (never the real time).
    created_at: datetime = Field(default=None, sa_type=UTCDateTime, nullable=False)
    created_by: str | None = Field(default=None, max_length=36)
    updated_at: datetime = Field(default=None, sa_type=UTCDateTime, nullable=False)
    updated_by: str | None = Field(default=None, max_length=36)
    """The officer whose change this is: an id, not a foreign key, so rows sync in any order."""
    version: int = 1
    """Goes up by one with every change to the row."""
    deleted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    """Soft delete: rows are never removed, so a delete can travel to other laptops."""


class Officer(Record, table=True):
    """An officer, and their account (travels with the sync; keys.json mirrors it)."""

    name: str = Field(max_length=100)
    initials: str = Field(max_length=5)
    role: str = Field(default="officer", max_length=12)
    """officer, principal or admin (housing_tui.reference.policy.Role)."""
    active: bool = True
    """False once an admin deactivates the account: it can no longer sign in."""
    passphrase_hash: str | None = Field(default=None, max_length=200)
    """argon2id hash; None until a passphrase is set (officers from before accounts)."""
    key_salt: str | None = Field(default=None, max_length=44)
    key_cost: str | None = Field(default=None, max_length=60)
    """The argon2id cost the officer's key was derived at: "t=3,m=65536,p=2"."""
    wrapped_team_key: str | None = Field(default=None, max_length=120)
    """The team key, AES-GCM wrapped by the officer's passphrase-derived key (storage.keys)."""
    must_change_passphrase: bool = False
    """Set by an admin's reset: a new passphrase is asked for at the next sign-in."""
    signing_key: str | None = Field(default=None, max_length=44)
    """The public half of the officer's Ed25519 key (derived from their passphrase,
    storage.keys); None until their first sign-in with this version."""


class Device(Record, table=True):
    """A laptop enrolled in the team (storage/sync/devices.py): what it publishes to the team
    store is signed with its key, and only enrolled laptops' signatures are believed. The id
    is the laptop's, not its sync device id (which a restored laptop changes)."""

    public_key: str = Field(max_length=44)
    """Its Ed25519 public key (32 bytes, base64)."""
    enrolled_by: str = Field(max_length=36)
    """The admin who enrolled it."""
    enrolled_at: datetime = Field(sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    """Set by an admin (a lost or retired laptop): nothing it signs is believed from then."""
    revoked_by: str | None = Field(default=None, max_length=36)


class OfficerLaptop(Record, table=True):
    """An officer's word, signed with their own key at sign-in, that they use a laptop
    (storage/sync/officer_laptops.py): a batch claiming an officer is believed only from a
    laptop they signed in on. Made once per officer, laptop and key; never changed."""

    __tablename__ = "officer_laptop"

    officer_id: str = Field(max_length=36)
    laptop_id: str = Field(max_length=36)
    laptop_key: str = Field(max_length=44)
    """The laptop's public key (the device register's), which the officer signed."""
    officer_key: str = Field(max_length=44)
    """The officer's public key it was signed with."""
    signature: str = Field(max_length=88)
    signed_at: datetime = Field(sa_type=UTCDateTime)


class Client(Record, table=True):
    forenames: str = Field(max_length=100)
    surname: str = Field(max_length=100)
    date_of_birth: date | None = Field(default=None, index=True)
    ni_number: str | None = Field(default=None, max_length=9, index=True)
    phone: str | None = Field(default=None, max_length=40)
    email: str | None = Field(default=None, max_length=200)
    address: str | None = Field(default=None, max_length=500)
    postcode: str | None = Field(default=None, max_length=8)
    # Search keys (lower case, letters and digits only), kept in step by the write path so
    # that search-as-you-type is an index range scan at 100,000 clients.
    surname_key: str = Field(default="", index=True, max_length=100)
    forenames_key: str = Field(default="", index=True, max_length=100)
    postcode_key: str = Field(default="", index=True, max_length=8)


class Case(Record, table=True):
    """One approach: a client asking for help, and everything done about it."""

    __table_args__ = (
        # For caseload pages (see migration 0002).
        Index("ix_case_officer_status", "officer_id", "status"),
        Index("ix_case_status_approached", "status", "approached_at"),
        Index("ix_case_status_next_action", "status", "next_action_on"),
    )

    client_id: str = Field(foreign_key="client.id", index=True, max_length=36)
    officer_id: str = Field(foreign_key="officer.id", index=True, max_length=36)
    approached_at: datetime = Field(sa_type=UTCDateTime, index=True)
    channel: str = Field(max_length=20)
    status: str = Field(default="open", index=True, max_length=20)
    urgency: str = Field(max_length=20)
    urgency_reason: str = Field(default="", max_length=500)
    presenting_problem: str = Field(max_length=40)
    detail: str | None = Field(default=None, max_length=500)
    homeless_tonight: bool = False
    must_leave_on: date | None = None
    adults: int = 1
    children: int = 0
    pregnant: bool = False
    domestic_abuse: bool = False
    aged_16_17: bool = False
    care_leaver: bool = False
    leaving_institution: bool = False
    over_55_care_needs: bool = False
    rough_sleeping_tonight: bool = False
    next_action_on: date | None = Field(default=None, index=True)
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # What the actions achieved, kept in step with them by storage.plans, so that reports
    # count preventions and reliefs with one query.
    secured_outcome: str | None = Field(default=None, max_length=20)
    """"stayed" or "moved": accommodation secured for at least 6 months."""
    secured_on: date | None = None
    secured_duty: str | None = Field(default=None, max_length=20)
    """"prevention", "relief", or None when no duty was owed (advice and assistance)."""
    main_activity: str | None = Field(default=None, max_length=60)


class CaseNote(Record, table=True):
    __tablename__ = "case_note"

    case_id: str = Field(foreign_key="case.id", index=True, max_length=36)
    body: str


class AuditEvent(Record, table=True):
    """Who changed or viewed which record, when, and from what to what: written in the same
    transaction as the change, append-only and hash-chained per laptop (storage/audit.py)."""

    __tablename__ = "audit_event"
    __table_args__ = (
        # One row per place in a chain: two windows writing at once cannot fork it.
        Index("ix_audit_event_chain", "device_id", "chain_seq", unique=True),
    )

    officer_id: str | None = Field(default=None, max_length=36, index=True)
    table_name: str = Field(max_length=40)
    record_id: str = Field(max_length=36, index=True)
    action: str = Field(max_length=20)
    changes: str = "{}"
    """JSON: {column: [old, new]} for each column that changed; for an event that changes no
    row (a view, an export, a sync run) what else matters about it."""
    device_id: str | None = Field(default=None, max_length=36)
    """The laptop whose chain the row is in (its sync device id)."""
    chain_seq: int | None = None
    """Its place in that chain: 1, 2, 3 ... without gaps."""
    prev_hash: str | None = Field(default=None, max_length=64)
    """`row_hash` of the chain's row before it (all zeros for the first)."""
    row_hash: str | None = Field(default=None, max_length=64)
    """SHA-256 of the row's content and `prev_hash` (storage.audit.row_hash)."""


class InterviewAnswer(Record, table=True):
    """One answer of the housing options interview, saved field by field as it is typed."""

    __tablename__ = "interview_answer"
    __table_args__ = (Index("ix_interview_answer_case_key", "case_id", "key", unique=True),)

    case_id: str = Field(foreign_key="case.id", index=True, max_length=36)
    key: str = Field(max_length=60)
    """The question, such as "tenure" or "rent_amount"."""
    value: str
    """Canonical text: ISO dates, "450.00", codes, "yes"/"no", comma-separated codes for a
    multi-choice question; "" when answered and then cleared, or when it cannot be read."""
    typed: str | None = None
    """What was typed, when it cannot be read ("31/02/2027"): kept so that reopening the
    interview shows it with what is wrong, while the assessment treats the question as
    unanswered (value ""). None for an answer that reads."""


class HouseholdMember(Record, table=True):
    """Someone the client lives with, or would reasonably be expected to live with."""

    __tablename__ = "household_member"

    case_id: str = Field(foreign_key="case.id", index=True, max_length=36)
    name: str = Field(max_length=100)
    relationship: str = Field(max_length=30)
    """A code, such as "partner" or "child"."""
    date_of_birth: date | None = None
    pregnant: bool = False
    due_date: date | None = None
    dependent_child: bool = False
    sex: str | None = Field(default=None, max_length=10)
    """"female" or "male": the bedroom size criteria let two children of the same sex share."""
    position: int = 0
    """Display order within the case's household."""


class CaseAction(Record, table=True):
    """A step in the Personal Housing Plan: usually a prevention or relief option an officer
    chose, with who does it, by when, and how it turned out."""

    __tablename__ = "case_action"

    case_id: str = Field(foreign_key="case.id", index=True, max_length=36)
    title: str = Field(max_length=200)
    owner: str = Field(max_length=20)
    """"council" or "applicant"."""
    due_on: date | None = None
    status: str = Field(max_length=20)
    option_key: str | None = Field(default=None, max_length=60)
    """The catalogue option it came from; None for a step the officer wrote."""
    council_step: str | None = None
    applicant_step: str | None = None
    """The option's wording for the plan, kept as it was when chosen: the catalogue may change."""
    prevention_activity: str | None = Field(default=None, max_length=60)
    relief_activity: str | None = Field(default=None, max_length=60)
    """H-CLIC main prevention / relief activity codes: the statutory figures come from these."""
    outcome: str | None = Field(default=None, max_length=30)
    outcome_on: date | None = None
    accommodation_secured: str | None = Field(default=None, max_length=60)
    note: str = ""
    position: int = 0


class Duty(Record, table=True):
    """A duty owed to the applicant (prevention or relief), from the day it started to the day
    it ended, and whether the letter that each of those needs has been produced."""

    case_id: str = Field(foreign_key="case.id", index=True, max_length=36)
    kind: str = Field(max_length=20)
    started_on: date
    ended_on: date | None = None
    end_reason: str | None = Field(default=None, max_length=60)
    """An H-CLIC duty-end code (prevention_duty_end or relief_duty_end)."""
    start_letter_on: date | None = None
    end_letter_on: date | None = None


class HomelessnessApplication(Record, table=True):
    """A homelessness application on a case (Housing Act 1996 s.184): why it was opened, the
    inquiries' findings with their evidence, "minded to", the decision, its sign-off by a
    principal, the day its letter was produced and the day the applicant was notified, and any
    review (s.202). Codes are `housing_tui.casework.decisions.outcomes`'."""

    __tablename__ = "homelessness_application"

    case_id: str = Field(foreign_key="case.id", index=True, max_length=36)
    opened_on: date
    ground: str = Field(max_length=30)
    eligibility: str = Field(default="not_yet", max_length=10)
    eligibility_notes: str = ""
    homeless: str = Field(default="not_yet", max_length=10)
    homeless_notes: str = ""
    priority_need: str = Field(default="not_yet", max_length=10)
    priority_need_notes: str = ""
    intentionality: str = Field(default="not_yet", max_length=10)
    intentionality_notes: str = ""
    local_connection: str = Field(default="not_yet", max_length=10)
    local_connection_notes: str = ""
    minded_to_outcome: str | None = Field(default=None, max_length=30)
    """The adverse outcome the council is minded to decide."""
    minded_to_told_on: date | None = None
    minded_to_reply: str = ""
    outcome: str | None = Field(default=None, max_length=30)
    outcome_reason: str | None = Field(default=None, max_length=60)
    """For a relief duty ended: the H-CLIC relief_duty_end code."""
    reasons: str = ""
    decided_on: date | None = None
    signed_off_by: str | None = Field(default=None, max_length=36)
    """The principal who signed the decision off: an officer id (rows sync in any order)."""
    signed_off_on: date | None = None
    letter_on: date | None = None
    notified_on: date | None = None
    review_requested_on: date | None = None
    review_outcome: str | None = Field(default=None, max_length=20)
    review_decided_on: date | None = None
    main_duty_ended_on: date | None = None
    """The day the main housing duty (s.193) ended; None while it lasts (or was never owed)."""
    main_duty_end_reason: str | None = Field(default=None, max_length=40)
    """Why it ended: the H-CLIC main_duty_end code."""
    main_duty_end_note: str = ""
    """What happened, in the officer's words, for the letter."""
    main_duty_end_letter_on: date | None = None
    """The day the letter telling them the main duty ended was produced."""
    main_duty_end_notified_on: date | None = None
    """The day they received that letter: the review window (s.202) runs from it."""


class CaseDocument(Record, table=True):
    """A document produced for the case (a Personal Housing Plan version, written advice, a duty
    letter, a money document), kept as issued: the .docx sent and its text as the app shows it.
    Never changed: each version is a row of its own."""

    __tablename__ = "case_document"
    __table_args__ = (Index("ix_case_document_case_kind", "case_id", "kind", "plan_version"),)

    case_id: str = Field(foreign_key="case.id", index=True, max_length=36)
    kind: str = Field(max_length=30)
    """"personal_housing_plan", "written_advice", or a letter: "prevention_start", ..."""
    plan_version: int = 1
    """The document's version: 1, 2, 3 ... each issue keeps the earlier ones; plans share one
    numbering, a letter is numbered by its kind and duty (VERSIONED_KINDS), a money document
    is always 1. (Named before letters had versions; not `version`: every row already has
    that, counting its changes.)"""
    issued_on: date
    review_on: date | None = None
    duty_id: str | None = Field(default=None, max_length=36)
    """The record the document is about: for a duty letter, its duty; for a money document
    (MONEY_DOCUMENT_KINDS), the repayment plan or DHP application it was made from (the kind
    says which), so that the copy saved of a record is its own even when two are made the
    same day. Named before money documents named their record."""
    file_name: str = Field(max_length=200)
    """The name a copy is offered under: .docx, or .md for a document issued before .docx."""
    body: str
    """The text as the app shows it (escaped Markdown, `housing_tui.documents.rendering`)."""
    docx: bytes | None = Field(default=None, sa_type=LargeBinary)
    """The Word document as issued; None for one issued before documents were .docx."""


class DeadlineMet(Record, table=True):
    """An officer recorded that a deadline the rules set was met (a referral made, a joint
    assessment held), so it leaves the due list. One row per task and due date."""

    __tablename__ = "deadline_met"

    case_id: str = Field(foreign_key="case.id", index=True, max_length=36)
    deadline: str = Field(max_length=80)
    """`Deadline.instance`: the task and its due date, e.g. "joint_assessment@2026-12-07"."""
    met_on: date
    note: str = ""


# --- money: DHP, rent deposits and recharges (amounts are Decimal pounds, stored as pence) ------


class DhpApplication(Record, table=True):
    """A Discretionary Housing Payment asked of the revenues and benefits service for a client,
    and what it decided. Awards count against the council's allocation for `financial_year`."""

    __tablename__ = "dhp_application"

    case_id: str = Field(foreign_key="case.id", index=True, max_length=36)
    financial_year: str = Field(max_length=7, index=True)
    """April to March, written "2026-27"."""
    status: str = Field(max_length=20)
    """"requested", "awarded", "refused" or "withdrawn"."""
    requested_on: date
    weekly_shortfall: Decimal = Field(default=Decimal("0"), sa_type=Pence)
    """The part of the weekly shortfall a DHP can cover."""
    weeks: int = 0
    rent_in_advance: Decimal = Field(default=Decimal("0"), sa_type=Pence)
    deposit: Decimal = Field(default=Decimal("0"), sa_type=Pence)
    removal_costs: Decimal = Field(default=Decimal("0"), sa_type=Pence)
    amount_requested: Decimal = Field(sa_type=Pence)
    amount_awarded: Decimal | None = Field(default=None, sa_type=Pence)
    decided_on: date | None = None
    reasons: str = ""
    """The recommendation and the officer's reasons, as sent."""
    check_inputs: str = "{}"
    """JSON: what the officer entered on the DHP check, so it can be opened again."""


class DhpPayment(Record, table=True):
    """Money paid out on an awarded DHP (to the landlord, usually): the budget's "paid"."""

    __tablename__ = "dhp_payment"

    application_id: str = Field(foreign_key="dhp_application.id", index=True, max_length=36)
    case_id: str = Field(foreign_key="case.id", index=True, max_length=36)
    paid_on: date = Field(index=True)
    amount: Decimal = Field(sa_type=Pence)
    note: str = ""


class PropertyCheck(Record, table=True):
    """A property offered to the client, checked for the rent deposit scheme: the rent and
    what the landlord asks for up front, the safety papers, and whether the scheme can help."""

    __tablename__ = "property_check"

    case_id: str = Field(foreign_key="case.id", index=True, max_length=36)
    checked_on: date
    address: str = Field(default="", max_length=500)
    landlord: str = Field(default="", max_length=200)
    """The landlord or letting agent, as the officer deals with them."""
    rent: Decimal = Field(sa_type=Pence)
    rent_frequency: str = Field(max_length=20)
    bedrooms: int
    deposit_asked: Decimal | None = Field(default=None, sa_type=Pence)
    rent_in_advance_asked: Decimal | None = Field(default=None, sa_type=Pence)
    holding_deposit: Decimal | None = Field(default=None, sa_type=Pence)
    fees_asked: Decimal | None = Field(default=None, sa_type=Pence)
    """Letting fees the landlord or agent wants from the tenant: banned (Tenant Fees Act 2019)."""
    epc_rating: str | None = Field(default=None, max_length=1)
    checks: str = "{}"
    """JSON: {check: "yes" | "no" | "not_known"} for the safety and landlord checks."""
    scheme_can_help: bool = False
    scheme_deposit: Decimal | None = Field(default=None, sa_type=Pence)
    """What the rent deposit scheme would put up for this property."""
    summary: str = ""
    """The result as the officer saw it, kept as it was: the policy may change."""


class TargetHardening(Record, table=True):
    """Target hardening (a sanctuary scheme) for a domestic abuse case: the referral, the
    property check, the landlord's agreement, the works and their cost, and a principal's
    approval when they cost more than the limit. One a case."""

    __tablename__ = "target_hardening"

    case_id: str = Field(foreign_key="case.id", index=True, max_length=36)
    referred_on: date
    checked_on: date | None = None
    checked_by: str = Field(default="", max_length=100)
    agreement: str = Field(max_length=20)
    """"needed", "given", "refused" or "not_needed" (an owner-occupier)."""
    agreement_on: date | None = None
    works: str = "[]"
    """JSON: [{"what": ..., "cost_pence": 8550}], in the order typed."""
    total_cost: Decimal = Field(sa_type=Pence)
    ordered_on: date | None = None
    completed_on: date | None = None
    approved_by: str | None = Field(default=None, max_length=36)
    """The principal officer who approved works over the limit (an officer id)."""
    approved_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    approved_total: Decimal | None = Field(default=None, sa_type=Pence)
    """The total approved: works that come to more need approving again."""


class RepaymentPlan(Record, table=True):
    """Money the client owes the council (a deposit, rent in advance, B&B, storage, removals)
    and the agreed instalments that repay it (the 100% recharging policy)."""

    __tablename__ = "repayment_plan"

    case_id: str = Field(foreign_key="case.id", index=True, max_length=36)
    kind: str = Field(max_length=20)
    """What is recharged: "deposit", "rent_in_advance", "bnb", "storage", "removal", "other"."""
    description: str = Field(default="", max_length=200)
    amount_owed: Decimal = Field(sa_type=Pence)
    instalment: Decimal = Field(sa_type=Pence)
    frequency: str = Field(max_length=20)
    """"weekly", "fortnightly", "four_weekly" or "monthly"."""
    first_due_on: date
    agreed_on: date
    status: str = Field(default="active", max_length=20)
    """"active", "completed", "cancelled" or "legal" (passed to legal for recovery)."""


class Repayment(Record, table=True):
    """A payment the client made towards a repayment plan."""

    plan_id: str = Field(foreign_key="repayment_plan.id", index=True, max_length=36)
    case_id: str = Field(foreign_key="case.id", index=True, max_length=36)
    paid_on: date
    amount: Decimal = Field(sa_type=Pence)
    note: str = ""


# --- temporary accommodation (storage/accommodation.py) -----------------------------------------


class Placement(Record, table=True):
    """A household placed in temporary accommodation: what, with whom, where, from and to when,
    what it costs the council, who is placed and the duty it is under."""

    case_id: str = Field(foreign_key="case.id", index=True, max_length=36)
    type: str = Field(max_length=20)
    """A PlacementType code: "bnb", "hostel", "council_dispersed", "psl", "refuge", ..."""
    provider: str = Field(max_length=200)
    address: str = Field(max_length=500)
    start_on: date
    end_on: date | None = None
    """The day they left; None while they are there."""
    cost: Decimal = Field(sa_type=Pence)
    cost_period: str = Field(max_length=10)
    """"nightly" or "weekly"."""
    duty: str = Field(max_length=10)
    """"s188", "s190" or "s193"."""
    placed: str = "[]"
    """JSON: the ids of the household members placed; [] for the whole household."""
    out_of_district: bool = False
    out_of_district_reason: str = ""
    override_reason: str = ""
    """Why a 16- or 17-year-old was placed in B&B (the principal's override)."""
    notified_on: date | None = None
    """Out of district: the day the receiving council was told (s.208); None until then."""
    override_by: str | None = Field(default=None, max_length=36)
    """The officer who overrode the 16/17 B&B block (a principal)."""


class RechargeCost(Record, table=True):
    """A cost of temporary accommodation the council paid for a household (its TA charge, B&B,
    storage, removals), recharged under the recharging policy by a repayment plan."""

    __tablename__ = "recharge_cost"

    case_id: str = Field(foreign_key="case.id", index=True, max_length=36)
    kind: str = Field(max_length=20)
    """A RechargeKind code: "ta", "bnb", "storage" or "removal"."""
    incurred_on: date
    amount: Decimal = Field(sa_type=Pence)
    description: str = Field(default="", max_length=200)
    waived_reason: str = ""
    """Why the recharge was waived; empty: recharged under the policy."""
    plan_id: str | None = Field(
        default=None, foreign_key="repayment_plan.id", index=True, max_length=36
    )
    """The repayment plan set against it."""


# --- retention and erasure (storage/retention.py) ---------------------------------------------


class PurgedRecord(Record, table=True):
    """A client or case removed for good (its retention period over, or the person erased),
    with everything under it. It travels with the sync like any row, and each laptop that
    receives it removes the same records and never takes them back (`SyncPurged`). It holds
    no personal data: which record, why, and when."""

    __tablename__ = "purged_record"

    table_name: str = Field(max_length=40)
    record_id: str = Field(max_length=36, index=True)
    reason: str = Field(max_length=20)
    """"retention" (its retention period ended) or "erasure" (the person asked)."""
    purged_on: date


# --- sync (storage/sync, docs/sync.md) ------------------------------------------------------
# The first four, and `SyncPurged`, are this laptop's own bookkeeping and never travel, so
# they are not Records.


class SyncState(Stored, table=True):
    """This laptop in the team: one row, made at the first change."""

    __tablename__ = "sync_state"

    device_id: str = Field(primary_key=True, max_length=36)
    team_id: str | None = Field(default=None, max_length=36)
    """The team store this laptop syncs with; a store of another team is refused."""
    next_seq: int = 1
    sent_through: int = 0
    """The last of this laptop's ops known to be in the team store."""
    hlc: str = Field(default="", max_length=20)
    """The newest hybrid-logical-clock value this laptop has made or seen."""
    adopted: bool = False
    """Rows written before sync existed (or by the bulk demo loader) have been given ops."""
    last_sync_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_sync_summary: str = ""
    """The last sync's outcome in words, for `housing-tui sync --status`."""


class AuditShared(Stored, table=True):
    """How far each laptop's audit chain has been shared (storage/sync/audit_sharing.py): this
    laptop's own, how far it has been put in the outbox; another laptop's, how far it has been
    received here. Local bookkeeping: `verify_audit_trail` checks that the row it names is
    still there with the hash it had, so that removing a chain's newest rows is found too."""

    __tablename__ = "audit_shared"

    device_id: str = Field(primary_key=True, max_length=36)
    through_seq: int = 0
    row_hash: str = Field(default="", max_length=64)
    """The `row_hash` of the chain's row `through_seq`."""


class StorePassword(Stored, table=True):
    """The password of a PostgreSQL team store, kept here (the database is encrypted) rather
    than in settings.json, which holds the address without it (storage.sync.store_password)."""

    __tablename__ = "store_password"

    location: str = Field(primary_key=True, max_length=500)
    """The address without its password, as settings.json holds it."""
    password: str = Field(max_length=500)


class SyncOp(Stored, table=True):
    """One change made on this laptop, in order: what `sync` sends (`storage.sync.ops.Op`)."""

    __tablename__ = "sync_op"

    seq: int = Field(primary_key=True)
    hlc: str = Field(max_length=20)
    schema_revision: int
    body: str
    """JSON: `Op.to_json()`."""


class SyncSent(Stored, table=True):
    """A batch this laptop published: its range and what it had seen, so that a copy in the
    store damaged later can be published again exactly as it was."""

    __tablename__ = "sync_sent"

    first_seq: int = Field(primary_key=True)
    last_seq: int
    seen: str = "{}"
    """JSON: `Batch.seen`."""


class SyncApplied(Stored, table=True):
    """How far this laptop has applied each other device's operations (a vector clock)."""

    __tablename__ = "sync_applied"

    device_id: str = Field(primary_key=True, max_length=36)
    through_seq: int = 0


class SyncRegister(Stored, table=True):
    """For each row, which operation set each field's current value: the state that makes
    merging order-independent (last writer wins per field, by clock then device)."""

    __tablename__ = "sync_register"

    record_id: str = Field(primary_key=True, max_length=36)
    table_name: str = Field(max_length=40)
    fields: str = "{}"
    """JSON: {column: [hlc, device, seq, officer]}."""


class SyncConflict(Record, table=True):
    """A value that lost to a concurrent edit of the same field on another laptop. Every laptop
    works out the same conflicts for itself (the id comes from the losing op); only what the
    officer decides about one (restored, or dismissed) travels."""

    __tablename__ = "sync_conflict"

    table_name: str = Field(max_length=40)
    record_id: str = Field(max_length=36, index=True)
    column_name: str = Field(max_length=60)
    case_id: str | None = Field(default=None, max_length=36, index=True)
    """The case the record belongs to, to show the conflict there (None for a client)."""
    losing_value: str
    """JSON, as the op carried it."""
    losing_officer: str | None = Field(default=None, max_length=36)
    losing_at: datetime = Field(sa_type=UTCDateTime)
    """When the losing change was made (its clock); the winning value is the row's current one."""
    resolved_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    resolution: str | None = Field(default=None, max_length=20)
    """"restored" (the losing value was put back) or "kept" (the current value stays)."""


class SyncPurged(Stored, table=True):
    """A record this laptop has removed for good (`PurgedRecord`), the record itself or
    anything under it: a change to it arriving later, from a laptop that had not heard of the
    purge yet, is dropped instead of bringing it back."""

    __tablename__ = "sync_purged"

    record_id: str = Field(primary_key=True, max_length=36)
    table_name: str = Field(max_length=40)
