"""Performance harness (DESIGN §7): the application path against a raw baseline, same run, same database."""
