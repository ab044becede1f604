"""The fuzz targets are run by hand with atheris (see README.md), never by pytest.

Collecting them would import atheris and instrument arsumm, so pytest skips
every module of this folder (``--doctest-modules`` would import them too).
"""

collect_ignore_glob = ["*.py"]
