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

from platformdirs import user_config_dir

from debate.errors import MapError
from debate.files import FileReadError, read_regular_file, write_file
from debate.store import loads_toml

ENV_VAR = "DEBATE_CONFIG_DIR"
FILE_NAME = "config.toml"
MAX_CONFIG_BYTES = 1024 * 1024


def config_dir() -> Path:
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override)

    return Path(user_config_dir("debate", appauthor=False))


def config_path() -> Path:
    return config_dir() / FILE_NAME


@dataclass
class Config:
    theme: str | None = None
    keys: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def load_config(path: Path | None = None) -> Config:
    """Read the settings; problems are collected in ``Config.problems``, never raised.

    Read like a map (:func:`debate.files.read_regular_file`, :func:`debate.store.loads_toml`):
    a FIFO, a huge file or an integer of 5,000 digits is one located problem line.
    """
    path = path or config_path()
    config = Config()
    try:
        data = loads_toml(read_regular_file(path, MAX_CONFIG_BYTES)[0].decode("utf-8"), str(path))
    except FileReadError as error:
        if error.reason != "no such file":
            config.problems.append(f"{error}; settings ignored")
        return config
    except UnicodeDecodeError:
        config.problems.append(f"{path}: not UTF-8 text; settings ignored")
        return config
    except MapError as error:
        config.problems.append(f"{error.problems[0]}; settings ignored")
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
    # ~6.5 ms off the app's start: only a theme change writes the config
    import tomlkit

    path = path or config_path()
    try:
        try:
            text = read_regular_file(path, MAX_CONFIG_BYTES)[0].decode("utf-8")
        except FileReadError as error:
            if error.reason != "no such file":
                raise
            text = ""
        document = tomlkit.parse(text)
        if document.get("theme") == theme:
            return None
        document["theme"] = theme
        path.parent.mkdir(parents=True, exist_ok=True)
        # through a symlinked config (dotfiles) to its target, atomically
        write_file(path, tomlkit.dumps(document).encode("utf-8"))
    except Exception as error:  # a settings file must never take the app down
        return f"could not save the theme to {path}: {error}"
    return None
