"""The weights of every score that combines signals (retrieval, quote choice, abstention), kept as data in one file.

`assistant/data/weights.json` is written by `scripts/fit_retrieval.py` (the rerank) and `scripts/fit_weights.py`
(the rest), which fit them on the golden sets with leave-one-festival-out cross-validation and report the held-out
figures. Code reads them here and nowhere else; a different file can be given with `JUROR_WEIGHTS_FILE` (for
experiments).
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from assistant.errors import ConfigError

DEFAULT_FILE = Path(__file__).resolve().parent / "data" / "weights.json"


def read_data_file(path: str, sections: tuple[str, ...], what: str, fix: str) -> dict[str, Any]:
    """A JSON data file of named sections, or a ConfigError saying which file is broken and how to mend it."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"cannot read the {what} {path!r} ({exc}); {fix}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"the {what} {path!r} is not a JSON object of sections; {fix}")
    for section in sections:
        if not isinstance(data.get(section), dict):
            raise ConfigError(f"the {what} {path!r} has no {section!r} section; {fix}")
    return data


_SECTIONS = ("quote", "quote_choice", "abstention", "synonyms", "retrieval")
_FIX = "restore assistant/data/weights.json or re-run scripts/fit_weights.py"


@lru_cache(maxsize=4)
def _read(path: str) -> dict[str, Any]:
    data = read_data_file(path, _SECTIONS, "weights file", _FIX)
    if Path(path).resolve() != DEFAULT_FILE.resolve():  # another file must have the bundled file's shape
        shape = _read(str(DEFAULT_FILE))
        for section in _SECTIONS:
            missing = sorted(set(shape[section]) - set(data[section]))
            if missing:
                raise ConfigError(f"the weights file {path!r} lacks {section}.{', '.join(missing)}; {_FIX}")
    for section in _SECTIONS:
        bad = [k for k, v in data[section].items() if isinstance(v, bool) or not isinstance(v, int | float)]
        if bad:
            raise ConfigError(f"the weights file {path!r} has non-numeric {section}.{bad[0]}; {_FIX}")
    return data


def weights(section: str, path: str | None = None) -> dict[str, float]:
    """One section of the weights file as {name: weight}."""
    chosen = path or os.environ.get("JUROR_WEIGHTS_FILE") or str(DEFAULT_FILE)
    return {k: float(v) for k, v in _read(chosen)[section].items()}


def linear(features: dict[str, float], section_weights: dict[str, float]) -> float:
    """Σ weight × feature (+ bias); features without a weight count zero."""
    return section_weights.get("bias", 0.0) + sum(section_weights.get(k, 0.0) * v for k, v in features.items())
