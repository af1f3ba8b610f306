"""`python -m redwood` runs the same CLI as the `redwood` command."""

from redwood.cli.app import main

main()
