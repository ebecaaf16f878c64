package io.trigger4j.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.trigger4j.client.error.NotFoundException;
import io.trigger4j.client.error.TriggerDecodingException;
import io.trigger4j.client.model.MachinePreset;
import io.trigger4j.client.model.runs.RunEvent;
import io.trigger4j.client.model.runs.RunSpan;
import io.trigger4j.client.model.runs.RunTrace;
import io.trigger4j.client.model.runs.SpanKind;
import io.trigger4j.client.model.runs.SpanLevel;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A run's trace and events: the request sent, how the span tree and the events decode
 * (unknown fields and values, missing optional fields, a deep tree), and errors.
 */
@WireMockTest
class RunTraceAndEventsTests {

	/** A trace as the server sends it, with fields and values trigger4j does not know. */
	static final String TRACE = """
			{"trace":{"traceId":"8f2c9a1be3d4","someNewField":true,"rootSpan":{
			  "id":"span_root","runId":"run_1","someNewField":1,
			  "data":{"message":"generate-report","taskSlug":"generate-report","startTime":"2026-08-21T10:15:31.123Z",
			    "duration":1500000000,"isError":false,"isPartial":false,"isCancelled":false,"level":"TRACE",
			    "workerVersion":"20260820.3","queueName":"task/generate-report","machinePreset":"huge-9x",
			    "properties":{"ctx.attempt.number":2},"output":{"url":"u","pages":3},"events":[],"newDataField":"x"},
			  "children":[
			    {"id":"span_a1","parentId":"span_root","runId":"run_1",
			     "data":{"message":"Attempt 1","startTime":"2026-08-21T10:15:31.200Z","duration":200000000,
			       "isError":true,"isPartial":false,"isCancelled":false,"level":"FATAL","attemptNumber":1,
			       "events":[{"name":"exception","time":"2026-08-21T10:15:31.400Z",
			                  "properties":{"exception":{"type":"Error","message":"boom"}}}]},
			     "children":[
			       {"id":"span_log","parentId":"span_a1","runId":"run_1",
			        "data":{"message":"fetching","startTime":"2026-08-21T10:15:31.250Z","duration":0,
			          "isError":false,"isPartial":false,"isCancelled":false,"level":"LOG"},"children":[]}]},
			    {"id":"span_a2","parentId":"span_root","runId":"run_1",
			     "data":{"message":"Attempt 2","startTime":"2026-08-21T10:15:32.000Z","duration":600000000.7,
			       "isError":false,"isPartial":false,"isCancelled":false,"level":"INFO","attemptNumber":2},
			     "children":[]}]}}}""";

	record Report(String url, int pages) {
	}

	@Test
	void traceGetsTheTraceAndDecodesTheSpanTree(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v1/runs/run_1/trace").willReturn(okJson(TRACE)));

		RunTrace trace = TestClients.client(wm).runs().trace("run_1").block();

		assertThat(trace.traceId()).isEqualTo("8f2c9a1be3d4");
		RunSpan root = trace.rootSpan();
		assertThat(root.id()).isEqualTo("span_root");
		assertThat(root.parentId()).isNull();
		assertThat(root.runId()).isEqualTo("run_1");
		assertThat(root.message()).isEqualTo("generate-report");
		assertThat(root.taskSlug()).isEqualTo("generate-report");
		assertThat(root.startTime()).isEqualTo(Instant.parse("2026-08-21T10:15:31.123Z"));
		assertThat(root.duration()).isEqualTo(Duration.ofMillis(1500));
		assertThat(root.level().known()).isEqualTo(SpanLevel.Known.TRACE);
		assertThat(root.workerVersion()).isEqualTo("20260820.3");
		assertThat(root.queueName()).isEqualTo("task/generate-report");
		assertThat(root.machinePreset().known()).isEqualTo(MachinePreset.Known.UNKNOWN);
		assertThat(root.machinePreset().value()).isEqualTo("huge-9x");
		assertThat(root.properties().asMap()).containsEntry("ctx.attempt.number", 2);
		assertThat(root.output(Report.class)).isEqualTo(new Report("u", 3));
		assertThat(root.children()).extracting(RunSpan::id).containsExactly("span_a1", "span_a2");
		RunSpan failed = root.children().get(0);
		assertThat(failed.isError()).isTrue();
		assertThat(failed.attemptNumber()).isEqualTo(1);
		assertThat(failed.level().known()).isEqualTo(SpanLevel.Known.UNKNOWN);
		assertThat(failed.level().value()).isEqualTo("FATAL");
		assertThat(failed.events()).singleElement().satisfies((event) -> {
			assertThat(event.name()).isEqualTo("exception");
			assertThat(event.time()).isEqualTo(Instant.parse("2026-08-21T10:15:31.400Z"));
			assertThat(event.properties().asMap()).containsKey("exception");
		});
		assertThat(root.children().get(1).duration()).isEqualTo(Duration.ofNanos(600000001));
		assertThat(trace.spans()).extracting(RunSpan::id)
			.containsExactly("span_root", "span_a1", "span_log", "span_a2");
		verify(getRequestedFor(urlEqualTo("/api/v1/runs/run_1/trace")).withHeader("Authorization",
				equalTo("Bearer " + TestClients.SECRET_KEY)));
	}

	@Test
	void aSpanMissingOptionalFieldsDecodesWithDefaults(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v1/runs/run_1/trace")
			.willReturn(okJson("{\"trace\":{\"traceId\":\"t1\",\"rootSpan\":{\"id\":\"span_root\"}}}")));

		RunSpan root = TestClients.client(wm).runs().trace("run_1").block().rootSpan();

		assertThat(root.id()).isEqualTo("span_root");
		assertThat(root.message()).isNull();
		assertThat(root.startTime()).isNull();
		assertThat(root.duration()).isEqualTo(Duration.ZERO);
		assertThat(root.level()).isNull();
		assertThat(root.isError()).isFalse();
		assertThat(root.properties()).isNull();
		assertThat(root.output(Report.class)).isNull();
		assertThat(root.events()).isEmpty();
		assertThat(root.children()).isEmpty();
	}

	@Test
	void aDeepTreeDecodesAndIsWalkedWithoutRecursion(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v1/runs/run_1/trace").willReturn(okJson(chain(150))));

		RunTrace trace = TestClients.client(wm).runs().trace("run_1").block();

		List<RunSpan> spans = trace.spans();
		assertThat(spans).hasSize(150);
		assertThat(spans.get(149).id()).isEqualTo("span_149");
		assertThat(spans.get(149).parentId()).isEqualTo("span_148");
	}

	@Test
	void anAbsurdlyDeepTreeFailsAsADecodingError(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v1/runs/run_1/trace").willReturn(okJson(chain(3000))));

		assertThatExceptionOfType(TriggerDecodingException.class)
			.isThrownBy(() -> TestClients.client(wm).runs().trace("run_1").block())
			.withMessageStartingWith("Could not decode the response of runs.trace");
	}

	/** A trace whose spans form one chain of the given length (kept small in bytes). */
	static String chain(int length) {
		StringBuilder json = new StringBuilder("{\"trace\":{\"traceId\":\"t1\",\"rootSpan\":");
		for (int i = 0; i < length; i++) {
			json.append("{\"id\":\"span_").append(i).append('"');
			if (i > 0) {
				json.append(",\"parentId\":\"span_").append(i - 1).append('"');
			}
			json.append(",\"children\":[");
		}
		json.append("]}".repeat(length));
		return json.append("}}").toString();
	}

	@Test
	void aTraceNotFoundIsANotFoundException(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v1/runs/run_1/trace")
			.willReturn(aResponse().withStatus(404).withBody("{\"error\":\"Trace not found\"}")));

		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> TestClients.client(wm).runs().trace("run_1").block())
			.satisfies((ex) -> assertThat(ex.serverMessage()).isEqualTo("Trace not found"));
		verify(1, getRequestedFor(urlEqualTo("/api/v1/runs/run_1/trace")));
	}

	@Test
	void aNotFoundTheServerSaysToRetryIsRetried(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v1/runs/run_1/events").inScenario("lag")
			.whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
			.willReturn(aResponse().withStatus(404)
				.withHeader("x-should-retry", "true")
				.withBody("{\"error\":\"Run not found\"}"))
			.willSetStateTo("found"));
		stubFor(get("/api/v1/runs/run_1/events").inScenario("lag")
			.whenScenarioStateIs("found")
			.willReturn(okJson("{\"events\":[]}")));

		assertThat(TestClients.client(wm).runs().events("run_1").block()).isEmpty();
		verify(2, getRequestedFor(urlEqualTo("/api/v1/runs/run_1/events")));
	}

	@Test
	void eventsGetsTheEventsAndDecodesThem(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v1/runs/run_1/events").willReturn(
				okJson("""
						{"events":[
						  {"spanId":"span_root","parentId":null,"runId":"run_1","message":"generate-report",
						   "startTime":"1787307331123456789","duration":1500000000,"isError":false,"isPartial":false,
						   "isCancelled":false,"level":"TRACE","kind":"SERVER","attemptNumber":null,"taskSlug":"generate-report",
						   "events":[],"style":{"icon":"task","variant":"primary"},"someNewField":{"a":1}},
						  {"spanId":"span_a1","parentId":"span_root","message":"Attempt 1","startTime":"1787307331200000000",
						   "duration":200000000,"isError":true,"level":"ERROR","kind":"QUANTUM","attemptNumber":1,
						   "events":[{"name":"exception","time":"2026-08-21T10:15:31.400Z","properties":{"exception":{"message":"boom"}}}]}
						],"someNewField":true}""")));

		List<RunEvent> events = TestClients.client(wm).runs().events("run_1").block();

		assertThat(events).extracting(RunEvent::spanId).containsExactly("span_root", "span_a1");
		RunEvent root = events.get(0);
		assertThat(root.parentId()).isNull();
		assertThat(root.runId()).isEqualTo("run_1");
		assertThat(root.startTime()).isEqualTo(Instant.parse("2026-08-21T10:15:31.123456789Z"));
		assertThat(root.duration()).isEqualTo(Duration.ofMillis(1500));
		assertThat(root.level().known()).isEqualTo(SpanLevel.Known.TRACE);
		assertThat(root.kind().known()).isEqualTo(SpanKind.Known.SERVER);
		assertThat(root.attemptNumber()).isNull();
		assertThat(root.taskSlug()).isEqualTo("generate-report");
		assertThat(root.style().asMap()).containsEntry("icon", "task");
		RunEvent attempt = events.get(1);
		assertThat(attempt.runId()).isNull();
		assertThat(attempt.isError()).isTrue();
		assertThat(attempt.isPartial()).isFalse();
		assertThat(attempt.kind().known()).isEqualTo(SpanKind.Known.UNKNOWN);
		assertThat(attempt.kind().value()).isEqualTo("QUANTUM");
		assertThat(attempt.style()).isNull();
		assertThat(attempt.events()).singleElement()
			.satisfies((event) -> assertThat(event.name()).isEqualTo("exception"));
		verify(getRequestedFor(urlEqualTo("/api/v1/runs/run_1/events")).withHeader("Authorization",
				equalTo("Bearer " + TestClients.SECRET_KEY)));
	}

	@Test
	void anEventWithOnlyItsSpanIdDecodesWithDefaults(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v1/runs/run_1/events").willReturn(okJson("{\"events\":[{\"spanId\":\"s\"}]}")));

		RunEvent event = TestClients.client(wm).runs().events("run_1").block().get(0);

		assertThat(event.startTime()).isNull();
		assertThat(event.duration()).isEqualTo(Duration.ZERO);
		assertThat(event.level()).isNull();
		assertThat(event.kind()).isNull();
		assertThat(event.events()).isEmpty();
	}

	@Test
	void anIsoStartTimeIsReadToo(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v1/runs/run_1/events").willReturn(
				okJson("{\"events\":[{\"spanId\":\"s\",\"startTime\":\"2026-08-21T10:15:31.123Z\"},{\"spanId\":\"t\","
						+ "\"startTime\":\"not a time\"}]}")));

		List<RunEvent> events = TestClients.client(wm).runs().events("run_1").block();

		assertThat(events.get(0).startTime()).isEqualTo(Instant.parse("2026-08-21T10:15:31.123Z"));
		assertThat(events.get(1).startTime()).isNull();
	}

	@Test
	void anAnswerWithoutEventsIsAnEmptyList(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v1/runs/run_1/events").willReturn(okJson("{}")));

		assertThat(TestClients.client(wm).runs().events("run_1").block()).isEmpty();
	}

	@Test
	void theRunIdIsCheckedBeforeSending(WireMockRuntimeInfo wm) {
		RunsOperations runs = TestClients.client(wm).runs();

		assertThatIllegalArgumentException().isThrownBy(() -> runs.trace(" run_1"))
			.withMessage("runId must not start or end with whitespace but was ' run_1'");
		assertThatIllegalArgumentException().isThrownBy(() -> runs.events("")).withMessage("runId must not be blank");
		verify(0, anyRequestedFor(anyUrl()));
	}

}
