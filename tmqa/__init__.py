"""tmqa: bilingual translation and terminology QA for TMX memories and TBX/CSV glossaries."""

__version__ = "0.1.0"

__all__ = ["__version__"]
