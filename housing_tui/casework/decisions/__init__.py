"""Homelessness applications and their decisions (Housing Act 1996 s.184): opening an
application, the inquiries checklist (`prefill` reads what the interview already says),
"minded to", the outcome with its H-CLIC code (`outcomes`), a principal's sign-off, the letter
and the day notified (`application`), the s.202 review, and the deadlines each sets
(`deadlines`, a rule group of `calendar.deadlines.case_deadlines`). Pure rules: no storage."""
