package io.trigger4j.emulator.engine;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What a realtime subscription follows: one run, the runs carrying every one of some tags
 * created after an instant, or the runs of a batch.
 *
 * @param kind which of the three
 * @param runId the run ({@link Kind#RUN})
 * @param tags the tags a run must all carry ({@link Kind#TAGS}; empty for every run)
 * @param createdAfter runs created at or before it are left out ({@link Kind#TAGS})
 * @param batchId the batch ({@link Kind#BATCH})
 */
public record RealtimeFeed(Kind kind, @Nullable String runId, List<String> tags, @Nullable Instant createdAfter,
		@Nullable String batchId) {

	/** The most runs a tag feed holds, as the server's. */
	public static final int MAX_ROWS = 1000;

	/** The feed's kind. */
	public enum Kind {

		/** One run's feed. */
		RUN,
		/** The feed of the runs carrying some tags. */
		TAGS,
		/** The feed of a batch's runs. */
		BATCH

	}

	/**
	 * Checks that the kind is present and copies the tags.
	 * @param kind which of the three
	 * @param runId the run ({@link Kind#RUN})
	 * @param tags the tags a run must all carry ({@link Kind#TAGS}; empty for every run)
	 * @param createdAfter runs created at or before it are left out ({@link Kind#TAGS})
	 * @param batchId the batch ({@link Kind#BATCH})
	 */
	public RealtimeFeed {
		Objects.requireNonNull(kind, "kind must not be null");
		tags = List.copyOf(tags);
	}

	/**
	 * One run's feed.
	 * @param runId the run's id
	 * @return the feed
	 */
	public static RealtimeFeed run(String runId) {
		return new RealtimeFeed(Kind.RUN, Objects.requireNonNull(runId, "runId must not be null"), List.of(), null,
				null);
	}

	/**
	 * The feed of the runs carrying all the tags, created after an instant.
	 * @param tags the tags a run must all carry; empty for every run
	 * @param createdAfter runs created at or before it are left out
	 * @return the feed
	 */
	public static RealtimeFeed tagged(List<String> tags, Instant createdAfter) {
		return new RealtimeFeed(Kind.TAGS, null, tags,
				Objects.requireNonNull(createdAfter, "createdAfter must not be null"), null);
	}

	/**
	 * The feed of the runs of a batch.
	 * @param batchId the batch's id
	 * @return the feed
	 */
	public static RealtimeFeed batch(String batchId) {
		return new RealtimeFeed(Kind.BATCH, null, List.of(), null,
				Objects.requireNonNull(batchId, "batchId must not be null"));
	}

}
