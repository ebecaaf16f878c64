package io.trigger4j.emulator.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One realtime data stream of a run: its records in order, with Redis-style ids
 * ({@code <epochMillis>-<seq>}, never decreasing even when an append's instant is earlier
 * than the last). Holds the newest {@value #MAX_RECORDS} records: an append past them
 * drops the oldest, as the server's {@code XADD MAXLEN ~ 1000}
 * ({@code REALTIME_STREAM_MAX_LENGTH}) trims its Redis stream. Only touched while holding
 * the engine's lock.
 */
final class StreamLog {

	/** The most records a stream keeps (the server's default). */
	static final int MAX_RECORDS = 1000;

	private final List<StreamRecord> records = new ArrayList<>();

	private final List<long[]> ids = new ArrayList<>();

	private long lastMillis = -1;

	private long lastSeq = -1;

	void append(Instant at, JsonNode data) {
		long millis = Math.max(Times.epochMillis(at), Math.max(0, this.lastMillis));
		long seq = (millis == this.lastMillis) ? this.lastSeq + 1 : 0;
		this.lastMillis = millis;
		this.lastSeq = seq;
		this.records.add(new StreamRecord(millis + "-" + seq, data));
		this.ids.add(new long[] { millis, seq });
		if (this.records.size() > MAX_RECORDS) {
			this.records.remove(0);
			this.ids.remove(0);
		}
	}

	/** The records after an id ({@code null}: all of them). */
	List<StreamRecord> after(@Nullable String afterId) {
		return new ArrayList<>(this.records.subList(firstAfter(afterId), this.records.size()));
	}

	boolean hasAfter(@Nullable String afterId) {
		return firstAfter(afterId) < this.records.size();
	}

	/** The last record's id, or {@code null} without records. */
	@Nullable String lastId() {
		return this.records.isEmpty() ? null : this.records.get(this.records.size() - 1).id();
	}

	private int firstAfter(@Nullable String afterId) {
		long[] after = parse(afterId);
		if (after == null) {
			return 0;
		}
		int index = this.ids.size();
		while (index > 0 && compare(this.ids.get(index - 1), after) > 0) {
			index--;
		}
		return index;
	}

	/**
	 * An id as {@code {millis, seq}} ({@code <millis>} alone is {@code <millis>-0}, as
	 * Redis reads it); {@code null} for none or a malformed one.
	 */
	static long @Nullable [] parse(@Nullable String id) {
		if (id == null || id.isBlank()) {
			return null;
		}
		String text = id.trim();
		int dash = text.indexOf('-');
		try {
			if (dash < 0) {
				return new long[] { Long.parseLong(text), 0 };
			}
			return new long[] { Long.parseLong(text.substring(0, dash)), Long.parseLong(text.substring(dash + 1)) };
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static int compare(long[] a, long[] b) {
		int byMillis = Long.compare(a[0], b[0]);
		return (byMillis != 0) ? byMillis : Long.compare(a[1], b[1]);
	}

}
