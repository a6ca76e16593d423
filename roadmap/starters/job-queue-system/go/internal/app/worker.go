package app

import "context"

// Worker runs queued jobs inside the server process, one after another. It has nothing to run yet.
//
// enqueue milestone: loop in a goroutine until ctx is done: claim the oldest queued job (an UPDATE
// of its row to running, attempts + 1, chosen with SELECT ... FOR UPDATE SKIP LOCKED so two workers
// never take the same job), run it with Perform, then mark it done, or failed when it returns an
// error; wait about 100 ms when there is nothing to do. retries milestone: queue a failed attempt
// again for later (exponential backoff), and make it a dead letter after MaxAttempts. idempotent
// milestone: on start, queue again the jobs a crash left running.
type Worker struct {
	Store       Store
	MaxAttempts int
	RetryBaseMs int
}

// Run works until ctx is done.
func (w *Worker) Run(ctx context.Context) {
	<-ctx.Done()
}
