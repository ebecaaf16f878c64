package io.trigger4j.emulator.api;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import io.trigger4j.emulator.engine.RealtimeFeed;
import org.jspecify.annotations.Nullable;

/**
 * The shapes the realtime routes handed out, by handle: the feed each follows (a tag
 * feed's createdAt window pinned when it started) and the runs its client already holds
 * (their changes are {@code update}s, others {@code insert}s). The newest 10,000 are
 * kept; a client presenting a handle this emulator does not know is told to start again
 * (409).
 */
final class RealtimeHandles {

	static final int MAX_SHAPES = 10_000;

	private final String instance;

	private final AtomicLong sequence = new AtomicLong();

	private final Map<String, Shape> shapes = new LinkedHashMap<>(16, 0.75f, true) {

		private static final long serialVersionUID = 1L;

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Shape> eldest) {
			return size() > MAX_SHAPES;
		}

	};

	RealtimeHandles() {
		byte[] random = new byte[4];
		new SecureRandom().nextBytes(random);
		this.instance = String.format(Locale.ROOT, "%02x%02x%02x%02x", random[0], random[1], random[2], random[3]);
	}

	/** A shape: the feed, and the ids of the runs its client holds. */
	static final class Shape {

		final RealtimeFeed feed;

		private final Set<String> known = new HashSet<>();

		Shape(RealtimeFeed feed) {
			this.feed = feed;
		}

		/** Records that the client now holds the run; whether it held it before. */
		synchronized boolean hold(String runId) {
			return !this.known.add(runId);
		}

		synchronized void forget() {
			this.known.clear();
		}

	}

	/** A new shape of the feed, with its handle. */
	synchronized String open(RealtimeFeed feed) {
		String handle = prefix(feed) + "-" + this.instance + "-" + this.sequence.incrementAndGet();
		this.shapes.put(handle, new Shape(feed));
		return handle;
	}

	/** The shape of a handle this emulator handed out, or {@code null}. */
	synchronized @Nullable Shape get(@Nullable String handle) {
		return (handle != null) ? this.shapes.get(handle) : null;
	}

	/** A per-next counter for {@code electric-cursor}. */
	String cursor() {
		return Long.toString(this.sequence.incrementAndGet());
	}

	private static String prefix(RealtimeFeed feed) {
		return switch (feed.kind()) {
			case RUN -> "run";
			case TAGS -> "runs";
			case BATCH -> "batch";
		};
	}

}
