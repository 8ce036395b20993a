"""Recharging and repayment plans, worked by hand: the affordable instalment, the dated
schedule across Christmas and the year end, the policy's limits, and arrears after the grace
days. The policy here is written out (not read from the shipped file) so each expected value
can be checked against the rule beside it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from housing_tui.calendar.deadlines import CaseDates, DeadlineKind, is_working_day
from housing_tui.calendar.due import CaseForDue, case_due
from housing_tui.casework.assessment.facts import InterviewFacts
from housing_tui.documents.rendering import PLACEHOLDERS, load_templates, render_case_document
from housing_tui.money.amounts import Frequency, IncomeAndExpenditure
from housing_tui.money.repayments import (
    Instalment,
    Payment,
    PlanStatus,
    PlanTerms,
    RechargeKind,
    RepaymentPlan,
    affordability,
    agreement_values,
    first_due_warning,
    instalment_for,
    plan_balance,
    plan_schedule,
    read_payment,
    read_plan,
    repayment_deadlines,
    repayment_schedule,
    status_problem,
)
from housing_tui.reference.policy import RepaymentsPolicy, load_policy

TODAY = date(2026, 11, 23)  # Monday
RULES = RepaymentsPolicy(
    min_weekly=Decimal("5.00"),
    max_weekly=Decimal("50.00"),
    affordable_share_percent=50,
    max_weeks=104,
    grace_days=7,
)
_SHIPPED = load_policy(None)
POLICY = replace(
    _SHIPPED,
    repayments=RULES,
    deadlines=replace(_SHIPPED.deadlines, closure_days=frozenset()),
)

D = Decimal


def dates(schedule: tuple[Instalment, ...]) -> list[date]:
    return [instalment.due_on for instalment in schedule]


# --- the schedule --------------------------------------------------------------------------------


def test_weekly_plan_across_christmas_and_the_year_end() -> None:
    # £500 at £20 a week: 500 / 20 = 25 payments of £20, none left over.
    schedule = repayment_schedule(D("500.00"), D("20.00"), Frequency.WEEKLY, date(2026, 12, 14))
    assert len(schedule) == 25
    assert {instalment.amount for instalment in schedule} == {D("20.00")}
    assert dates(schedule)[:5] == [
        date(2026, 12, 14),  # Mon
        date(2026, 12, 21),  # Mon
        # Mon 28 Dec 2026 is the substitute bank holiday for Boxing Day (Sat 26 Dec): Tuesday.
        date(2026, 12, 29),
        # New Year's Day 2027 is a Friday, so Mon 4 Jan 2027 is a working day and stays.
        date(2027, 1, 4),
        date(2027, 1, 11),
    ]
    # The 25th is 24 weeks on: Mon 31 May 2027, the Spring bank holiday, so Tue 1 Jun 2027.
    assert schedule[-1] == Instalment(25, date(2027, 6, 1), D("20.00"))


def test_the_last_payment_is_what_is_left() -> None:
    # £105 at £20: five of £20 make £100, a sixth of £5 makes £105.
    schedule = repayment_schedule(D("105.00"), D("20.00"), Frequency.WEEKLY, date(2026, 12, 1))
    assert [i.amount for i in schedule] == [D("20.00")] * 5 + [D("5.00")]
    assert sum(i.amount for i in schedule) == D("105.00")


def test_monthly_plan_from_31_january_keeps_to_the_month_end() -> None:
    # £600 at £110 a month: five of £110 are £550, then £50. Counted from 31 Jan each time:
    # 31 Jan (Sun) -> Mon 1 Feb; 28 Feb (Sun, the month's last day) -> Mon 1 Mar;
    # 31 Mar (Wed), not the 28th; 30 Apr (Fri); 31 May (Mon, Spring bank holiday) -> Tue 1 Jun;
    # 30 Jun (Wed).
    schedule = repayment_schedule(D("600.00"), D("110.00"), Frequency.MONTHLY, date(2027, 1, 31))
    assert dates(schedule) == [
        date(2027, 2, 1),
        date(2027, 3, 1),
        date(2027, 3, 31),
        date(2027, 4, 30),
        date(2027, 6, 1),
        date(2027, 6, 30),
    ]
    assert [i.amount for i in schedule] == [D("110.00")] * 5 + [D("50.00")]


def test_fortnightly_and_four_weekly_steps() -> None:
    # From Wed 2 Dec 2026: fortnightly 2 Dec, 16 Dec, 30 Dec; four-weekly 2 Dec, 30 Dec, 27 Jan.
    fortnightly = repayment_schedule(D("60"), D("20"), Frequency.FORTNIGHTLY, date(2026, 12, 2))
    assert dates(fortnightly) == [date(2026, 12, 2), date(2026, 12, 16), date(2026, 12, 30)]
    four_weekly = repayment_schedule(D("60"), D("20"), Frequency.FOUR_WEEKLY, date(2026, 12, 2))
    assert dates(four_weekly) == [date(2026, 12, 2), date(2026, 12, 30), date(2027, 1, 27)]


def test_a_council_closure_day_moves_the_payment_to_the_next_working_day() -> None:
    # The council closes on Mon 21 Dec 2026: that payment is due Tue 22 Dec.
    schedule = repayment_schedule(
        D("60.00"), D("20.00"), Frequency.WEEKLY, date(2026, 12, 14), closures=[date(2026, 12, 21)]
    )
    assert dates(schedule) == [date(2026, 12, 14), date(2026, 12, 22), date(2026, 12, 29)]


def test_a_long_closure_never_puts_two_payments_on_one_day() -> None:
    # Closed Tue 29 to Thu 31 Dec 2026; with Mon 28 Dec and Fri 1 Jan bank holidays and the
    # weekends, nothing is open from Sat 26 Dec to Sun 3 Jan. The payment of Mon 28 Dec goes
    # to Mon 4 Jan; the one of Mon 4 Jan then goes to the working day after, Tue 5 Jan.
    closed = [date(2026, 12, 29), date(2026, 12, 30), date(2026, 12, 31)]
    schedule = repayment_schedule(
        D("100.00"), D("20.00"), Frequency.WEEKLY, date(2026, 12, 14), closures=closed
    )
    assert dates(schedule) == [
        date(2026, 12, 14),
        date(2026, 12, 21),
        date(2027, 1, 4),
        date(2027, 1, 5),
        date(2027, 1, 11),
    ]


@settings(max_examples=200, deadline=None)
@given(
    owed_pence=st.integers(min_value=1, max_value=520_000),
    count=st.integers(min_value=1, max_value=120),
    frequency=st.sampled_from(
        [Frequency.WEEKLY, Frequency.FORTNIGHTLY, Frequency.FOUR_WEEKLY, Frequency.MONTHLY]
    ),
    first=st.dates(min_value=date(2026, 1, 1), max_value=date(2030, 12, 31)),
    closed_offsets=st.sets(st.integers(min_value=0, max_value=400), max_size=15),
)
def test_any_schedule_adds_up_and_falls_on_working_days(
    owed_pence: int, count: int, frequency: Frequency, first: date, closed_offsets: set[int]
) -> None:
    owed = D(owed_pence) / 100
    each = D(-(-owed_pence // count)) / 100  # about `count` payments, at least a penny each
    closures = {first + timedelta(days=offset) for offset in closed_offsets}
    schedule = repayment_schedule(owed, each, frequency, first, closures=closures)
    assert sum(i.amount for i in schedule) == owed
    assert all(D(0) < i.amount <= each for i in schedule)
    days = dates(schedule)
    assert days[0] >= first
    assert all(earlier < later for earlier, later in zip(days, days[1:], strict=False))
    assert all(is_working_day(day, closures) for day in days)
    assert [i.number for i in schedule] == list(range(1, len(schedule) + 1))


# --- affordability -------------------------------------------------------------------------------


def budget(income: str, outgoings: str) -> IncomeAndExpenditure:
    # Only the weekly figures matter here; the monthly ones are not used.
    return IncomeAndExpenditure(D(income), D(outgoings), D(0), D(0))


def test_half_of_what_is_left_is_suggested() -> None:
    # £300 in, £240 out: £60 left; 50% is £30.00.
    afforded = affordability(budget("300.00", "240.00"), RULES)
    assert afforded.suggested_weekly == D("30.00")
    assert afforded.warning is None
    assert afforded.reasons == (
        "Income £300.00 a week, outgoings £240.00 a week: £60.00 a week left over.",
        "50% of what is left over is £30.00 a week.",
    )


def test_the_half_penny_is_rounded_up() -> None:
    # £20.01 left: 50% is £10.005, rounded half up to £10.01.
    assert affordability(budget("100.01", "80.00"), RULES).suggested_weekly == D("10.01")


def test_a_small_surplus_still_gets_the_minimum_with_a_warning() -> None:
    # £8 left: 50% is £4.00, below the £5.00 minimum.
    afforded = affordability(budget("300.00", "292.00"), RULES)
    assert afforded.suggested_weekly == D("5.00")
    assert "below the policy minimum, so £5.00 a week" in afforded.reasons[-1]
    assert afforded.warning and "check they can afford it" in afforded.warning


def test_a_large_surplus_is_held_to_the_maximum() -> None:
    # £200 left: 50% is £100.00, above the £50.00 maximum.
    afforded = affordability(budget("500.00", "300.00"), RULES)
    assert afforded.suggested_weekly == D("50.00")
    assert "above the policy maximum, so £50.00 a week" in afforded.reasons[-1]
    assert afforded.warning is None


def test_a_shortfall_gets_the_minimum_and_debt_advice() -> None:
    # £120 in, £150 out: £30 a week short.
    afforded = affordability(budget("120.00", "150.00"), RULES)
    assert afforded.suggested_weekly == D("5.00")
    assert afforded.reasons[0].endswith("£30.00 a week short.")
    assert afforded.warning and "debt advice" in afforded.warning


def test_no_income_and_expenditure_gets_the_minimum_and_a_request_to_record_it() -> None:
    afforded = affordability(None, RULES)
    assert afforded.suggested_weekly == D("5.00")
    assert afforded.warning and "income and outgoings in the interview" in afforded.warning


def test_a_weekly_amount_as_other_instalments() -> None:
    # £20 a week: fortnightly £40; four-weekly £80; monthly 20 x 52 / 12 = 86.666... -> £86.67.
    assert instalment_for(D("20.00"), Frequency.FORTNIGHTLY) == D("40.00")
    assert instalment_for(D("20.00"), Frequency.FOUR_WEEKLY) == D("80.00")
    assert instalment_for(D("20.00"), Frequency.MONTHLY) == D("86.67")


# --- the plan form -------------------------------------------------------------------------------


def form(**changes: str) -> dict[str, str]:
    raw = {
        "kind": "deposit",
        "description": "12 High Street",
        "amount_owed": "500",
        "instalment": "20",
        "frequency": "weekly",
        "first_due_on": "14/12/2026",
    }
    return {**raw, **changes}


def problems(**changes: str) -> dict[str, str]:
    terms, errors = read_plan(form(**changes), today=TODAY, policy=RULES)
    assert terms is None
    return errors


def test_a_good_plan_is_read() -> None:
    terms, errors = read_plan(form(description="  12   High Street "), today=TODAY, policy=RULES)
    assert errors == {}
    assert terms == PlanTerms(
        kind=RechargeKind.DEPOSIT,
        description="12 High Street",
        amount_owed=D("500.00"),
        instalment=D("20.00"),
        frequency=Frequency.WEEKLY,
        first_due_on=date(2026, 12, 14),
    )


def test_a_plan_longer_than_the_policy_allows_says_the_least_instalment() -> None:
    # £1,000 at £5 a week: 200 payments, 200 weeks > 104. 1000 / 104 = 9.615..., rounded UP
    # to £9.62 (at £9.61, 104 payments make £999.44: a 105th would be needed).
    message = problems(amount_owed="1000", instalment="5")["instalment"]
    assert message == (
        "At £5.00 a week, £1,000.00 takes 200 payments (200 weeks); the policy allows at most "
        "104 weeks. Agree at least £9.62 a week."
    )


def test_a_monthly_plan_longer_than_the_policy_allows() -> None:
    # £1,000 at £40 a month (40 x 12 / 52 = £9.23 a week, within the limits): 25 payments of
    # 52/12 weeks = 108.3 weeks > 104. 104 weeks are 24 months: 1000 / 24 = 41.666... -> £41.67.
    message = problems(amount_owed="1000", instalment="40", frequency="monthly")["instalment"]
    assert "takes 25 payments (108 weeks)" in message
    assert message.endswith("Agree at least £41.67 a month.")


def test_exactly_the_longest_plan_is_allowed() -> None:
    # £1,040 at £10 a week: 104 payments, 104 weeks: allowed.
    _, errors = read_plan(form(amount_owed="1040", instalment="10"), today=TODAY, policy=RULES)
    assert errors == {}


def test_instalments_outside_the_weekly_limits() -> None:
    assert problems(instalment="0")["instalment"] == (
        "The instalment must be at least £5.00 a week."
    )
    assert problems(instalment="4.99")["instalment"] == (
        "£4.99 a week is less than the policy minimum of £5.00 a week."
    )
    # £250 a month is 250 x 12 / 52 = £57.69 a week.
    assert problems(instalment="250", frequency="monthly")["instalment"] == (
        "£250.00 a month (£57.69 a week) is more than the policy maximum of £50.00 a week."
    )


def test_amounts_owed_that_cannot_be_right() -> None:
    assert problems(amount_owed="0")["amount_owed"] == "The amount owed must be more than £0.00."
    assert problems(amount_owed="-50")["amount_owed"] == "Amounts cannot be negative."
    assert "more than £100,000" in problems(amount_owed="250000")["amount_owed"]
    assert "Type the amount owed" in problems(amount_owed="")["amount_owed"]
    # £50.00 a week for 104 weeks is £5,200.00 at most.
    assert problems(amount_owed="6000", instalment="50")["amount_owed"].startswith(
        "£6,000.00 is more than a plan can recover under the policy: £50.00 a week for 104 "
        "weeks is £5,200.00."
    )


def test_first_due_dates_that_cannot_be_right() -> None:
    # Today is Mon 23 Nov 2026: 4 weeks back is 26 Oct; 13 weeks ahead is Mon 22 Feb 2027.
    assert problems(first_due_on="25/10/2026")["first_due_on"].startswith(
        "25/10/2026 is more than 4 weeks ago"
    )
    assert problems(first_due_on="23/02/2027")["first_due_on"].startswith(
        "23/02/2027 is more than 13 weeks away"
    )
    assert "Give the day the first payment is due" in problems(first_due_on="")["first_due_on"]
    _, errors = read_plan(form(first_due_on="26/10/2026"), today=TODAY, policy=RULES)
    assert errors == {}


def test_how_long_a_plan_takes_is_said_before_the_rest_of_the_form_is_right() -> None:
    # £2,000 at £5 a week: 400 payments, 400 weeks, over the policy's 104; 2000 / 104 =
    # 19.230..., rounded up to £19.24 (a penny less would need a 105th payment).
    errors = problems(amount_owed="2000", instalment="5", first_due_on="", kind="")
    assert errors["instalment"] == (
        "At £5.00 a week, £2,000.00 takes 400 payments (400 weeks); the policy allows at most "
        "104 weeks. Agree at least £19.24 a week."
    )
    assert {"first_due_on", "kind"} <= errors.keys()


def test_a_first_payment_in_the_past_is_warned_of_not_refused() -> None:
    # Today is Mon 23 Nov 2026. Sun 22 Nov is past: due already; today and later are not.
    warning = first_due_warning(date(2026, 11, 22), TODAY)
    assert warning is not None and warning.startswith("22/11/2026 is in the past")
    assert first_due_warning(TODAY, TODAY) is None
    assert first_due_warning(date(2026, 11, 30), TODAY) is None
    _, errors = read_plan(form(first_due_on="22/11/2026"), today=TODAY, policy=RULES)
    assert errors == {}  # a plan agreed on paper may be typed in later


def test_other_costs_need_a_description_and_yearly_is_not_a_choice() -> None:
    assert "Say what the council paid for" in problems(kind="other", description="")["description"]
    assert problems(frequency="yearly")["frequency"] == "Choose how often they pay."
    assert problems(kind="")["kind"] == "Choose what the council paid for."


# --- arrears -------------------------------------------------------------------------------------

# £500 at £20 a week from Mon 14 Dec 2026 (see the first test): 14 Dec, 21 Dec, Tue 29 Dec,
# 4 Jan, 11 Jan ...; grace 7 days.
SCHEDULE = repayment_schedule(D("500.00"), D("20.00"), Frequency.WEEKLY, date(2026, 12, 14))


def balance(today: date, *payments: tuple[date, str]):
    return plan_balance(
        SCHEDULE,
        [Payment(paid_on, D(amount)) for paid_on, amount in payments],
        today=today,
        grace_days=7,
    )


def test_a_missed_payment_is_not_arrears_until_the_grace_days_have_passed() -> None:
    # Due Mon 14 Dec; 7 days' grace runs out Mon 21 Dec.
    on_sunday = balance(date(2026, 12, 20))
    assert on_sunday.arrears == 0 and on_sunday.behind_since is None
    assert on_sunday.next_due == Instalment(1, date(2026, 12, 14), D("20.00"))

    on_monday = balance(date(2026, 12, 21))
    assert on_monday.arrears == D("20.00")
    assert on_monday.behind_since == date(2026, 12, 14)
    assert on_monday.fell_behind_on == date(2026, 12, 21)


def test_a_short_payment_is_arrears_for_what_is_missing() -> None:
    # £15 of the £20 due 14 Dec: £5 behind from 21 Dec, and £5 left to pay on the first.
    found = balance(date(2026, 12, 21), (date(2026, 12, 14), "15.00"))
    assert found.arrears == D("5.00")
    assert found.behind_since == date(2026, 12, 14)
    assert found.next_due == Instalment(1, date(2026, 12, 14), D("5.00"))


def test_arrears_grow_then_a_larger_payment_clears_them() -> None:
    # Paid only the first £20. On Tue 5 Jan 2027 the grace days have run out for 14 Dec
    # (21 Dec), 21 Dec (28 Dec) and Tue 29 Dec (5 Jan): £60 due, £20 paid, £40 behind since
    # the second payment (21 Dec); the latest fell behind today.
    first = (date(2026, 12, 14), "20.00")
    behind = balance(date(2027, 1, 5), first)
    assert behind.arrears == D("40.00")
    assert behind.behind_since == date(2026, 12, 21)
    assert behind.fell_behind_on == date(2027, 1, 5)

    # £60 on 5 Jan: £80 paid covers four payments (to 4 Jan): up to date, next due 11 Jan.
    cleared = balance(date(2027, 1, 5), first, (date(2027, 1, 5), "60.00"))
    assert cleared.arrears == 0 and cleared.behind_since is None
    assert cleared.next_due == Instalment(5, date(2027, 1, 11), D("20.00"))
    assert cleared.paid == D("80.00") and cleared.outstanding == D("420.00")


def test_paid_in_full() -> None:
    found = balance(date(2027, 7, 1), (date(2027, 6, 1), "500.00"))
    assert found.paid_in_full and found.next_due is None and found.arrears == 0


def plan(status: PlanStatus = PlanStatus.ACTIVE, *payments: Payment) -> RepaymentPlan:
    return RepaymentPlan(
        id="plan-1",
        terms=PlanTerms(
            kind=RechargeKind.BNB,
            description="",
            amount_owed=D("500.00"),
            instalment=D("20.00"),
            frequency=Frequency.WEEKLY,
            first_due_on=date(2026, 12, 14),
        ),
        agreed_on=TODAY,
        status=status,
        payments=payments,
    )


def test_a_plan_in_arrears_is_due_for_contact_and_marking_it_done_hides_it() -> None:
    # On Tue 22 Dec 2026, nothing paid: £20 behind since 14 Dec, fell behind Mon 21 Dec.
    today = date(2026, 12, 22)
    (deadline,) = repayment_deadlines([plan()], today=today, policy=POLICY)
    assert deadline.what == (
        "Repayment plan (B&B) in arrears: £20.00 behind since 14/12/2026 — contact the client"
    )
    assert deadline.due == date(2026, 12, 21)
    assert deadline.kind is DeadlineKind.LOCAL_TARGET
    assert deadline.instance == "repayment_arrears:plan-1@2026-12-21"

    case = CaseForDue(
        case_id="c1",
        ref="C1",
        client_name="A Client",
        officer_initials="OO",
        facts=InterviewFacts(),
        dates=CaseDates(),
        repayments=(plan(),),
    )
    assert deadline in case_due(case, today=today, policy=POLICY)
    contacted = replace(case, met=frozenset({deadline.instance}))
    assert deadline not in case_due(contacted, today=today, policy=POLICY)
    # The next missed payment (Mon 21 Dec, grace to Mon 28 Dec) brings it back.
    later = case_due(contacted, today=date(2026, 12, 28), policy=POLICY)
    assert [d.due for d in later if d.key.startswith("repayment_arrears")] == [date(2026, 12, 28)]


def test_plans_not_active_or_up_to_date_are_not_due() -> None:
    today = date(2026, 12, 22)
    assert repayment_deadlines([plan(PlanStatus.LEGAL)], today=today, policy=POLICY) == []
    assert repayment_deadlines([plan(PlanStatus.CANCELLED)], today=today, policy=POLICY) == []
    paid = plan(PlanStatus.ACTIVE, Payment(date(2026, 12, 14), D("20.00")))
    assert repayment_deadlines([paid], today=today, policy=POLICY) == []


# --- payments and status -------------------------------------------------------------------------


def test_payments_that_cannot_be_recorded() -> None:
    paid_300 = plan(PlanStatus.ACTIVE, Payment(date(2026, 12, 14), D("300.00")))

    def payment_errors(amount: str, paid_on: str = "today") -> dict[str, str]:
        found, errors = read_payment(
            {"amount": amount, "paid_on": paid_on}, plan=paid_300, today=date(2026, 12, 21)
        )
        assert found is None
        return errors

    assert payment_errors("0") == {"amount": "Type the amount paid: more than £0.00."}
    assert payment_errors("-5") == {"amount": "Amounts cannot be negative."}
    # £500 owed, £300 paid: £200 left.
    assert payment_errors("200.01") == {
        "amount": "£200.01 is more than the £200.00 still owed on this plan: check the amount."
    }
    assert payment_errors("20", "22/12/2026")["paid_on"].startswith("22/12/2026 is in the future")
    # The plan was agreed on 23 Nov 2026, before its first payment (14 Dec).
    assert payment_errors("20", "22/11/2026")["paid_on"] == (
        "22/11/2026 is before the plan started (23/11/2026): check the date."
    )
    found, errors = read_payment(
        {"amount": "200", "paid_on": "21/12/2026", "note": " by card "},
        plan=paid_300,
        today=date(2026, 12, 21),
    )
    assert errors == {} and found == Payment(date(2026, 12, 21), D("200.00"), "by card")


def test_status_changes() -> None:
    assert status_problem(plan(), PlanStatus.LEGAL) is None
    assert status_problem(plan(PlanStatus.LEGAL), PlanStatus.ACTIVE) is None
    assert status_problem(plan(), PlanStatus.ACTIVE) == "The plan is already active."
    assert status_problem(plan(), PlanStatus.COMPLETED) == (
        "£500.00 is still owed: a plan is completed when it is paid in full (cancel it if the "
        "council writes the debt off)."
    )
    done = plan(PlanStatus.COMPLETED, Payment(date(2026, 12, 14), D("500.00")))
    assert status_problem(done, PlanStatus.ACTIVE) == (
        "The plan is paid in full: there is nothing left to recover."
    )


# --- the agreement -------------------------------------------------------------------------------


def test_the_agreement_fills_every_placeholder_with_the_dated_schedule() -> None:
    terms = replace(plan().terms, kind=RechargeKind.DEPOSIT, description="12 High Street")
    terms = replace(terms, amount_owed=D("105.00"))
    schedule = plan_schedule(terms)
    values = agreement_values(
        terms,
        schedule,
        affordability(budget("300.00", "240.00"), RULES),
        written_on=TODAY,
        grace_days=7,
    )
    # The template's own placeholders, less the client and council ones the renderer fills.
    client_and_council = PLACEHOLDERS["repayment_agreement"] - set(values)
    assert "client_name" in client_and_council and "what_for" not in client_and_council
    assert values["what_for"] == "your rent deposit (12 High Street)"
    # £105 at £20: six payments, the last £5 (see above), weekly from Mon 14 Dec 2026.
    assert values["instalment"] == "£20.00 a week (6 payments in all, the last one £5.00)"
    assert values["first_due_on"] == "Monday 14 December 2026"
    assert values["last_due_on"] == "Monday 18 January 2027"
    # The payments are the rows of a table in the agreement; the reasons, a line each.
    assert {"number": "3", "due_on": "Tuesday 29 December 2026", "amount": "£20.00"} in values[
        "schedule"
    ]
    assert values["schedule"][-1] == {
        "number": "6",
        "due_on": "Monday 18 January 2027",
        "amount": "£5.00",
    }
    assert values["affordability"][-1] == "We agreed £20.00 a week."
    body = render_case_document(
        "repayment_agreement",
        values,
        council=POLICY.council,
        templates=load_templates(None),
        client_name="Jo Bloggs",
        client_address="1 Example Street",
        case_ref="CASE0001",
        officer_name="Olu Officer",
    ).text
    assert "paid for your rent deposit (12 High Street) on your behalf" in body
    assert "| 6 | Monday 18 January 2027 | £5.00 |" in body
    assert "within 7 days of its due date" in body
