"""Reference data every area reads: the council's policy (policy_default.toml), code lists
(H-CLIC, hclic_codes.toml), parsing of typed fields, and reading a council's own files."""
