"""`python -m housing_tui` runs the same CLI as the `housing-tui` command."""

from housing_tui.cli import main

raise SystemExit(main())
