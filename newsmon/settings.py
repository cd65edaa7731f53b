"""One settings object, read at the edge: `newsmon.toml` plus `NEWSMON_*` environment overrides."""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import tomli_w
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

DEFAULT_CONFIG = Path("newsmon.toml")


class ConfigError(Exception):
    """The configuration file is missing, unreadable or has a bad key; the message names it."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class StorageSettings(_Section):
    db: Path = Path("data/newsmon.duckdb")
    lock_wait: float = Field(30.0, ge=0)  # seconds a reader or writer waits for another process's lock


class FeedSettings(_Section):
    url: str
    name: str | None = None
    tags: list[str] = Field(default_factory=list)
    fulltext: bool = False

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("a feed needs a non-empty url (http(s) URL or local file path)")
        return value.strip()


class FetchSettings(_Section):
    timeout: float = Field(20.0, gt=0)
    max_bytes: int = Field(10_000_000, gt=0)
    concurrency: int = Field(8, ge=1)
    per_host: int = Field(2, ge=1)
    user_agent: str = "newsmon/0.1 (+https://github.com/newsmon/newsmon; trade-news monitor)"


class NlpSettings(_Section):
    batch_size: int = Field(16, ge=1)  # 64 parsed no faster and peaked 340 MB higher (docs/scale.md)
    n_process: int = Field(1, ge=1)
    chunk: int = Field(500, ge=1)


class ClusterSettings(_Section):
    """Where analysis runs: in this process (0), a local Dask cluster of N worker processes, or the
    scheduler at `address` (workers started elsewhere with `dask worker`)."""

    workers: int | Literal["auto"] = 0
    address: str | None = None

    @field_validator("workers", mode="before")
    @classmethod
    def _workers(cls, value: object) -> object:
        text = str(value).strip().lower()
        if text == "auto" or text.isdigit():
            return text if text == "auto" else int(text)
        raise ValueError(f"workers {value!r} is not a number of worker processes (0 = in this process) or \"auto\"")

    @field_validator("address")
    @classmethod
    def _address(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        if not re.fullmatch(r"(tcp|tls)://[^\s/]+:\d+", value.strip()):
            raise ValueError(f"address {value!r} is not a Dask scheduler address like \"tcp://host:8786\"")
        return value.strip()

    @model_validator(mode="after")
    def _one_of(self) -> ClusterSettings:
        if self.address and self.workers != 0:
            raise ValueError("set either workers (a local cluster) or address (an existing scheduler), not both")
        return self

    def local_workers(self) -> int:
        """Worker processes of the local cluster to start: "auto" is one per CPU."""
        return (os.cpu_count() or 1) if self.workers == "auto" else self.workers

    def enabled(self) -> bool:
        """Whether analysis goes to Dask workers: an address, or local workers to start."""
        return bool(self.address) or self.local_workers() > 0


def _time_zone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as e:
        raise ValueError(f"unknown time zone {value!r} (use an IANA name such as America/Toronto)") from e
    return value


def _vocabulary(values: list[str], known: list[str], what: str) -> list[str]:
    """Lower-cased names, each one of `known`; the error lists them all."""
    names = [v.strip().lower() for v in values]
    if unknown := [n for n in names if n not in known]:
        raise ValueError(f"unknown {what}(s) {', '.join(unknown)} (known: {', '.join(known)})")
    return names


class AlertSettings(_Section):
    """Where alerts go and which claims deserve one; empty lists mean "all"."""

    urls: list[str] = Field(default_factory=list)
    imposers: list[str] = Field(default_factory=list)
    targets: list[str] = Field(default_factory=list)
    sectors: list[str] = Field(default_factory=list)
    actions: list[str] = Field(default_factory=list)
    min_rate: float | None = Field(None, ge=0)
    quiet_hours: str | None = None
    timezone: str | None = None  # of quiet_hours and message times; default: [digest] timezone
    max_age_hours: float = Field(48, gt=0)
    batch_above: int = Field(10, ge=1)

    @field_validator("imposers", "targets")
    @classmethod
    def _codes(cls, values: list[str]) -> list[str]:
        import pycountry

        codes = []
        for value in values:
            code = value.strip().upper()
            if code != "EU":
                country = pycountry.countries.get(**{f"alpha_{len(code)}": code}) if len(code) in (2, 3) else None
                if country is None:
                    raise ValueError(f"unknown country code {value!r} (use ISO 3166-1 alpha-3 such as CAN, or EU)")
                code = country.alpha_3
            codes.append(code)
        return codes

    @field_validator("urls")
    @classmethod
    def _urls(cls, values: list[str]) -> list[str]:
        """Each URL once, without blanks: one URL is one channel and one delivery row."""
        return list(dict.fromkeys(v.strip() for v in values if v.strip()))

    @field_validator("sectors")
    @classmethod
    def _sectors(cls, values: list[str]) -> list[str]:
        from nlp.rules import sector_terms

        return _vocabulary(values, sorted(sector_terms()), "sector")

    @field_validator("actions")
    @classmethod
    def _actions(cls, values: list[str]) -> list[str]:
        from nlp.records import ACTIONS

        return _vocabulary(values, list(ACTIONS), "action")

    @field_validator("quiet_hours")
    @classmethod
    def _quiet(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        match = re.fullmatch(r"\s*([01]?\d|2[0-3]):([0-5]\d)\s*-\s*([01]?\d|2[0-3]):([0-5]\d)\s*", value)
        start, end = (f"{int(match[i]):02d}:{match[i + 1]}" for i in (1, 3)) if match else ("", "")
        if start == end:
            raise ValueError(f"quiet_hours {value!r} is not a range of two different times like \"22:00-07:00\"")
        return f"{start}-{end}"

    @field_validator("timezone")
    @classmethod
    def _tz(cls, value: str | None) -> str | None:
        return None if value is None else _time_zone(value)


class DigestSettings(_Section):
    out_dir: Path = Path("data/digests")
    timezone: str = "UTC"
    send: bool = False

    @field_validator("timezone")
    @classmethod
    def _tz(cls, value: str) -> str:
        return _time_zone(value)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NEWSMON_", env_nested_delimiter="__", extra="forbid")

    storage: StorageSettings = Field(default_factory=StorageSettings)
    feeds: list[FeedSettings] = Field(default_factory=list)
    fetch: FetchSettings = Field(default_factory=FetchSettings)
    nlp: NlpSettings = Field(default_factory=NlpSettings)
    cluster: ClusterSettings = Field(default_factory=ClusterSettings)
    alerts: AlertSettings = Field(default_factory=AlertSettings)
    digest: DigestSettings = Field(default_factory=DigestSettings)

    @classmethod
    def settings_customise_sources(cls, settings_cls: type[BaseSettings], init_settings: PydanticBaseSettingsSource,
                                   env_settings: PydanticBaseSettingsSource, *args: Any,
                                   **kwargs: Any) -> tuple[PydanticBaseSettingsSource, ...]:
        """Environment beats the file; the file is passed in as init values."""
        return (env_settings, init_settings)


def _resolve(base: Path, value: str | Path) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() else (base / path).resolve()


def config_path(path: str | Path | None = None) -> Path:
    """The configuration file: `path`, else `NEWSMON_CONFIG`, else ./newsmon.toml."""
    explicit = path or os.environ.get("NEWSMON_CONFIG")
    return Path(explicit) if explicit else DEFAULT_CONFIG


def require_config(path: str | Path | None = None) -> str:
    """The configuration file a deployed flow runs with, as an absolute path. A deployment has no
    --config: it names no file, so the worker's NEWSMON_CONFIG or its working directory's newsmon.toml
    is used, and a missing file stops the run with how to fix it rather than running with no feeds."""
    config = config_path(path)
    if not config.is_file():
        where = ("the config parameter" if path else "NEWSMON_CONFIG" if os.environ.get("NEWSMON_CONFIG")
                 else f"the working directory {Path.cwd()}")
        raise ConfigError(f"{config}: configuration file not found (from {where}); set NEWSMON_CONFIG="
                          "/path/to/newsmon.toml where the flow runs (e.g. the worker's environment)")
    return str(config.resolve())


def config_slug(path: str | Path | None) -> str:
    """A configuration's name for keys shared by every configuration (Prefect artifacts): the file's stem,
    lower case, dashes for anything else (`examples/demo.toml` → `demo`)."""
    stem = Path(path).stem if path else DEFAULT_CONFIG.stem
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "newsmon"


def load_settings(path: str | Path | None = None) -> Settings:
    """Read the file named by `path`, `NEWSMON_CONFIG` or ./newsmon.toml; relative paths in it are
    relative to the file, so a config works from any working directory."""
    explicit = path or os.environ.get("NEWSMON_CONFIG")
    config = config_path(path)
    raw: dict[str, Any] = {}
    if config.exists():
        try:
            raw = tomllib.loads(config.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as e:
            raise ConfigError(f"{config}: not valid TOML: {e}") from e
        except OSError as e:
            raise ConfigError(f"{config}: cannot read: {e}") from e
    elif explicit:
        raise ConfigError(f"{config}: configuration file not found")
    try:
        settings = Settings(**raw)
    except ValidationError as e:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '(top level)'}: {err['msg']}" for err in e.errors()
        )
        raise ConfigError(f"{config}: {problems}") from e
    base = config.resolve().parent
    settings.storage.db = _resolve(base, settings.storage.db)
    settings.digest.out_dir = _resolve(base, settings.digest.out_dir)
    for feed in settings.feeds:
        if not feed.url.lower().startswith(("http://", "https://")):
            feed.url = str(_resolve(base, feed.url.removeprefix("file://")))
    return settings


def append_feed(config: Path, feed: FeedSettings) -> None:
    """Append one `[[feeds]]` table to `config` (created if missing). The file is appended to, not
    re-serialised, so its comments and layout stay; the result is parsed first, so a file this
    cannot extend (an inline `feeds = [...]`) is refused untouched."""
    entry: dict[str, Any] = {"url": feed.url}
    if feed.name:
        entry["name"] = feed.name
    if feed.tags:
        entry["tags"] = feed.tags
    if feed.fulltext:
        entry["fulltext"] = True
    old = config.read_text(encoding="utf-8") if config.exists() else ""
    gap = "" if not old or old.endswith("\n\n") else "\n" if old.endswith("\n") else "\n\n"
    # the header by hand: tomli_w writes a short array of tables inline, as `feeds = [{...}]`
    addition = f"{gap}[[feeds]]\n{tomli_w.dumps(entry)}"
    try:
        tomllib.loads(old + addition)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{config}: cannot append a feed table to this file (is `feeds` an inline "
                          f"array?): {e}") from e
    with config.open("a", encoding="utf-8") as f:
        f.write(addition)
