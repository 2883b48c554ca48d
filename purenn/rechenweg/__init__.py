"""The Rechenweg: a forward or backward pass written out step by step, formula for formula.

``trace`` records what the core computes, ``render`` decides what is shown and
in which order, ``mathtext`` writes formulas as text, Markdown or LaTeX,
``notation`` holds the documents' index conventions, ``exact`` exact fractions and
``display`` how a number is shown (= or ≈).
"""
