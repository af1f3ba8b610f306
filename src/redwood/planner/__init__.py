"""Program generation: candidates, the CP-SAT model, templates and the validator."""
