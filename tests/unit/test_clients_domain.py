"""Who the client is: reading the client form and telling whether two records are likely the
same person. The rule (DOMAIN.md): duplicates come from re-keying; warn on likely duplicates,
but names repeat, so a name alone is never enough."""

from __future__ import annotations

from datetime import date

from housing_tui.casework.clients import (
    ClientDraft,
    guess_client_fields,
    likeness,
    read_client,
    search_key,
)

TODAY = date(2026, 11, 23)
BORN = date(1990, 4, 3)


def _draft(forenames: str = "John", surname: str = "Smith", **more) -> ClientDraft:
    return ClientDraft(forenames=forenames, surname=surname, **more)


# --- likeness ------------------------------------------------------------------------------------


def test_same_ni_number_is_decisive() -> None:
    result = likeness(
        _draft("John", "Smith", ni_number="AB123456C", date_of_birth=BORN),
        _draft("Jonathan", "Smithers-Jones", ni_number="AB123456C", date_of_birth=date(1991, 1, 1)),
    )
    assert result.is_likely_duplicate
    assert result.score == 1.0
    assert any("NI" in reason for reason in result.reasons)


def test_same_date_of_birth_and_a_misspelt_surname_is_likely() -> None:
    result = likeness(
        _draft("John", "Smyth", date_of_birth=BORN), _draft("John", "Smith", date_of_birth=BORN)
    )
    assert result.is_likely_duplicate
    assert any("date of birth" in reason for reason in result.reasons)


def test_same_name_different_date_of_birth_is_not_likely() -> None:
    result = likeness(
        _draft("John", "Smith", date_of_birth=BORN),
        _draft("John", "Smith", date_of_birth=date(1962, 8, 30)),
    )
    assert not result.is_likely_duplicate


def test_same_date_of_birth_different_name_is_not_likely() -> None:
    result = likeness(
        _draft("John", "Smith", date_of_birth=BORN),
        _draft("Priya", "Patel", date_of_birth=BORN),
    )
    assert not result.is_likely_duplicate


def test_shortened_first_name_with_the_same_date_of_birth_is_likely() -> None:
    result = likeness(
        _draft("Jo", "Bloggs", date_of_birth=BORN), _draft("Joanne", "Bloggs", date_of_birth=BORN)
    )
    assert result.is_likely_duplicate
    # and the other way round
    assert likeness(
        _draft("Joanne", "Bloggs", date_of_birth=BORN), _draft("Jo", "Bloggs", date_of_birth=BORN)
    ).is_likely_duplicate


def test_different_ni_numbers_alone_do_not_make_a_duplicate() -> None:
    result = likeness(
        _draft("John", "Smith", ni_number="AB123456C", date_of_birth=BORN),
        _draft("Priya", "Patel", ni_number="CE654321A", date_of_birth=date(1970, 1, 1)),
    )
    assert not result.is_likely_duplicate
    assert result.score == 0


def test_same_name_at_the_same_postcode_without_dates_of_birth_is_likely() -> None:
    result = likeness(
        _draft("John", "Smith", postcode="ZZ99 3AB"), _draft("John", "Smith", postcode="ZZ99 3AB")
    )
    assert result.is_likely_duplicate


def test_search_key_ignores_case_spaces_and_punctuation() -> None:
    assert search_key("O'Brien") == search_key("obrien")
    assert search_key("ZZ99 3AB") == search_key("zz993ab")


# --- reading the client form ---------------------------------------------------------------------


def test_read_client_reads_a_good_form() -> None:
    draft, errors = read_client(
        {
            "forenames": " Jo ",
            "surname": "Bloggs",
            "date_of_birth": "3/4/1990",
            "ni_number": "ab 12 34 56 c",
            "phone": "07700 900123",
            "email": "jo@example.org",
            "address": "1 Demo Street",
            "postcode": "zz993ab",
        },
        today=TODAY,
    )
    assert errors == {}
    assert draft == ClientDraft(
        forenames="Jo",
        surname="Bloggs",
        date_of_birth=BORN,
        ni_number="AB123456C",
        phone="07700 900123",
        email="jo@example.org",
        address="1 Demo Street",
        postcode="ZZ99 3AB",
    )
    assert draft.full_name == "Jo Bloggs"


def test_read_client_needs_only_the_names() -> None:
    draft, errors = read_client({"forenames": "Jo", "surname": "Bloggs"}, today=TODAY)
    assert errors == {}
    assert draft == ClientDraft(forenames="Jo", surname="Bloggs")


def test_read_client_collects_errors_for_several_fields_at_once() -> None:
    draft, errors = read_client(
        {
            "forenames": "Jo",
            "surname": "",
            "date_of_birth": "24/11/2026",  # tomorrow
            "ni_number": "QQ123456C",  # Q is never a first letter
            "phone": "12",
            "email": "jo at example",
            "address": "1 Demo Street",
            "postcode": "nowhere",
        },
        today=TODAY,
    )
    assert draft is None
    assert set(errors) == {"surname", "date_of_birth", "ni_number", "phone", "email", "postcode"}
    assert all(message for message in errors.values())


# --- carrying search text into the new-client form ---------------------------------------------


def test_guess_client_fields_sends_each_word_to_the_field_it_looks_like() -> None:
    guessed = guess_client_fields("Jo Anne Bloggs 3/4/1990 AB123456C zz993ab", today=TODAY)
    assert guessed == {
        "forenames": "Jo Anne",
        "surname": "Bloggs",
        "date_of_birth": "3/4/1990",
        "ni_number": "AB123456C",
        "postcode": "zz993ab",
    }


def test_guess_client_fields_takes_a_date_of_birth_typed_in_words() -> None:
    # "3 Apr 1990" is one date of birth (as the triage reads it), not names "Apr" and "3".
    guessed = guess_client_fields("Jo Bloggs 3 Apr 1990", today=TODAY)
    assert guessed == {"forenames": "Jo", "surname": "Bloggs", "date_of_birth": "3 Apr 1990"}
    assert guess_client_fields("smith 14/3/97", today=TODAY)["date_of_birth"] == "14/3/97"


def test_guess_client_fields_with_one_name_is_the_surname() -> None:
    assert guess_client_fields("smith", today=TODAY) == {"surname": "smith"}


def test_guess_client_fields_keeps_hyphens_and_apostrophes_in_names() -> None:
    guessed = guess_client_fields("Mary O'Brien-Smith", today=TODAY)
    assert guessed == {"forenames": "Mary", "surname": "O'Brien-Smith"}


def test_guess_client_fields_drops_what_is_neither_name_nor_field() -> None:
    assert guess_client_fields("", today=TODAY) == {}
    assert guess_client_fields("smith 42", today=TODAY) == {"surname": "smith"}


def test_guess_client_fields_does_not_take_a_future_date_as_a_birth_date() -> None:
    assert "date_of_birth" not in guess_client_fields("smith 01/01/2030", today=TODAY)


def test_guess_client_fields_carries_a_postcode_typed_with_its_space() -> None:
    guessed = guess_client_fields("Smith ZZ99 3AB", today=TODAY)
    assert guessed.get("surname") == "Smith"
    assert guessed.get("postcode", "").replace(" ", "").upper() == "ZZ993AB"


def test_same_name_same_home_different_birth_dates_is_family_not_a_duplicate() -> None:
    # A father and son of the same name living together are two people.
    father = ClientDraft("Tomasz", "Nowak", date(1970, 5, 1), postcode="ZZ99 3AB")
    son = ClientDraft("Tomasz", "Nowak", date(2001, 9, 9), postcode="ZZ99 3AB")
    assert not likeness(son, father).is_likely_duplicate
    # Without a date of birth to tell them apart, the officer is asked.
    unknown = ClientDraft("Tomasz", "Nowak", None, postcode="ZZ99 3AB")
    assert likeness(unknown, father).is_likely_duplicate
