#!/bin/sh
# Timer accuracy of the timed prompt (issue 3): target p99 < 20 ms.
set -u
echo "== timed prompt: lateness of time's up (target p99 < 20 ms)"
exec build/bench/timer
