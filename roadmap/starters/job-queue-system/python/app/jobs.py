"""What a job does. A job as POST /jobs takes it is a dict (see the README):
{"type": "credit", "account": "...", "amount": 5} or {"type": "fail", "times": 2}, either with "workMs"."""
import time

# enqueue milestone: a parse_job(body) that returns the job, or an error for a body POST /jobs
# answers 400 (an unknown type, an empty account, an amount below 1, a negative times or workMs).


def perform(store, job: dict, attempt: int) -> None:
    """Runs attempt number `attempt` (1 for the first) of a job: a credit first, then workMs of work.
    A fail job raises on its first `times` attempts. The worker calls this."""
    if job["type"] == "fail" and attempt <= job["times"]:
        raise RuntimeError(f"attempt {attempt} fails, as the job asks (times: {job['times']})")
    # idempotent milestone: a job run again after a crash must not credit twice.
    if job["type"] == "credit":
        store.credit(job["account"], job["amount"])
    if job.get("workMs"):
        time.sleep(job["workMs"] / 1000)
