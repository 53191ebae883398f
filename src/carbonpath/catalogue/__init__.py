"""The bundled technology catalogue: sourced, versioned technology classes for city models.

See ``docs/catalogue.md``. :func:`load_catalogue` reads and validates it; ``carbonpath init``
takes its technologies from it.
"""

from carbonpath.catalogue.load import CATALOGUE_PARAMETERS, Catalogue, load_catalogue

__all__ = ["CATALOGUE_PARAMETERS", "Catalogue", "load_catalogue"]
