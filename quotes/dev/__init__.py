"""Development tools: measuring the extractor against gold and sorting its errors.

Nothing at run time imports this package (extraction, building, searching and
publishing work without it); ``quotes eval`` and the tests do. The figures
themselves are computed by :mod:`quotes.extract.scoring`, which the spaCy
component's scorer uses too.
"""
