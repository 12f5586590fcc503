"""The screens of the game, each in its own module, imported when first needed."""
