package io.trigger4j.client;

import java.util.List;

import reactor.core.publisher.Mono;

/** Schedules. Obtain from {@link TriggerOperations#schedules()}. */
public interface SchedulesOperations {

	/**
	 * The IANA timezones a schedule can use, such as {@code Europe/Paris}. An open route:
	 * no credential is sent. {@code GET /api/v1/timezones}.
	 * @param excludeUtc whether to leave {@code UTC} out
	 */
	Mono<List<String>> timezones(boolean excludeUtc);

}
