"""Press releases (text, saved HTML pages, Atom/RSS feeds) to Belde items.

decode → extract → parse → tag → render; cli ties them together and refuses bad
input with one line that names the file and the fix.
"""


class ImportRefused(ValueError):
    """An input cannot become an item; the message names the file and the fix."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = path
        self.reason = message
