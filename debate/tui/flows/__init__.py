"""The map screen's dialog flows, one module per concern.

A flow is an ``async`` function of the :class:`~debate.tui.screens.main.MapScreen` that asks
its questions in order (``await app.push_screen_wait(dialog)``; ``None`` means cancelled)
and ends in at most one edit through :meth:`MapScreen.apply`, so one undo reverts it. The
screen runs each flow as a worker from its key's action.
"""
