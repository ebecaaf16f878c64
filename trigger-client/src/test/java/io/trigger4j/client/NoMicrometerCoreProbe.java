package io.trigger4j.client;

import java.util.function.Supplier;

/**
 * Builds, uses and closes a client; run by {@link ClientMetricsTests} in a class loader
 * without Micrometer's core.
 */
public class NoMicrometerCoreProbe implements Supplier<String> {

	@Override
	public String get() {
		TriggerOperations client = TriggerClient.builder().secretKey(TestClients.SECRET_KEY).build();
		ClientSignals signals = ((DefaultTriggerOperations) client).lifecycle();
		signals.retrying(Operation.RUNS_RETRIEVE, new IllegalStateException("x"));
		signals.rateLimitRemaining(1);
		String environment = client.environmentType().name();
		client.close();
		return environment;
	}

}
