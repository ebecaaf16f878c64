package io.trigger4j.client.model.runs;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.trigger4j.client.error.TriggerDecodingException;
import io.trigger4j.client.internal.Secrets;
import io.trigger4j.client.model.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * A run of a task, as returned by retrieve ({@code GET /api/v3/runs/{runId}}), list
 * ({@code GET /api/v1/runs}) and reschedule. List items and related runs leave out the
 * fields only retrieve returns ({@code payload}, {@code output}, {@code error},
 * {@code relatedRuns}, ...): those are {@code null} there.
 *
 * <p>
 * Use {@link #status()} to decide whether the run has finished
 * ({@link RunStatus#isTerminal()}); the server's {@code isCompleted} flag is false for
 * EXPIRED and TIMED_OUT runs. Payload, output and metadata are generic JSON: read them as
 * your own types with {@link #output(Class)}, {@link #payload(Class)} and
 * {@link #metadata(Class)}.
 *
 * @param id the run id ({@code run_...})
 * @param status the run status
 * @param taskIdentifier the task's identifier
 * @param version the worker version that ran it
 * @param idempotencyKey the idempotency key given at trigger time
 * @param createdAt when the run was created
 * @param updatedAt when the run last changed
 * @param startedAt when the run started executing
 * @param finishedAt when the run finished
 * @param delayedUntil for a delayed run, when it will be queued
 * @param expiredAt when the run expired (TTL)
 * @param ttl the run's time-to-live, such as {@code 10m}
 * @param isTest whether this is a test run
 * @param env the environment of the run (list only)
 * @param tags the run's tags
 * @param metadata the run's metadata
 * @param costInCents compute cost so far, in cents
 * @param baseCostInCents invocation cost, in cents
 * @param durationMs compute duration so far, in milliseconds
 * @param depth depth in the run hierarchy; 0 for a root run
 * @param batchId the batch this run belongs to
 * @param triggerFunction how the run was triggered ({@code trigger},
 * {@code batchTrigger}, ...)
 * @param region the region the run executes in
 * @param taskKind the kind of task (list only), such as {@code STANDARD}
 * @param attemptCount the number of attempts so far
 * @param payload the payload (retrieve only; absent when offloaded, see
 * {@code payloadPresignedUrl})
 * @param payloadPresignedUrl where to download a large payload (expires after 5 minutes)
 * @param output the output of a completed run (retrieve only)
 * @param outputPresignedUrl where to download a large output (expires after 5 minutes)
 * @param error the error of a failed run (retrieve only)
 * @param schedule the schedule that triggered the run (retrieve only)
 * @param relatedRuns the root, parent and child runs (retrieve only)
 * @param attempts attempts; always empty on current servers, see {@code attemptCount}
 * @param isQueued the server's flag, kept for completeness
 * @param isExecuting the server's flag, kept for completeness
 * @param isWaiting the server's flag, kept for completeness
 * @param isCompleted the server's flag; false for EXPIRED and TIMED_OUT, prefer
 * {@link #isTerminal()}
 * @param isSuccess the server's flag, kept for completeness
 * @param isFailed the server's flag, kept for completeness
 * @param isCancelled the server's flag, kept for completeness
 */
public record Run(@JsonProperty(required = true) String id, RunStatus status, String taskIdentifier,
		@Nullable String version, @Nullable String idempotencyKey, @Nullable Instant createdAt,
		@Nullable Instant updatedAt, @Nullable Instant startedAt, @Nullable Instant finishedAt,
		@Nullable Instant delayedUntil, @Nullable Instant expiredAt, @Nullable String ttl, @Nullable Boolean isTest,
		@Nullable RunEnvironment env, List<String> tags, @Nullable JsonValue metadata, @Nullable Double costInCents,
		@Nullable Double baseCostInCents, @Nullable Long durationMs, @Nullable Integer depth, @Nullable String batchId,
		@Nullable String triggerFunction, @Nullable String region, @Nullable String taskKind,
		@Nullable Integer attemptCount, @Nullable JsonValue payload, @Nullable String payloadPresignedUrl,
		@Nullable JsonValue output, @Nullable String outputPresignedUrl, @Nullable RunError error,
		@Nullable RunSchedule schedule, @Nullable RelatedRuns relatedRuns, List<RunAttempt> attempts,
		@Nullable Boolean isQueued, @Nullable Boolean isExecuting, @Nullable Boolean isWaiting,
		@Nullable Boolean isCompleted, @Nullable Boolean isSuccess, @Nullable Boolean isFailed,
		@Nullable Boolean isCancelled) {

	/**
	 * Fills in what the server left out: an {@code UNKNOWN} status and empty lists.
	 * @param id the run id ({@code run_...})
	 * @param status the run status
	 * @param taskIdentifier the task's identifier
	 * @param version the worker version that ran it
	 * @param idempotencyKey the idempotency key given at trigger time
	 * @param createdAt when the run was created
	 * @param updatedAt when the run last changed
	 * @param startedAt when the run started executing
	 * @param finishedAt when the run finished
	 * @param delayedUntil for a delayed run, when it will be queued
	 * @param expiredAt when the run expired (TTL)
	 * @param ttl the run's time-to-live, such as {@code 10m}
	 * @param isTest whether this is a test run
	 * @param env the environment of the run (list only)
	 * @param tags the run's tags
	 * @param metadata the run's metadata
	 * @param costInCents compute cost so far, in cents
	 * @param baseCostInCents invocation cost, in cents
	 * @param durationMs compute duration so far, in milliseconds
	 * @param depth depth in the run hierarchy; 0 for a root run
	 * @param batchId the batch this run belongs to
	 * @param triggerFunction how the run was triggered ({@code trigger},
	 * {@code batchTrigger}, ...)
	 * @param region the region the run executes in
	 * @param taskKind the kind of task (list only), such as {@code STANDARD}
	 * @param attemptCount the number of attempts so far
	 * @param payload the payload (retrieve only; absent when offloaded, see
	 * {@code payloadPresignedUrl})
	 * @param payloadPresignedUrl where to download a large payload (expires after 5
	 * minutes)
	 * @param output the output of a completed run (retrieve only)
	 * @param outputPresignedUrl where to download a large output (expires after 5
	 * minutes)
	 * @param error the error of a failed run (retrieve only)
	 * @param schedule the schedule that triggered the run (retrieve only)
	 * @param relatedRuns the root, parent and child runs (retrieve only)
	 * @param attempts attempts; always empty on current servers, see {@code attemptCount}
	 * @param isQueued the server's flag, kept for completeness
	 * @param isExecuting the server's flag, kept for completeness
	 * @param isWaiting the server's flag, kept for completeness
	 * @param isCompleted the server's flag; false for EXPIRED and TIMED_OUT, prefer
	 * {@link #isTerminal()}
	 * @param isSuccess the server's flag, kept for completeness
	 * @param isFailed the server's flag, kept for completeness
	 * @param isCancelled the server's flag, kept for completeness
	 */
	public Run {
		Objects.requireNonNull(id, "id must not be null");
		status = (status != null) ? status : RunStatus.of("UNKNOWN");
		tags = (tags != null) ? List.copyOf(tags) : List.of();
		attempts = (attempts != null) ? List.copyOf(attempts) : List.of();
	}

	/**
	 * {@return whether the run has finished, decided from {@link #status()}}
	 */
	@JsonIgnore
	public boolean isTerminal() {
		return this.status.isTerminal();
	}

	/**
	 * The output read as the given type, or {@code null} when the run has no inline
	 * output.
	 * @param <T> the type to decode into
	 * @param type the class to decode into
	 * @return the output, or {@code null}
	 * @throws TriggerDecodingException if the output does not fit the type
	 */
	public <T> @Nullable T output(Class<T> type) {
		return (this.output != null) ? this.output.as(type) : null;
	}

	/**
	 * The payload read as the given type, or {@code null} when the run has no inline
	 * payload.
	 * @param <T> the type to decode into
	 * @param type the class to decode into
	 * @return the payload, or {@code null}
	 * @throws TriggerDecodingException if the payload does not fit the type
	 */
	public <T> @Nullable T payload(Class<T> type) {
		return (this.payload != null) ? this.payload.as(type) : null;
	}

	/**
	 * The metadata read as the given type, or {@code null} when the run has none.
	 * @param <T> the type to decode into
	 * @param type the class to decode into
	 * @return the metadata, or {@code null}
	 * @throws TriggerDecodingException if the metadata does not fit the type
	 */
	public <T> @Nullable T metadata(Class<T> type) {
		return (this.metadata != null) ? this.metadata.as(type) : null;
	}

	/**
	 * The run's identity, status and times; payload, output and metadata only as present
	 * or not (they are the application's data and may be large), presigned URLs without
	 * their signature.
	 */
	@Override
	public String toString() {
		return "Run[id=" + this.id + ", status=" + this.status + ", taskIdentifier=" + this.taskIdentifier
				+ ", version=" + this.version + ", idempotencyKey=" + this.idempotencyKey + ", createdAt="
				+ this.createdAt + ", startedAt=" + this.startedAt + ", finishedAt=" + this.finishedAt + ", tags="
				+ this.tags + ", batchId=" + this.batchId + ", attemptCount=" + this.attemptCount + ", payload="
				+ present(this.payload) + ", payloadPresignedUrl=" + Secrets.maskQuery(this.payloadPresignedUrl)
				+ ", output=" + present(this.output) + ", outputPresignedUrl="
				+ Secrets.maskQuery(this.outputPresignedUrl) + ", metadata=" + present(this.metadata) + ", error="
				+ this.error + "]";
	}

	private static String present(@Nullable JsonValue value) {
		return (value != null) ? "<present>" : "null";
	}

}
