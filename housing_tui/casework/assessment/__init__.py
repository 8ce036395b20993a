"""The housing options interview: what the law says about a client's situation, and why.

Pure rules over `InterviewFacts`, the answers an officer records in the interview. Each rule
returns a value and a reason in plain English, for the officer, the client's letter and anyone
reviewing the case. The dates and thresholds a council may need to correct come from the policy
file (`[assessment]` and `[triage]`). Sections are of the Housing Act 1996 (Part 7) unless
another Act is named.

These rules say what *appears* to be the case, to decide what to do now. The decisions
themselves (homeless, eligible, priority need, local connection) are the officer's, made on
enquiries and signed off as the council requires.

One module per statutory test: facts (the answers recorded), notices, homelessness,
eligibility, priority_need, local_connection, interim_accommodation, next_steps (what must
happen, by when), consistency (statutory-return checks) and missing (what is still to ask).
"""
