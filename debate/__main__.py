"""Allow ``python -m debate``."""

from debate.cli import main

raise SystemExit(main())
