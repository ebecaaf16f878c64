package io.trigger4j.emulator.engine;

/**
 * A batch's status, the server's {@code BatchTaskRunStatus}: a batch is {@code PENDING}
 * until every run it created is finished, then {@code COMPLETED}; a two-phase batch whose
 * items could not all be triggered is {@code PARTIAL_FAILED} until then, and
 * {@code ABORTED} when none could.
 */
public enum BatchStatus {

	/** Waiting for its items, or for its runs to finish. */
	PENDING,
	/** Sealed, runs being created (the emulator creates them at once: never shown). */
	PROCESSING,
	/** Every run finished. */
	COMPLETED,
	/** Some items could not be triggered; the others' runs are not all finished. */
	PARTIAL_FAILED,
	/** No item could be triggered. */
	ABORTED

}
