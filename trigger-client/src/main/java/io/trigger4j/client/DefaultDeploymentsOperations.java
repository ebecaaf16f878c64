package io.trigger4j.client;

/** The {@link DeploymentsOperations} implementation. */
final class DefaultDeploymentsOperations implements DeploymentsOperations {

	private final TriggerHttp http;

	DefaultDeploymentsOperations(TriggerHttp http) {
		this.http = http;
	}

}
