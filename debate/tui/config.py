"""The user's settings: a TOML file in the platform's config folder.

```toml
theme = "nord"            # any of Textual's themes; the app remembers the last one chosen

[keys]                    # binding id = "key" or "key1,key2" (see the help screen, ?)
weight-3 = "3,f3"
search = "/,ctrl+f"
```

``DEBATE_CONFIG_DIR`` overrides the folder (tests use it to stay away from the real one).
A broken file never stops the app: it is reported and ignored. Saving the theme goes
through tomlkit so the user's comments in the file survive.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import tomli

ENV_VAR = "DEBATE_CONFIG_DIR"
FILE_NAME = "config.toml"


def config_dir() -> Path:
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir("debate", appauthor=False))


def config_path() -> Path:
    return config_dir() / FILE_NAME


@dataclass
class Config:
    theme: str | None = None
    keys: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def load_config(path: Path | None = None) -> Config:
    """Read the settings; problems are collected in ``Config.problems``, never raised."""
    path = path or config_path()
    config = Config()
    try:
        data = tomli.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return config
    except (OSError, UnicodeDecodeError, tomli.TOMLDecodeError) as error:
        config.problems.append(f"{path}: {error}; settings ignored")
        return config
    theme = data.get("theme")
    if theme is not None and not isinstance(theme, str):
        config.problems.append(f"{path}: theme must be a string")
    elif theme:
        config.theme = theme
    keys = data.get("keys", {})
    if not isinstance(keys, dict):
        config.problems.append(f'{path}: [keys] must be a table of binding id = "keys"')
        keys = {}
    for binding_id, value in keys.items():
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            value = ",".join(value)
        if not isinstance(value, str) or not value.strip():
            config.problems.append(f'{path}: keys.{binding_id} must be a key like "ctrl+f"')
            continue
        config.keys[binding_id] = value
    return config


def save_theme(theme: str, path: Path | None = None) -> str | None:
    """Remember the theme; returns a problem message instead of raising."""
    import tomlkit

    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        document = tomlkit.parse(text)
        if document.get("theme") == theme:
            return None
        document["theme"] = theme
        path.parent.mkdir(parents=True, exist_ok=True)
        from debate.store import atomic_write

        atomic_write(path, tomlkit.dumps(document).encode("utf-8"))
    except Exception as error:  # a settings file must never take the app down
        return f"could not save the theme to {path}: {error}"
    return None
