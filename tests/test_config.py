"""Settings: arguments over JUROR_* variables over the TOML file over the defaults; a bad value or file is named."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import load_settings
from assistant.errors import ConfigError


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    """No JUROR_* variable of the developer's, and no ./juror.toml in the working folder."""
    import os

    for key in [k for k in os.environ if k.startswith("JUROR_")]:
        monkeypatch.delenv(key)
    monkeypatch.chdir(tmp_path)
    return monkeypatch


def test_the_toml_file_is_read_and_the_environment_and_arguments_win(clean_env, tmp_path: Path) -> None:
    toml = tmp_path / "festival.toml"
    toml.write_text('top_k = 8\ncollection = "lumen_bay"\n', encoding="utf-8")
    clean_env.setenv("JUROR_CONFIG", str(toml))
    assert load_settings().top_k == 8 and load_settings().collection == "lumen_bay"
    clean_env.setenv("JUROR_TOP_K", "5")
    assert load_settings().top_k == 5
    assert load_settings(top_k=3).top_k == 3
    clean_env.delenv("JUROR_CONFIG")
    (tmp_path / "juror.toml").write_text("top_k = 9\n", encoding="utf-8")  # the working folder's file
    clean_env.delenv("JUROR_TOP_K")
    assert load_settings().top_k == 9


def test_a_bad_value_a_missing_broken_or_misspelt_file_is_named(clean_env, tmp_path: Path) -> None:
    clean_env.setenv("JUROR_TOP_K", "0")
    with pytest.raises(ConfigError, match=r"JUROR_TOP_K \(given: '0'\): Input should be greater than or equal to 1"):
        load_settings()
    clean_env.delenv("JUROR_TOP_K")
    clean_env.setenv("JUROR_CONFIG", str(tmp_path / "missing.toml"))
    with pytest.raises(ConfigError, match=r"missing\.toml: no such settings file"):
        load_settings()
    broken = tmp_path / "broken.toml"
    broken.write_text("top_k = \n", encoding="utf-8")
    clean_env.setenv("JUROR_CONFIG", str(broken))
    with pytest.raises(ConfigError, match=r"cannot read the settings file .*broken\.toml: Invalid value"):
        load_settings()
    misspelt = tmp_path / "misspelt.toml"
    misspelt.write_text("topk = 8\nfavourite_colour = 'red'\n", encoding="utf-8")
    clean_env.setenv("JUROR_CONFIG", str(misspelt))
    with pytest.raises(
        ConfigError, match=r"unknown setting 'favourite_colour', 'topk' \(did you mean 'top_k'\?\) in .*misspelt\.toml"
    ):
        load_settings()
