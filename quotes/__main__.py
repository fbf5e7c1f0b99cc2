"""``python -m quotes``: the ``quotes`` command, for when the script is not on the PATH."""
from .cli import cli

if __name__ == "__main__":  # not when a test runner imports the module to collect doctests
    cli(prog_name="quotes")
