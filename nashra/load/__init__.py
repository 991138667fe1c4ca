"""Load: nashra.toml, content/ and waiting seeds into a validated Archive, problems at path:line."""
