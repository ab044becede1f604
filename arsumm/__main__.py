"""``python -m arsumm``: the same code path as the ``arsumm`` command."""

from arsumm.cli import run

if __name__ == "__main__":
    run()
