package io.trigger4j.emulator.engine;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * The engine's time as H2's current-time functions in a query ({@code CURRENT_TIMESTAMP},
 * {@code NOW()}, {@code CURRENT_DATE}, ...): {@link QuerySandbox} declares these methods
 * as Java aliases over H2's built-ins ({@code BUILTIN_ALIAS_OVERRIDE}) and sets the time
 * on the thread that runs the query. Times are UTC; a scale argument truncates the
 * fraction of a second. Public only because H2 calls the methods by name.
 */
public final class QueryClock {

	/** The names H2 knows for the current time, with the method each one is. */
	static final Map<String, String> ALIASES = Map.ofEntries(Map.entry("CURRENT_TIMESTAMP", "currentTimestamp"),
			Map.entry("SYSTIMESTAMP", "currentTimestamp"), Map.entry("LOCALTIMESTAMP", "localTimestamp"),
			Map.entry("NOW", "localTimestamp"), Map.entry("SYSDATE", "localTimestamp"),
			Map.entry("GETDATE", "localTimestamp"), Map.entry("CURRENT_DATE", "currentDate"),
			Map.entry("CURDATE", "currentDate"), Map.entry("TODAY", "currentDate"),
			Map.entry("CURRENT_TIME", "currentTime"), Map.entry("LOCALTIME", "localTime"),
			Map.entry("CURTIME", "localTime"));

	private static final ThreadLocal<Instant> NOW = new ThreadLocal<>();

	private QueryClock() {
	}

	/** Sets the time the current thread's query sees. */
	static void set(Instant now) {
		NOW.set(now);
	}

	/** Clears the current thread's time. */
	static void clear() {
		NOW.remove();
	}

	/**
	 * {@return the query's time as a UTC timestamp with its offset
	 * ({@code CURRENT_TIMESTAMP})}
	 */
	public static OffsetDateTime currentTimestamp() {
		return now().atOffset(ZoneOffset.UTC);
	}

	/**
	 * {@return the query's time as a UTC timestamp with its offset, its fraction of a
	 * second cut to {@code scale} digits}
	 * @param scale how many digits of the fraction of a second to keep, 0 to 9
	 */
	public static OffsetDateTime currentTimestamp(int scale) {
		return currentTimestamp().withNano(truncated(now().getNano(), scale));
	}

	/**
	 * {@return the query's time as a UTC timestamp without offset
	 * ({@code LOCALTIMESTAMP}, {@code NOW()})}
	 */
	public static LocalDateTime localTimestamp() {
		return currentTimestamp().toLocalDateTime();
	}

	/**
	 * {@return the query's time as a UTC timestamp without offset, its fraction of a
	 * second cut to {@code scale} digits}
	 * @param scale how many digits of the fraction of a second to keep, 0 to 9
	 */
	public static LocalDateTime localTimestamp(int scale) {
		return currentTimestamp(scale).toLocalDateTime();
	}

	/**
	 * {@return the query's time as a UTC date ({@code CURRENT_DATE})}
	 */
	public static LocalDate currentDate() {
		return currentTimestamp().toLocalDate();
	}

	/**
	 * {@return the query's time as a UTC time of day with its offset
	 * ({@code CURRENT_TIME})}
	 */
	public static OffsetTime currentTime() {
		return currentTimestamp().toOffsetTime();
	}

	/**
	 * {@return the query's time as a UTC time of day with its offset, its fraction of a
	 * second cut to {@code scale} digits}
	 * @param scale how many digits of the fraction of a second to keep, 0 to 9
	 */
	public static OffsetTime currentTime(int scale) {
		return currentTimestamp(scale).toOffsetTime();
	}

	/**
	 * {@return the query's time as a UTC time of day without offset ({@code LOCALTIME})}
	 */
	public static LocalTime localTime() {
		return currentTimestamp().toLocalTime();
	}

	/**
	 * {@return the query's time as a UTC time of day without offset, its fraction of a
	 * second cut to {@code scale} digits}
	 * @param scale how many digits of the fraction of a second to keep, 0 to 9
	 */
	public static LocalTime localTime(int scale) {
		return currentTimestamp(scale).toLocalTime();
	}

	private static Instant now() {
		Instant now = NOW.get();
		if (now == null) {
			throw new IllegalStateException("No query is running on this thread");
		}
		return now;
	}

	private static int truncated(int nanos, int scale) {
		int unit = 1;
		for (int i = Math.max(0, Math.min(9, scale)); i < 9; i++) {
			unit *= 10;
		}
		return nanos - nanos % unit;
	}

}
