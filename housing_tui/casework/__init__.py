"""Casework: the client, triage at first contact, the interview, the statutory assessment
(eligibility, homelessness, priority need, local connection, intentionality, interim
accommodation, notices) and the duties owed. No Textual, no SQL."""
