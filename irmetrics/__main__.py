"""``python -m irmetrics``: the same as the ``irmetrics`` command."""

from .cli import main

raise SystemExit(main())
