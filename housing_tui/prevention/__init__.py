"""Prevention and relief: the catalogue of prevention options (prevention_options.toml), the
actions agreed with the client, and what goes into the Personal Housing Plan."""
