"""Peak memory of a process, from ``/proc`` (a module that imports nothing heavy).

Used by the speed runners and by ``benchmarks._workers_child``, whose worker
processes import it again.
"""

from __future__ import annotations

__all__ = ["vm_hwm_mb"]


def vm_hwm_mb(pid: int | str = "self") -> float | None:
    """Return a process's peak resident set size in MiB (``VmHWM``), if the OS says.

    ``VmHWM`` belongs to the process image, so unlike ``ru_maxrss`` it does
    not include the memory of the parent that forked the process.

    Examples
    --------
    >>> import sys
    >>> value = vm_hwm_mb()
    >>> value is None if not sys.platform.startswith("linux") else value > 0
    True
    """
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None
