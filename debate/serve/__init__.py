"""The same app in a browser: ``debate serve`` runs the terminal app behind textual-serve.

Each browser tab gets its own app process on the same map file, so the app's own guards
(a file changed on disk is never overwritten silently; unsaved edits go to the crash journal)
hold between tabs exactly as between two terminals. Only ``debate serve`` (and its tabs'
processes) import this package: the core and the other commands never pay for aiohttp or
textual-serve.

- :mod:`debate.serve.access`: who may connect (loopback only by default; a token otherwise).
- :mod:`debate.serve.page`: the one HTML page, which loads nothing from other sites.
- :mod:`debate.serve.tabs`: one tab's app process, started without a shell, stopped in order.
- :mod:`debate.serve.orphan`: in that process, ``debate open`` ends if the server dies.
- :mod:`debate.serve.server`: the web server, the listening socket and a clean Ctrl+C.
"""
