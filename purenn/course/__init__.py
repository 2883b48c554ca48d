"""The course documents themselves: their formulas, their worked examples and their errata.

``documents`` writes the five titles once, ``formulas`` maps every formula to where purenn implements and tests it,
``worked_examples`` recomputes the documents' numbers, ``errata`` lists their mistakes.
"""
