"""What organisers own beside the library: the passphrase, the log-in throttle and the logbook."""
