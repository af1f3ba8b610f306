"""Pure training science: values, rules and formulas. Standard library only."""
