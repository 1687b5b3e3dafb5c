"""LSP-docent: registers the Docent language server with Sublime Text's LSP package.

The server's settings live in LSP-docent.sublime-settings; AbstractPlugin reads them by name.
"""

from LSP.plugin import AbstractPlugin, register_plugin, unregister_plugin


class Docent(AbstractPlugin):
    @classmethod
    def name(cls) -> str:
        return "docent"


def plugin_loaded() -> None:
    register_plugin(Docent)


def plugin_unloaded() -> None:
    unregister_plugin(Docent)
