"""Backstory: the backstory of the news article in front of you."""
