"""The Liaocheng dataset generator, one module per table or sector.

``tools/build_dataset.py`` is the entry; each sector module registers its technologies with
``add()`` into :data:`common.TECHS` (the order of the calls is the order of the tables' rows).
"""
