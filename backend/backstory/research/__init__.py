"""The team's research tools, beside the product and outside its serving path: evaluation on labelled articles,
robustness variants, synthetic distractor events and fitting the confidence model. Only the command line's
research commands (``eval``, ``fit``) import them."""
