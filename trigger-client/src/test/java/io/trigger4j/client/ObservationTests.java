package io.trigger4j.client;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.trigger4j.client.error.NotFoundException;
import io.trigger4j.client.observation.DefaultTriggerRequestObservationConvention;
import io.trigger4j.client.observation.TriggerRequestObservationContext;
import io.trigger4j.client.observation.TriggerRequestObservationConvention;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static org.assertj.core.api.Assertions.catchThrowable;

@WireMockTest
class ObservationTests {

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	@Test
	void aSuccessfulCallIsObservedWithLowCardinalityTagsOnly(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v3/runs/run_abc123")
			.willReturn(okJson("{\"id\":\"run_abc123\",\"status\":\"QUEUED\",\"taskIdentifier\":\"t\"}")));

		TestClients.builder(wm).observationRegistry(this.registry).build().runs().retrieve("run_abc123").block();

		TestObservationRegistryAssert.assertThat(this.registry)
			.hasNumberOfObservationsWithNameEqualTo("trigger.client.requests", 1)
			.hasObservationWithNameEqualTo("trigger.client.requests")
			.that()
			.hasContextualNameEqualTo("trigger runs.retrieve")
			.hasLowCardinalityKeyValue("operation", "runs.retrieve")
			.hasLowCardinalityKeyValue("method", "GET")
			.hasLowCardinalityKeyValue("status", "200")
			.hasLowCardinalityKeyValue("outcome", "SUCCESS")
			.hasLowCardinalityKeyValue("exception", "none")
			.hasOnlyKeys("operation", "method", "status", "outcome", "exception")
			.hasBeenStarted()
			.hasBeenStopped();
	}

	@Test
	void aFailedCallIsTaggedWithItsStatusAndException(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v3/runs/run_1")
			.willReturn(aResponse().withStatus(404).withBody("{\"error\":\"Not found\"}")));

		catchThrowable(() -> TestClients.builder(wm)
			.observationRegistry(this.registry)
			.build()
			.runs()
			.retrieve("run_1")
			.block());

		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo("trigger.client.requests")
			.that()
			.hasLowCardinalityKeyValue("status", "404")
			.hasLowCardinalityKeyValue("outcome", "CLIENT_ERROR")
			.hasLowCardinalityKeyValue("exception", "NotFoundException")
			.hasError();
	}

	@Test
	void aCustomConventionReplacesTheDefault(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v3/runs/run_1")
			.willReturn(okJson("{\"id\":\"run_1\",\"status\":\"QUEUED\",\"taskIdentifier\":\"t\"}")));
		TriggerRequestObservationConvention custom = new DefaultTriggerRequestObservationConvention() {
			@Override
			public String getName() {
				return "my.trigger.calls";
			}

			@Override
			public KeyValues getLowCardinalityKeyValues(TriggerRequestObservationContext context) {
				return super.getLowCardinalityKeyValues(context).and("team", "payments");
			}
		};

		TestClients.builder(wm)
			.observationRegistry(this.registry)
			.observationConvention(custom)
			.build()
			.runs()
			.retrieve("run_1")
			.block();

		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo("my.trigger.calls")
			.that()
			.hasLowCardinalityKeyValue("team", "payments")
			.hasLowCardinalityKeyValue("operation", "runs.retrieve");
	}

	@Test
	void webClientsOwnObservationGetsTheBoundedUriTemplate(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v3/runs/run_abc123")
			.willReturn(okJson("{\"id\":\"run_abc123\",\"status\":\"QUEUED\",\"taskIdentifier\":\"t\"}")));
		WebClient.Builder observed = WebClient.builder().observationRegistry(this.registry);

		TestClients.builder(wm).webClientBuilder(observed).build().runs().retrieve("run_abc123").block();

		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo("http.client.requests")
			.that()
			.hasLowCardinalityKeyValue("uri", "/api/v3/runs/{runId}")
			.hasLowCardinalityKeyValue("method", "GET")
			.hasLowCardinalityKeyValue("status", "200");
	}

}
