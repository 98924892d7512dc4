"""Typed settings: environment variables prefixed JUROR_, an optional TOML file, then defaults.

Build one `Settings` at the edge (CLI, app, tests) and pass it down; nothing reads settings at import.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

AnswererName = Literal["extractive", "openai", "ollama"]
EmbeddingBackend = Literal["onnx-int8", "onnx", "torch"]


def settings_file() -> Path | None:
    """The TOML settings file: JUROR_CONFIG's (whether or not it exists), else ./juror.toml when there is one."""
    explicit = os.environ.get("JUROR_CONFIG")
    if explicit:
        return Path(explicit)
    local = Path("juror.toml")
    return local if local.is_file() else None


class Settings(BaseSettings):
    """Every knob of the assistant, with the embedded defaults a newcomer needs (no server, no key)."""

    model_config = SettingsConfigDict(env_prefix="JUROR_", extra="ignore")

    data_dir: Path = Field(
        Path("data"), description="Folder for the local Chroma store, logs, feedback and copies of loaded files."
    )
    chroma_host: str | None = Field(
        None, description="Chroma server host; when set, the library lives on that server instead of data_dir."
    )
    chroma_port: int = Field(8000, description="Chroma server port (with chroma_host).")
    collection: str = Field("juror_library", description="Chroma collection name for the library.")
    embedding_model: str | None = Field(
        None, description="Path of a sentence-transformers model folder; default: the bundled all-MiniLM-L6-v2."
    )
    embedding_batch_size: int = Field(64, ge=1, le=1024, description="Texts embedded per batch.")
    embedding_backend: EmbeddingBackend = Field(
        "onnx-int8",
        description="onnx-int8 (int8 ONNX model made once from the bundled weights for this CPU's instructions; "
        "fastest, answers within 0.01 of torch's on the golden sets), onnx (fp32 ONNX model: torch's vectors, no "
        "PyTorch import) or torch (sentence-transformers on PyTorch).",
    )
    model_cache_dir: Path | None = Field(
        None,
        description="Where the ONNX models made from the embedding model are kept; default: the user cache folder "
        "($XDG_CACHE_HOME or ~/.cache)/juror-assistant/models.",
    )
    max_file_mb: float = Field(50.0, gt=0, description="Files larger than this are refused.")
    chunk_chars: int = Field(1200, ge=200, le=8000, description="Target maximum characters per chunk.")
    max_question_chars: int = Field(
        2000, ge=100, le=100_000, description="Longer questions are not searched: the juror is asked to shorten them."
    )
    top_k: int = Field(6, ge=1, le=50, description="Passages shown with each answer.")
    candidates: int = Field(40, ge=5, le=500, description="Candidates fetched from each retriever before fusion.")
    answerer: AnswererName = Field(
        "extractive",
        description="extractive (default, no model server), openai (any OpenAI-compatible endpoint) or ollama.",
    )
    llm_base_url: str | None = Field(
        None, description="Base URL of the chat model endpoint, e.g. http://127.0.0.1:8080/v1."
    )
    llm_model: str | None = Field(None, description="Model name sent to the endpoint.")
    llm_api_key: SecretStr = Field(SecretStr("not-needed"), description="API key for the endpoint, if it wants one.")
    llm_timeout_s: float = Field(60.0, gt=0, description="Seconds before a chat model call is abandoned.")
    llm_max_tokens: int = Field(300, ge=16, description="Maximum tokens generated per answer.")
    organiser_passphrase_hash: str | None = Field(
        None,
        description="Salted scrypt hash of the organiser passphrase, printed by `juror-assistant hash-passphrase`.",
    )
    organiser_passphrase: SecretStr | None = Field(
        None, description="Organiser passphrase in plain text, for local use (hashed with a fresh salt on start)."
    )
    organiser_passphrase_sha256: str | None = Field(
        None, description="Deprecated: unsalted SHA-256 of the passphrase; still accepted, with a warning."
    )
    login_free_attempts: int = Field(
        5, ge=1, le=100, description="Failed organiser log-ins per client address before each try must wait."
    )
    login_delay_s: float = Field(
        2.0, gt=0, le=3600, description="Wait after the first failure past the free ones; doubles per failure."
    )
    login_max_failures: int = Field(
        50,
        ge=1,
        description="Failed log-ins per hour from all addresses together before log-in pauses for everyone.",
    )
    pdf_font: Path | None = Field(
        None, description="TrueType font for the briefing PDF; default: DejaVu Sans where the system has it."
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        toml = settings_file()
        if toml is not None:
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=toml))
        return tuple(sources)

    @field_validator("data_dir", mode="after")
    @classmethod
    def _expand(cls, value: Path) -> Path:
        return value.expanduser()

    @field_validator("model_cache_dir", mode="after")
    @classmethod
    def _expand_cache(cls, value: Path | None) -> Path | None:
        return value.expanduser() if value is not None else None

    @property
    def model_cache(self) -> Path:
        """The ONNX model cache: the setting, else the user cache folder (shared by every library on the machine,
        so each model is made once per machine, not once per data folder)."""
        return self.model_cache_dir if self.model_cache_dir is not None else default_model_cache()

    @property
    def server_mode(self) -> bool:
        return bool(self.chroma_host)

    def public_view(self) -> dict[str, Any]:
        """Settings safe to show organisers (no secrets)."""
        return {
            "data_dir": str(self.data_dir),
            "chroma": f"{self.chroma_host}:{self.chroma_port}" if self.chroma_host else "embedded",
            "collection": self.collection,
            "answerer": self.answerer,
            "llm_base_url": self.llm_base_url or "-",
            "llm_model": self.llm_model or "-",
            "top_k": self.top_k,
            "embedding_backend": self.embedding_backend,
            "max_file_mb": self.max_file_mb,
        }


def load_settings(**values: Any) -> Settings:
    """Settings from the arguments, the environment and the TOML file; a value that cannot be used becomes a
    `ConfigError` naming the setting, its environment variable and the value, never a validation traceback."""
    from pydantic import ValidationError

    from assistant.errors import ConfigError

    _check_settings_file()
    try:
        return Settings(**values)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            field = ".".join(str(p) for p in error.get("loc", ())) or "settings"
            given = f" (given: {error['input']!r})" if "input" in error and not isinstance(error["input"], dict) else ""
            problems.append(f"JUROR_{field.upper()}{given}: {error.get('msg', 'bad value')}")
        toml = settings_file()
        where = f" or in {toml}" if toml is not None else ""
        raise ConfigError(f"invalid setting {'; '.join(problems)}; fix it in the environment{where}") from exc


def _check_settings_file() -> None:
    """The settings file, when there is one, exists, parses and names only settings that exist (a misspelt key
    would otherwise be ignored without a word)."""
    import difflib
    import tomllib

    from assistant.errors import ConfigError

    toml = settings_file()
    if toml is None:
        return
    if not toml.is_file():
        raise ConfigError(f"JUROR_CONFIG={toml}: no such settings file; create it or unset JUROR_CONFIG")
    undo = "unset JUROR_CONFIG" if os.environ.get("JUROR_CONFIG") else f"move {toml} away"
    try:
        data = tomllib.loads(toml.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read the settings file {toml}: {exc}; fix it or {undo}") from exc
    unknown = []
    for key in sorted(set(data) - set(Settings.model_fields)):
        close = difflib.get_close_matches(key, list(Settings.model_fields), n=1)
        unknown.append(f"{key!r} (did you mean {close[0]!r}?)" if close else repr(key))
    if unknown:
        raise ConfigError(
            f"unknown setting {', '.join(unknown)} in {toml}; the settings are listed in docs/configuration.md"
        )


def default_model_cache() -> Path:
    """($XDG_CACHE_HOME or ~/.cache)/juror-assistant/models."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path("~/.cache").expanduser())
    return Path(base) / "juror-assistant" / "models"


def quiet_third_parties() -> None:
    """Telemetry off and hub downloads impossible; call at every entry point before heavy imports."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    os.environ.setdefault("CHROMA_TELEMETRY", "False")
    os.environ.setdefault("STREAMLIT_BROWSER_GATHER_USAGE_STATS", "false")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def limit_malloc_arenas(arenas: int = 2) -> bool:
    """Cap glibc's memory arenas for this process (the web app calls it at its entry point).

    glibc gives each thread that allocates its own arena (up to 8 per core) and keeps freed memory there;
    with one Streamlit thread per browser session running the model, the app's RSS grew by about 5 MB per
    concurrent session and stayed there (bench/load.py). Two arenas keep it flat. An explicit
    MALLOC_ARENA_MAX in the environment wins; elsewhere than Linux/glibc this does nothing.
    """
    if "MALLOC_ARENA_MAX" in os.environ or not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL("libc.so.6")
        return bool(libc.mallopt(-8, arenas))  # -8: M_ARENA_MAX
    except (OSError, AttributeError):  # not glibc (e.g. musl)
        return False
