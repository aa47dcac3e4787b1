"""The ``tiyao`` command line: a thin Typer layer over the ``nlp`` library."""
