"""Where the DAG file's own code is: the line a declaration came from, and warnings aimed at it.

Errors and warnings about a DAG file point at the user's line, never at this layer's: the
innermost frame outside the ``airflow`` package, Borda's runtime and the import machinery.
"""

import os
import sys
import warnings

_AIRFLOW_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep
_BORDA_DIR = os.path.join(os.path.dirname(os.path.dirname(_AIRFLOW_DIR)), "borda") + os.sep

Site = tuple[str, int] | None


class BordaAirflowWarning(UserWarning):
    """Something in an Airflow-style DAG file that Borda runs differently from Airflow.

    The DAG parser reports warnings raised while it imports a file in its report's
    ``warnings`` (borda._runtime.parse), which the control plane logs.
    """


def is_layer_or_runtime(filename: str) -> bool:
    """Whether code in ``filename`` is this layer's, Borda's runtime's or the import system's."""
    if filename.startswith("<frozen importlib"):
        return True
    return os.path.abspath(filename).startswith((_AIRFLOW_DIR, _BORDA_DIR))


def user_site() -> Site:
    """The ``(filename, line)`` of the innermost caller outside this layer and the runtime."""
    frame = sys._getframe(1)
    while frame is not None:
        if not is_layer_or_runtime(frame.f_code.co_filename):
            return (frame.f_code.co_filename, frame.f_lineno)
        frame = frame.f_back
    return None


def warn(message: str, site: Site = None) -> None:
    """Warns about the user's code at ``site`` (default: the innermost user frame)."""
    site = site or user_site()
    if site is None:
        warnings.warn(message, BordaAirflowWarning, stacklevel=2)
    else:
        warnings.warn_explicit(message, BordaAirflowWarning, site[0], site[1])
