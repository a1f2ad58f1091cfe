"""Analysis: sentences with their places and rule matches."""
