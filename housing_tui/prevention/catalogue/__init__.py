"""Prevention and relief options: which ones fit a client, and why.

Two halves:

- `CLIENT_FACTS`, named facts about the client read from the interview ("a private tenant",
  "behind with the rent"). Each answers yes, no, or not known yet; "not known" tells the officer
  what to record. The facts are code because they read the interview and the assessment rules.
- The catalogue of options, `housing_tui/prevention/prevention_options.toml`: what each option is,
  the facts it needs (`when`), why it fits, the Personal Housing Plan steps, and the H-CLIC
  main prevention and relief activity it counts as. It is data, so a council can reword an
  option, switch one off or add its own by writing `prevention_options.toml` in the data
  directory, without a release.

`propose_options` puts the two together: the options that fit (with the reasons), the ones that
need information first (and what to record), and why a common option does not fit.
"""

from __future__ import annotations

from housing_tui.prevention.catalogue.client_facts import (
    CLIENT_FACTS,
    LOOKING_FOR_WORK,
    POSSESSION_NOTICES,
    RENTED,
    SINGLE_ADULT_HOUSEHOLDS,
    TENANCIES,
    YOUNG_PERSON_AGES,
    ClientFact,
    FactTest,
    client_facts,
)
from housing_tui.prevention.catalogue.loading import (
    CATALOGUE_FILE_NAME,
    SHIPPED_SOURCE,
    CatalogueError,
    load_catalogue,
)
from housing_tui.prevention.catalogue.options import Catalogue, Fit, PreventionOption, Requirement
from housing_tui.prevention.catalogue.proposals import Proposal, propose_options

__all__ = [
    "CATALOGUE_FILE_NAME",
    "CLIENT_FACTS",
    "Catalogue",
    "CatalogueError",
    "ClientFact",
    "FactTest",
    "Fit",
    "LOOKING_FOR_WORK",
    "POSSESSION_NOTICES",
    "PreventionOption",
    "Proposal",
    "RENTED",
    "Requirement",
    "SHIPPED_SOURCE",
    "SINGLE_ADULT_HOUSEHOLDS",
    "TENANCIES",
    "YOUNG_PERSON_AGES",
    "client_facts",
    "load_catalogue",
    "propose_options",
]
