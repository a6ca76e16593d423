package app

import (
	"context"
	"fmt"
	"time"
)

// Job is a job as POST /jobs takes it (see the README): a credit, or a job that fails its first Times attempts.
type Job struct {
	Type    string `json:"type"`
	Account string `json:"account,omitempty"`
	Amount  int64  `json:"amount,omitempty"`
	Times   int    `json:"times,omitempty"`
	WorkMs  int    `json:"workMs,omitempty"`
}

// enqueue milestone: a ParseJob(body) that returns the Job, or an error for a body POST /jobs
// answers 400 (an unknown type, an empty account, an amount below 1, a negative times or workMs).

// Perform runs attempt number attempt (1 for the first) of a job: a credit first, then WorkMs of
// work. A fail job returns an error on its first Times attempts. The worker calls this.
func Perform(ctx context.Context, store Store, job Job, attempt int) error {
	if job.Type == "fail" && attempt <= job.Times {
		return fmt.Errorf("attempt %d fails, as the job asks (times: %d)", attempt, job.Times)
	}
	// idempotent milestone: a job run again after a crash must not credit twice.
	if job.Type == "credit" {
		if err := store.Credit(ctx, job.Account, job.Amount); err != nil {
			return err
		}
	}
	time.Sleep(time.Duration(job.WorkMs) * time.Millisecond)
	return nil
}
