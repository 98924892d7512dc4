"""Typed settings: environment variables prefixed JUROR_, an optional TOML file, then defaults.

Build one `Settings` at the edge (CLI, app, tests) and pass it down; nothing reads settings at import.
"""

from __future__ import annotations

import hashlib
import hmac
import os
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


def _toml_file() -> Path | None:
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
    max_file_mb: float = Field(50.0, gt=0, description="Files larger than this are refused.")
    chunk_chars: int = Field(1200, ge=200, le=8000, description="Target maximum characters per chunk.")
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
    organiser_passphrase: SecretStr | None = Field(
        None, description="Organiser passphrase (plain; hashed on load). Prefer organiser_passphrase_sha256."
    )
    organiser_passphrase_sha256: str | None = Field(None, description="SHA-256 hex digest of the organiser passphrase.")
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
        toml = _toml_file()
        if toml is not None:
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=toml))
        return tuple(sources)

    @field_validator("data_dir", mode="after")
    @classmethod
    def _expand(cls, value: Path) -> Path:
        return value.expanduser()

    @property
    def server_mode(self) -> bool:
        return bool(self.chroma_host)

    def organiser_hash(self) -> str | None:
        if self.organiser_passphrase_sha256:
            return self.organiser_passphrase_sha256.strip().lower()
        if self.organiser_passphrase is not None:
            return hash_passphrase(self.organiser_passphrase.get_secret_value())
        return None

    def check_passphrase(self, attempt: str) -> bool:
        """Constant-time comparison of hashes; False when no passphrase is configured."""
        expected = self.organiser_hash()
        if not expected:
            return False
        return hmac.compare_digest(hash_passphrase(attempt), expected)

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
            "max_file_mb": self.max_file_mb,
        }


def hash_passphrase(passphrase: str) -> str:
    return hashlib.sha256(passphrase.encode("utf-8")).hexdigest()


def quiet_third_parties() -> None:
    """Telemetry off and hub downloads impossible; call at every entry point before heavy imports."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    os.environ.setdefault("CHROMA_TELEMETRY", "False")
    os.environ.setdefault("STREAMLIT_BROWSER_GATHER_USAGE_STATS", "false")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
