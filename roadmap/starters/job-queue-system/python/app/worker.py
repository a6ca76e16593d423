"""Runs queued jobs inside the server process, one after another. It has nothing to run yet.

enqueue milestone: loop in a thread while running: claim the oldest queued job (an UPDATE of its row
to running, attempts + 1, chosen with SELECT ... FOR UPDATE SKIP LOCKED so two workers never take the
same job), run it with perform() from jobs.py, then mark it done, or failed when it raises; wait about
100 ms when there is nothing to do. retries milestone: queue a failed attempt again for later
(exponential backoff), and make it a dead letter after max_attempts. idempotent milestone: on start,
queue again the jobs a crash left running.
"""


class Worker:
    def __init__(self, store, max_attempts: int, retry_base_ms: int):
        self.store = store
        self.max_attempts = max_attempts
        self.retry_base_ms = retry_base_ms

    def start(self) -> None:
        pass

    def stop(self) -> None:
        pass
