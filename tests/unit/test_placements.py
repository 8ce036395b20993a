"""Temporary accommodation (issue 17 items 4 and 5): the B&B limit for a family counted over
every B&B period, none for a single adult, the 16/17 B&B block and a principal's override,
out-of-district reasons, costs recharged by a repayment plan set against them; placements
corrected and removed (audited, and never over someone else's change), and no one placed twice
on the same night.

Expected dates are worked out by hand from the Suitability Order's six weeks in total (and the
shipped policy's warning at five), counting the nights spent in B&B before.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlmodel import select

from housing_tui.accommodation import (
    CostPeriod,
    Placement,
    PlacementDuty,
    PlacementType,
    RechargeableCost,
    Standing,
    bnb_limit,
    recharged_amount,
    standing,
)
from housing_tui.calendar.deadlines import CaseDates, case_deadlines
from housing_tui.money.amounts import Frequency
from housing_tui.money.repayments import PlanTerms, RechargeKind
from housing_tui.reference.policy import Role, load_policy
from storage.accommodation import (
    add_placement,
    case_accommodation,
    change_placement,
    record_cost,
    remove_placement,
)
from storage.accounts import set_role
from storage.errors import StorageError
from storage.officers import create_officer
from storage.repayments import create_plan, list_plans
from storage.tables import AuditEvent, Case, Client
from storage.tables import Placement as PlacementRow

POLICY = load_policy()
FAMILY = CaseDates(household_has_children_or_pregnancy=True)
SINGLE = CaseDates()

BNB = Placement(
    type=PlacementType.BED_AND_BREAKFAST,
    provider="Station Hotel",
    address="1 Station Road, Ely",
    start_on=date(2026, 11, 23),
    end_on=None,
    cost=Decimal("65.00"),
    cost_period=CostPeriod.NIGHTLY,
    duty=PlacementDuty.INTERIM,
)


# --- the six weeks in B&B --------------------------------------------------------------------


def test_a_family_in_bnb_is_warned_at_5_weeks_and_in_breach_at_6() -> None:
    # Mon 23 Nov 2026: + 35 days = Mon 28 Dec 2026; + 42 days = Mon 4 Jan 2027.
    limit = bnb_limit([BNB], today=date(2026, 11, 23), policy=POLICY)
    assert limit is not None
    assert (limit.warning_on, limit.limit_on) == (date(2026, 12, 28), date(2027, 1, 4))
    for today, expected in (
        (date(2026, 12, 27), Standing.SUITABLE),
        (date(2026, 12, 28), Standing.WARNING),
        (date(2027, 1, 3), Standing.WARNING),
        (date(2027, 1, 4), Standing.BREACH),
    ):
        assert standing([BNB], facts=FAMILY, today=today, policy=POLICY)[0] is expected, today


def test_two_bnb_periods_add_up_to_the_six_weeks() -> None:
    # B&B Mon 2 Nov to Mon 16 Nov 2026: 14 nights. A hostel in between does not count.
    # Back in B&B (an annexe with shared facilities is B&B under the Order) from Fri 20 Nov:
    # 35 - 14 = 21 days on: Fri 11 Dec 2026; 42 - 14 = 28 days on: Fri 18 Dec 2026.
    earlier = replace(BNB, start_on=date(2026, 11, 2), end_on=date(2026, 11, 16))
    hostel = replace(
        BNB, type=PlacementType.HOSTEL, start_on=date(2026, 11, 16), end_on=date(2026, 11, 20)
    )
    annexe = replace(BNB, type=PlacementType.SHARED_ANNEXE, start_on=date(2026, 11, 20))
    placements = (earlier, hostel, annexe)
    limit = bnb_limit(placements, today=date(2026, 11, 23), policy=POLICY)
    assert limit is not None and limit.earlier_nights == 14
    assert (limit.warning_on, limit.limit_on) == (date(2026, 12, 11), date(2026, 12, 18))
    facts = replace(FAMILY, placements=placements)
    due = case_deadlines(facts, today=date(2026, 11, 23), policy=POLICY)
    assert [(d.key, d.due) for d in due] == [
        ("bnb_family_warning", date(2026, 12, 11)),
        ("bnb_family", date(2026, 12, 18)),
    ]
    assert "14 nights in B&B before" in due[1].what


def test_a_single_adult_in_bnb_has_no_warning_or_breach() -> None:
    facts = replace(SINGLE, placements=(BNB,))
    assert case_deadlines(facts, today=date(2027, 2, 1), policy=POLICY) == []
    assert standing([BNB], facts=facts, today=date(2027, 2, 1), policy=POLICY)[0] is (
        Standing.SUITABLE
    )


def test_a_family_out_of_bnb_has_nothing_due() -> None:
    left = replace(BNB, end_on=date(2026, 12, 1))
    facts = replace(FAMILY, placements=(left,))
    assert case_deadlines(facts, today=date(2026, 12, 2), policy=POLICY) == []


def test_the_weeks_come_from_the_policy_file(tmp_path: Path) -> None:
    (tmp_path / "policy.toml").write_text(
        "[accommodation]\nbnb_family_max_weeks = 4\nbnb_family_warning_weeks = 2\n", "utf-8"
    )
    limit = bnb_limit([BNB], today=date(2026, 11, 23), policy=load_policy(tmp_path))
    assert limit is not None
    # Mon 23 Nov 2026 + 14 days = Mon 7 Dec; + 28 days = Mon 21 Dec 2026.
    assert (limit.warning_on, limit.limit_on) == (date(2026, 12, 7), date(2026, 12, 21))


# --- recording placements ----------------------------------------------------------------------


def _case(db, officer_id: str, *, born: date = date(1990, 1, 1)) -> str:
    with db.writing(officer_id) as session:
        client = Client(forenames="Jo", surname="Bloggs", date_of_birth=born)
        session.add(client)
        session.flush()
        case = Case(
            client_id=client.id,
            officer_id=officer_id,
            approached_at=datetime(2026, 11, 20, 10, 0, tzinfo=UTC),
            channel="phone",
            urgency="homeless_tonight",
            presenting_problem="family_friends",
        )
        session.add(case)
    return case.id


def test_a_16_17_year_old_in_bnb_is_refused_to_an_officer(db, officer) -> None:
    case_id = _case(db, officer.id, born=date(2009, 6, 1))  # 17 when they approached
    override = replace(BNB, override_reason="Nothing else tonight; supported lodging tomorrow")
    with pytest.raises(StorageError, match="Only a principal officer may place"):
        add_placement(db, officer_id=officer.id, case_id=case_id, placement=override, policy=POLICY)
    assert case_accommodation(db, case_id).placements == ()


def test_a_principal_may_override_the_16_17_block_with_a_reason_which_is_audited(
    db, officer
) -> None:
    principal = create_officer(db, "Pat Principal", "PP")
    set_role(db, officer.id, principal.id, Role.PRINCIPAL)
    case_id = _case(db, officer.id, born=date(2009, 6, 1))
    with pytest.raises(StorageError, match="write why nothing else is available"):
        add_placement(db, officer_id=principal.id, case_id=case_id, placement=BNB, policy=POLICY)
    reason = "Nothing else tonight; supported lodging from tomorrow"
    placement_id = add_placement(
        db,
        officer_id=principal.id,
        case_id=case_id,
        placement=replace(BNB, override_reason=reason),
        policy=POLICY,
    )
    with db.reading() as session:
        [event] = session.exec(
            select(AuditEvent).where(
                AuditEvent.record_id == placement_id, AuditEvent.action == "create"
            )
        ).all()
    changes = json.loads(event.changes)
    assert event.officer_id == principal.id
    assert changes["override_reason"][1] == reason
    assert changes["override_by"][1] == principal.id


def test_an_adult_may_be_placed_in_bnb_by_an_officer(db, officer) -> None:
    case_id = _case(db, officer.id)
    add_placement(db, officer_id=officer.id, case_id=case_id, placement=BNB, policy=POLICY)
    assert case_accommodation(db, case_id).placements[0].provider == "Station Hotel"


def test_out_of_district_needs_a_reason(db, officer) -> None:
    case_id = _case(db, officer.id)
    away = replace(BNB, type=PlacementType.HOSTEL, out_of_district=True)
    with pytest.raises(StorageError, match="out of the district needs the reason"):
        add_placement(db, officer_id=officer.id, case_id=case_id, placement=away, policy=POLICY)
    reason = "No hostel space in the district; near the children's school"
    add_placement(
        db,
        officer_id=officer.id,
        case_id=case_id,
        placement=replace(away, out_of_district_reason=reason),
        policy=POLICY,
    )
    [saved] = case_accommodation(db, case_id).placements
    assert saved.out_of_district and saved.out_of_district_reason == reason


# --- correcting and removing ---------------------------------------------------------------------


def _events(db, record_id: str, action: str) -> list[AuditEvent]:
    with db.reading() as session:
        return list(
            session.exec(
                select(AuditEvent).where(
                    AuditEvent.record_id == record_id, AuditEvent.action == action
                )
            )
        )


def test_a_mistyped_provider_cost_and_start_are_corrected_and_audited(db, officer) -> None:
    case_id = _case(db, officer.id)
    placement_id = add_placement(
        db, officer_id=officer.id, case_id=case_id, placement=BNB, policy=POLICY
    )
    [recorded] = case_accommodation(db, case_id).placements
    corrected = replace(
        recorded, provider="Station Inn", cost=Decimal("56.00"), start_on=date(2026, 11, 22)
    )
    change_placement(db, officer_id=officer.id, placement=corrected, policy=POLICY)

    [saved] = case_accommodation(db, case_id).placements
    assert (saved.id, saved.provider, saved.cost, saved.start_on) == (
        placement_id,
        "Station Inn",
        Decimal("56.00"),
        date(2026, 11, 22),
    )
    [event] = _events(db, placement_id, "update")
    assert event.officer_id == officer.id
    changes = json.loads(event.changes)
    assert changes["provider"] == ["Station Hotel", "Station Inn"]
    assert changes["start_on"] == ["2026-11-23", "2026-11-22"]
    assert set(changes) == {"provider", "cost", "start_on"}


def test_a_correction_is_refused_by_the_same_rules_as_placing(db, officer) -> None:
    case_id = _case(db, officer.id)
    add_placement(db, officer_id=officer.id, case_id=case_id, placement=BNB, policy=POLICY)
    [recorded] = case_accommodation(db, case_id).placements
    for wrong, message in (
        (replace(recorded, end_on=date(2026, 11, 23)), "not after they moved in"),
        (replace(recorded, out_of_district=True), "out of the district needs the reason"),
    ):
        with pytest.raises(StorageError, match=message):
            change_placement(db, officer_id=officer.id, placement=wrong, policy=POLICY)
    assert case_accommodation(db, case_id).placements == (recorded,)


def test_a_correction_does_not_overwrite_someone_elses_change_meanwhile(db, officer) -> None:
    case_id = _case(db, officer.id)
    add_placement(db, officer_id=officer.id, case_id=case_id, placement=BNB, policy=POLICY)
    [read_by_both] = case_accommodation(db, case_id).placements
    colleague = create_officer(db, "Col League", "CL")
    change_placement(
        db,
        officer_id=colleague.id,
        placement=replace(read_by_both, cost=Decimal("70.00")),
        policy=POLICY,
    )
    with pytest.raises(StorageError, match="Someone else changed this placement"):
        change_placement(
            db,
            officer_id=officer.id,
            placement=replace(read_by_both, provider="Station Inn"),
            policy=POLICY,
        )
    with pytest.raises(StorageError, match="Someone else changed this placement"):
        remove_placement(db, officer_id=officer.id, placement=read_by_both)
    [saved] = case_accommodation(db, case_id).placements
    assert (saved.provider, saved.cost) == ("Station Hotel", Decimal("70.00"))


def test_a_placement_recorded_in_error_is_removed_softly_and_audited(db, officer) -> None:
    case_id = _case(db, officer.id)
    placement_id = add_placement(
        db, officer_id=officer.id, case_id=case_id, placement=BNB, policy=POLICY
    )
    [recorded] = case_accommodation(db, case_id).placements
    remove_placement(db, officer_id=officer.id, placement=recorded)
    assert case_accommodation(db, case_id).placements == ()
    with db.reading() as session:
        row = session.get(PlacementRow, placement_id)
        assert row is not None and row.deleted_at is not None  # kept, for the sync and audit
    [event] = _events(db, placement_id, "delete")
    assert event.officer_id == officer.id
    # Gone, it no longer counts against a new placement on the same nights.
    add_placement(db, officer_id=officer.id, case_id=case_id, placement=BNB, policy=POLICY)


# --- no one placed twice on the same night --------------------------------------------------------

HOSTEL = replace(
    BNB,
    type=PlacementType.HOSTEL,
    provider="Mill Lane Hostel",
    start_on=date(2026, 12, 1),
    id="hostel",
)


@pytest.mark.parametrize(
    ("bnb", "hostel", "overlaps"),
    [
        # B&B 23/11 to (the morning of) 01/12, the hostel from 01/12: the nights are 23-30/11
        # and 01/12 on: none shared.
        (replace(BNB, end_on=date(2026, 12, 1)), HOSTEL, False),
        # They left the B&B on 02/12: the night of 01/12 is in both.
        (replace(BNB, end_on=date(2026, 12, 2)), HOSTEL, True),
        # Still in the B&B: every night from 01/12 is in both.
        (BNB, HOSTEL, True),
        # The hostel's first night is before the B&B's: 20/11 to 24/11 shares 23/11.
        (BNB, replace(HOSTEL, start_on=date(2026, 11, 20), end_on=date(2026, 11, 24)), True),
        # Different people: the applicant in the B&B, their partner in the hostel.
        (replace(BNB, placed=("applicant",)), replace(HOSTEL, placed=("partner",)), False),
        # The whole household in one, the partner in the other: the partner twice.
        (BNB, replace(HOSTEL, placed=("partner",)), True),
    ],
)
def test_placements_sharing_a_night_and_a_person_overlap(
    bnb: Placement, hostel: Placement, overlaps: bool
) -> None:
    assert bnb.shares_a_night_with(hostel) is overlaps
    assert hostel.shares_a_night_with(bnb) is overlaps


def test_an_overlapping_placement_is_refused_naming_the_one_it_overlaps(db, officer) -> None:
    case_id = _case(db, officer.id)
    add_placement(db, officer_id=officer.id, case_id=case_id, placement=BNB, policy=POLICY)
    hostel = replace(HOSTEL, id="")
    with pytest.raises(
        StorageError,
        match=r"overlaps Bed and breakfast at Station Hotel \(from "
        r"23/11/2026, still there\)",
    ):
        add_placement(db, officer_id=officer.id, case_id=case_id, placement=hostel, policy=POLICY)
    [bnb] = case_accommodation(db, case_id).placements
    # Once the B&B ends the morning the hostel starts, both stand; then moving the B&B's end
    # a day later is refused, naming the hostel.
    change_placement(
        db, officer_id=officer.id, placement=replace(bnb, end_on=date(2026, 12, 1)), policy=POLICY
    )
    add_placement(db, officer_id=officer.id, case_id=case_id, placement=hostel, policy=POLICY)
    [bnb, _] = case_accommodation(db, case_id).placements
    with pytest.raises(
        StorageError, match=r"overlaps Hostel at Mill Lane Hostel \(from 01/12/2026"
    ):
        change_placement(
            db,
            officer_id=officer.id,
            placement=replace(bnb, end_on=date(2026, 12, 2)),
            policy=POLICY,
        )


# --- telling the receiving council (s.208) --------------------------------------------------------

AWAY = replace(
    BNB,
    type=PlacementType.HOSTEL,
    out_of_district=True,
    out_of_district_reason="No hostel space in the district",
)


def _s208(deadlines) -> list:
    return [d for d in deadlines if "receiving council" in d.what]


def test_an_out_of_district_placement_needs_the_council_told_within_14_days() -> None:
    facts = replace(SINGLE, placements=(AWAY,))
    [due] = _s208(case_deadlines(facts, today=date(2026, 11, 23), policy=POLICY))
    # Made available Mon 23 Nov 2026: 14 days later is Mon 7 Dec 2026.
    assert due.due == date(2026, 12, 7)
    assert "s.208" in due.rule and "Station Hotel" in due.what
    # Still due once they have left: the notice was owed all the same.
    left = replace(AWAY, end_on=date(2026, 11, 30))
    assert _s208(
        case_deadlines(replace(SINGLE, placements=(left,)), today=date(2026, 12, 1), policy=POLICY)
    )
    told = replace(AWAY, notified_on=date(2026, 11, 25))
    assert (
        _s208(
            case_deadlines(
                replace(SINGLE, placements=(told,)), today=date(2026, 11, 25), policy=POLICY
            )
        )
        == []
    )
    in_district = replace(BNB, type=PlacementType.HOSTEL)
    assert (
        _s208(
            case_deadlines(
                replace(SINGLE, placements=(in_district,)), today=date(2026, 11, 23), policy=POLICY
            )
        )
        == []
    )


def test_the_notice_days_come_from_the_policy_file(tmp_path: Path) -> None:
    (tmp_path / "policy.toml").write_text(
        "[accommodation]\nout_of_district_notice_days = 10\n", "utf-8"
    )
    facts = replace(SINGLE, placements=(AWAY,))
    [due] = _s208(case_deadlines(facts, today=date(2026, 11, 23), policy=load_policy(tmp_path)))
    assert due.due == date(2026, 12, 3)  # Mon 23 Nov + 10 days


def test_the_day_told_is_recorded_and_takes_the_notice_off_the_due_list(db, officer) -> None:
    from storage.due import cases_for_due

    case_id = _case(db, officer.id)
    add_placement(db, officer_id=officer.id, case_id=case_id, placement=AWAY, policy=POLICY)

    def notices() -> list:
        [case] = cases_for_due(db, officer_id=None, case_ids=[case_id])
        return _s208(case_deadlines(case.dates, today=date(2026, 11, 24), policy=POLICY))

    assert [d.due for d in notices()] == [date(2026, 12, 7)]
    [recorded] = case_accommodation(db, case_id).placements
    with pytest.raises(StorageError, match="only of a placement out of the district"):
        change_placement(
            db,
            officer_id=officer.id,
            placement=replace(
                recorded,
                out_of_district=False,
                out_of_district_reason="",
                notified_on=date(2026, 11, 24),
            ),
            policy=POLICY,
        )
    change_placement(
        db,
        officer_id=officer.id,
        placement=replace(recorded, notified_on=date(2026, 11, 24)),
        policy=POLICY,
    )
    assert notices() == []
    [saved] = case_accommodation(db, case_id).placements
    assert saved.notified_on == date(2026, 11, 24)


# --- recharges ------------------------------------------------------------------------------------


def _terms(owed: str) -> PlanTerms:
    return PlanTerms(
        kind=RechargeKind.BNB,
        description="Station Hotel",
        amount_owed=Decimal(owed),
        instalment=Decimal("10.00"),
        frequency=Frequency.WEEKLY,
        first_due_on=date(2026, 11, 30),
    )


def test_recorded_costs_are_recharged_by_a_repayment_plan_set_against_them(db, officer) -> None:
    case_id = _case(db, officer.id)
    today = date(2026, 11, 23)
    bnb = RechargeableCost(RechargeKind.BNB, date(2026, 11, 20), Decimal("455.00"), "7 nights")
    storage = RechargeableCost(RechargeKind.STORAGE, date(2026, 11, 21), Decimal("120.50"))
    waived = RechargeableCost(
        RechargeKind.REMOVAL, date(2026, 11, 21), Decimal("80.00"), waived_reason="Fled abuse"
    )
    ids = [
        record_cost(db, officer_id=officer.id, case_id=case_id, cost=cost, policy=POLICY)
        for cost in (bnb, storage, waived)
    ]
    # 100% recharging: £455.00 + £120.50 = £575.50; the waived removal is not recharged.
    with pytest.raises(StorageError, match="amount owed must be £575.50"):
        create_plan(
            db,
            officer_id=officer.id,
            case_id=case_id,
            terms=_terms("500.00"),
            agreed_on=today,
            policy=POLICY,
            recharges=tuple(ids[:2]),
        )
    with pytest.raises(StorageError, match="was waived"):
        create_plan(
            db,
            officer_id=officer.id,
            case_id=case_id,
            terms=_terms("575.50"),
            agreed_on=today,
            policy=POLICY,
            recharges=tuple(ids),
        )
    plan_id = create_plan(
        db,
        officer_id=officer.id,
        case_id=case_id,
        terms=_terms("575.50"),
        agreed_on=today,
        policy=POLICY,
        recharges=tuple(ids[:2]),
    )
    costs = case_accommodation(db, case_id).costs
    assert [cost.plan_id for cost in costs] == [plan_id, plan_id, None]
    [row] = list_plans(db, case_id, today=today, policy=POLICY)
    assert row.plan.terms.amount_owed == Decimal("575.50")
    # A cost already on a plan cannot be set against another.
    with pytest.raises(StorageError, match="already on a plan"):
        create_plan(
            db,
            officer_id=officer.id,
            case_id=case_id,
            terms=_terms("455.00"),
            agreed_on=today,
            policy=POLICY,
            recharges=(ids[0],),
        )


def test_the_share_recharged_comes_from_the_policy_file(tmp_path: Path) -> None:
    (tmp_path / "policy.toml").write_text("[recharging.percent]\nstorage = 50\n", "utf-8")
    rules = load_policy(tmp_path).recharging
    cost = RechargeableCost(RechargeKind.STORAGE, date(2026, 11, 21), Decimal("120.25"))
    # Half of £120.25 is £60.125: to the penny, half up, £60.13.
    assert recharged_amount(cost, rules) == Decimal("60.13")
    assert recharged_amount(cost, POLICY.recharging) == Decimal("120.25")
