package io.trigger4j.emulator.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The api layer's JSON mapper (bounded nesting and number lengths, so no request body can
 * make parsing itself expensive) and how its answers write instants.
 */
final class ApiJson {

	static final JsonMapper MAPPER = JsonMapper
		.builder(JsonFactory.builder()
			.streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).maxNumberLength(400).build())
			.build())
		.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
		.build();

	/** What follows the year in {@link #iso(Instant)}. */
	private static final DateTimeFormatter AFTER_YEAR = DateTimeFormatter.ofPattern("-MM-dd'T'HH:mm:ss.SSS'Z'",
			Locale.ROOT);

	private ApiJson() {
	}

	/**
	 * An instant as the server's JSON shows it (JavaScript's {@code Date.toISOString()}):
	 * {@code 2026-11-22T10:00:00.000Z}, with a signed six-digit year outside 0000-9999
	 * ({@code +275760-09-13T00:00:00.000Z}). The api layer's one formatter.
	 */
	static String iso(Instant instant) {
		OffsetDateTime time = instant.atOffset(ZoneOffset.UTC);
		int year = time.getYear();
		String yearText = (year >= 0 && year <= 9999) ? String.format(Locale.ROOT, "%04d", year)
				: String.format(Locale.ROOT, "%s%06d", (year < 0) ? "-" : "+", Math.abs((long) year));
		return yearText + AFTER_YEAR.format(time);
	}

}
