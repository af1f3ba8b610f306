"""The coach: today's session from the program and the log, progression, stalls, recovery."""
