"""Command line entry point (placeholder until the CLI module is written)."""


def main() -> int:
    return 0
