"""The bundled technology catalogue: sourced, versioned technology classes for city models.

See ``docs/catalogue.md``. :func:`load_catalogue` reads and validates it; ``carbonpath init``
takes its technologies from it; :func:`dataset_rows` gives a dataset generator the rows of a
technology taken from a catalogue class (``datasets/liaocheng/tools`` can call it).
"""

from carbonpath.catalogue.load import CATALOGUE_PARAMETERS, Catalogue, load_catalogue
from carbonpath.catalogue.rows import DatasetRows, cite, dataset_rows

__all__ = ["CATALOGUE_PARAMETERS", "Catalogue", "DatasetRows", "cite", "dataset_rows",
           "load_catalogue"]
