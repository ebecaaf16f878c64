package io.trigger4j.client;

import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** The {@link SchedulesOperations} implementation. */
final class DefaultSchedulesOperations implements SchedulesOperations {

	private final TriggerHttp http;

	DefaultSchedulesOperations(TriggerHttp http) {
		this.http = http;
	}

	@Override
	public Mono<List<String>> timezones(boolean excludeUtc) {
		return this.http.execute(ApiCall.to(Operation.SCHEDULES_TIMEZONES)
			.query("excludeUtc", excludeUtc ? "true" : null)
			.reading(Timezones.class, (answer, headers) -> answer.timezones()));
	}

	/** The answer of timezones. */
	record Timezones(@Nullable List<String> timezones) {

		Timezones {
			timezones = (timezones != null) ? List.copyOf(timezones) : List.of();
		}

	}

}
