"""What the map screen's editing and weighing keys do, one module per concern.

Each flow is a function of the :class:`~debate.tui.screens.main.MapScreen`. Those that ask
questions are ``async`` and await their dialogs in order (``await
app.push_screen_wait(dialog)``; ``None`` means cancelled); the screen runs them as workers.
A flow ends in at most one edit through :meth:`MapScreen.apply` (a new source and its
citation are one :class:`~debate.edits.Batch`), so one undo reverts it.
"""
