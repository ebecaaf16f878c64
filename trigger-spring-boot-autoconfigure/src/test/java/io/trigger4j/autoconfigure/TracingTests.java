package io.trigger4j.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.tracing.exporter.FinishedSpan;
import io.micrometer.tracing.exporter.SpanReporter;
import io.trigger4j.client.TriggerOperations;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.WebClientObservationAutoConfiguration;

import static com.github.tomakehurst.wiremock.client.WireMock.findAll;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Micrometer Tracing (here Brave, as Spring Boot auto-configures it), every call is
 * a span and its request carries a W3C {@code traceparent} of the same trace, as the
 * official SDK's requests do.
 */
@WireMockTest
class TracingTests {

	private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-01");

	private final List<FinishedSpan> reported = new CopyOnWriteArrayList<>();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(ObservationAutoConfiguration.class, MicrometerTracingAutoConfiguration.class,
						BraveAutoConfiguration.class, WebClientAutoConfiguration.class,
						WebClientObservationAutoConfiguration.class, TriggerAutoConfiguration.class))
		.withBean(SpanReporter.class, () -> this.reported::add)
		.withPropertyValues("trigger.secret-key=" + TriggerAutoConfigurationTests.KEY,
				"management.tracing.sampling.probability=1.0");

	@Test
	void eachCallIsASpanAndCarriesTraceparent(WireMockRuntimeInfo wm) {
		stubFor(get(urlPathEqualTo("/api/v3/runs/run_1")).willReturn(okJson(TriggerAutoConfigurationTests.RUN_JSON)));
		this.runner.withPropertyValues("trigger.base-url=" + wm.getHttpBaseUrl()).run((context) -> {
			context.getBean(TriggerOperations.class).runs().retrieve("run_1").block(Duration.ofSeconds(10));

			List<LoggedRequest> requests = findAll(getRequestedFor(urlPathEqualTo("/api/v3/runs/run_1")));
			assertThat(requests).hasSize(1);
			String traceparent = requests.get(0).getHeader("traceparent");
			assertThat(traceparent).as("traceparent").matches(TRACEPARENT);
			Matcher matcher = TRACEPARENT.matcher(traceparent);
			assertThat(matcher.matches()).isTrue();
			String traceId = matcher.group(1);
			String parentId = matcher.group(2);

			FinishedSpan call = reported.stream()
				.filter((span) -> "trigger runs.retrieve".equals(span.getName()))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no span 'trigger runs.retrieve' in " + names()));
			assertThat(call.getTraceId()).isEqualTo(traceId);
			// The request's span (WebClient's http.client.requests) is a child of the
			// call's, and is the parent the server sees.
			FinishedSpan request = reported.stream()
				.filter((span) -> span.getSpanId().equals(parentId))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no span " + parentId + " in " + names()));
			assertThat(request.getParentId()).isEqualTo(call.getSpanId());
			assertThat(request.getTraceId()).isEqualTo(traceId);
			assertThat(call.getTags()).contains(Map.entry("operation", "runs.retrieve"));
		});
	}

	private List<String> names() {
		return this.reported.stream().map((span) -> span.getName() + "/" + span.getSpanId()).toList();
	}

}
