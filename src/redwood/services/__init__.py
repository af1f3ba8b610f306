"""Use cases tying the domain to storage; the CLI and web app call only these."""
