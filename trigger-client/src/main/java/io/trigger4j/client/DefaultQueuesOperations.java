package io.trigger4j.client;

/** The {@link QueuesOperations} implementation. */
final class DefaultQueuesOperations implements QueuesOperations {

	private final TriggerHttp http;

	DefaultQueuesOperations(TriggerHttp http) {
		this.http = http;
	}

}
