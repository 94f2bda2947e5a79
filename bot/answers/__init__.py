"""Answer composers: an item and the field asked become a transport-independent Reply."""
