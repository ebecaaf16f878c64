package io.trigger4j.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.trigger4j.client.model.JsonValue;
import io.trigger4j.client.model.batches.BatchItem;
import io.trigger4j.client.model.batches.BatchOptions;
import io.trigger4j.client.model.queues.QueueRef;
import io.trigger4j.client.model.runs.ReplayOptions;
import io.trigger4j.client.model.schedules.UpdateScheduleRequest;
import io.trigger4j.client.model.tasks.TriggerOptions;
import io.trigger4j.client.model.waitpoints.CreateWaitpointTokenRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Bad input that would reach the server, or fail there unclearly, is refused when the
 * method is called, with a message naming the argument; the server counts no request.
 */
@WireMockTest
class BadInputTests {

	private static final String PROJECT = "proj_yubjwjsfkxnylobaqvqz";

	private static final String LONG = "a".repeat(10_000);

	/** Characters no path value may hold, each in an otherwise fine value. */
	private static final List<String> BAD_PARTS = List.of("a/b", "a?b", "a#b", "a\\b", "a\u0000b", "a\nb", "a\u007fb",
			"a\u2028b", "a\ud800b");

	private WireMockRuntimeInfo wm;

	@AfterEach
	void nothingWasSent() {
		if (this.wm != null) {
			verify(0, anyRequestedFor(anyUrl()));
		}
	}

	private TriggerOperations client(WireMockRuntimeInfo wm) {
		this.wm = wm;
		return TestClients.client(wm);
	}

	static Stream<Arguments> badPathValues() {
		List<Arguments> rows = new ArrayList<>();
		Map<String, Function<String, Function<TriggerOperations, Object>>> byRunId = new LinkedHashMap<>();
		byRunId.put("runs.retrieve", (id) -> (t) -> t.runs().retrieve(id));
		byRunId.put("runs.cancel", (id) -> (t) -> t.runs().cancel(id));
		byRunId.put("runs.replay", (id) -> (t) -> t.runs().replay(id));
		byRunId.put("runs.reschedule", (id) -> (t) -> t.runs().reschedule(id, Duration.ofMinutes(1)));
		byRunId.put("runs.addTags", (id) -> (t) -> t.runs().addTags(id, List.of("a")));
		byRunId.put("runs.updateMetadata", (id) -> (t) -> t.runs().updateMetadata(id, Map.of("a", 1)));
		byRunId.put("runs.result", (id) -> (t) -> t.runs().result(id));
		byRunId.put("runs.trace", (id) -> (t) -> t.runs().trace(id));
		byRunId.put("runs.events", (id) -> (t) -> t.runs().events(id));
		byRunId.put("runs.subscribeToRun", (id) -> (t) -> t.runs().subscribeToRun(id));
		byRunId.put("runs.streamOf", (id) -> (t) -> t.runs().streamOf(id, "openai", String.class));
		List<String> badRunIds = new ArrayList<>();
		BAD_PARTS.forEach((part) -> badRunIds.add("run_" + part));
		badRunIds.addAll(List.of("run_" + LONG, "run_", "run_ä1", "..", "abc", "batch_1"));
		byRunId.forEach((operation, call) -> badRunIds
			.forEach((id) -> rows.add(Arguments.of(operation + "(" + shown(id) + ")", "runId", call.apply(id)))));

		List<String> badFreeText = new ArrayList<>(BAD_PARTS);
		badFreeText.addAll(List.of(LONG, ".", ".."));
		Map<String, Function<String, Function<TriggerOperations, Object>>> byScheduleId = new LinkedHashMap<>();
		byScheduleId.put("schedules.retrieve", (id) -> (t) -> t.schedules().retrieve(id));
		byScheduleId.put("schedules.update", (id) -> (t) -> t.schedules()
			.update(id, UpdateScheduleRequest.builder().task("t").cron("0 * * * *").build()));
		byScheduleId.put("schedules.delete", (id) -> (t) -> t.schedules().delete(id));
		byScheduleId.put("schedules.activate", (id) -> (t) -> t.schedules().activate(id));
		byScheduleId.put("schedules.deactivate", (id) -> (t) -> t.schedules().deactivate(id));
		byScheduleId.forEach((operation, call) -> badFreeText
			.forEach((id) -> rows.add(Arguments.of(operation + "(" + shown(id) + ")", "scheduleId", call.apply(id)))));

		badFreeText.forEach((task) -> {
			rows.add(Arguments.of("tasks.trigger(" + shown(task) + ")", "taskIdentifier",
					(Function<TriggerOperations, Object>) (t) -> t.tasks().trigger(task, Map.of("n", 1))));
			rows.add(Arguments.of("tasks.batchTrigger(" + shown(task) + ")", "taskIdentifier",
					(Function<TriggerOperations, Object>) (t) -> t.tasks()
						.batchTrigger(task, List.of(BatchItem.of(task, 1)), BatchOptions.none())));
			rows.add(Arguments.of("runs.streamOf(run_1, " + shown(task) + ")", "streamKey",
					(Function<TriggerOperations, Object>) (t) -> t.runs().streamOf("run_1", task, String.class)));
		});

		List<String> badBatchIds = new ArrayList<>();
		BAD_PARTS.forEach((part) -> badBatchIds.add("batch_" + part));
		badBatchIds.addAll(List.of("batch_" + LONG, "run_1"));
		badBatchIds.forEach((id) -> {
			rows.add(Arguments.of("batches.retrieve(" + shown(id) + ")", "batchId",
					(Function<TriggerOperations, Object>) (t) -> t.batches().retrieve(id)));
			rows.add(Arguments.of("batches.results(" + shown(id) + ")", "batchId",
					(Function<TriggerOperations, Object>) (t) -> t.batches().results(id)));
			rows.add(Arguments.of("runs.subscribeToBatch(" + shown(id) + ")", "batchId",
					(Function<TriggerOperations, Object>) (t) -> t.runs().subscribeToBatch(id)));
		});

		for (String part : List.of("a/b", "a?b", "a\u0000b", LONG)) {
			rows.add(Arguments.of("deployments.retrieve(" + shown(part) + ")", "deploymentId",
					(Function<TriggerOperations, Object>) (t) -> t.deployments().retrieve("deployment_" + part)));
			rows.add(Arguments.of("deployments.promote(" + shown(part) + ")", "version",
					(Function<TriggerOperations, Object>) (t) -> t.deployments().promote("20260820." + part)));
			rows.add(Arguments.of("waitpoints.retrieveToken(" + shown(part) + ")", "tokenId",
					(Function<TriggerOperations, Object>) (t) -> t.waitpoints().retrieveToken("waitpoint_" + part)));
			rows.add(Arguments.of("waitpoints.completeToken(" + shown(part) + ")", "tokenId",
					(Function<TriggerOperations, Object>) (t) -> t.waitpoints()
						.completeToken("waitpoint_" + part, Map.of())));
			rows.add(Arguments.of("envVars.list(projectRef " + shown(part) + ")", "projectRef",
					(Function<TriggerOperations, Object>) (t) -> t.envVars().list("proj_" + part, "prod")));
			rows.add(Arguments.of("envVars.list(env " + shown(part) + ")", "env",
					(Function<TriggerOperations, Object>) (t) -> t.envVars().list(PROJECT, "prod" + part)));
			rows.add(Arguments.of("envVars.retrieve(name " + shown(part) + ")", "name",
					(Function<TriggerOperations, Object>) (t) -> t.envVars().retrieve(PROJECT, "prod", "A" + part)));
			rows.add(Arguments.of("envVars.delete(name " + shown(part) + ")", "name",
					(Function<TriggerOperations, Object>) (t) -> t.envVars().delete(PROJECT, "prod", "A" + part)));
		}
		rows.add(Arguments.of("deployments.promote(..)", "version",
				(Function<TriggerOperations, Object>) (t) -> t.deployments().promote("..")));
		// A key of 64 characters is sent as given: it may be a hash already.
		rows.add(Arguments.of("idempotencyKeys.reset(64 characters with '/')", "idempotencyKey",
				(Function<TriggerOperations, Object>) (t) -> t.idempotencyKeys().reset("t", "a/".repeat(32))));
		// QueueRef refuses it first, naming its own argument.
		rows.add(Arguments.of("queues.retrieve(task with '?')", "taskIdentifier",
				(Function<TriggerOperations, Object>) (t) -> t.queues().retrieve(QueueRef.task("a?b"))));
		return rows.stream();
	}

	private static String shown(String value) {
		String escaped = value.codePoints()
			.mapToObj((c) -> (c < 0x20 || c == 0x7f || c == 0x2028 || Character.isSurrogate((char) c))
					? String.format("\\u%04x", c) : Character.toString(c))
			.reduce("", String::concat);
		return (escaped.length() > 20) ? escaped.substring(0, 20) + "...(" + value.length() + ")" : escaped;
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badPathValues")
	void aBadPathValueIsRefusedNamingItsArgument(String call, String argument,
			Function<TriggerOperations, Object> invocation, WireMockRuntimeInfo wm) {
		TriggerOperations trigger = client(wm);
		assertThatIllegalArgumentException().isThrownBy(() -> invocation.apply(trigger))
			.satisfies((ex) -> assertThat(ex.getMessage()).startsWith(argument + " ")
				.hasSizeLessThan(400)
				.doesNotContain("\u0000", "\n", "\u2028"));
	}

	@Test
	void theTableCoversAtLeastAHundredBadInputs() {
		assertThat(badPathValues().count()).isGreaterThanOrEqualTo(100);
	}

	@Test
	void messagesSayWhatWasWrong(WireMockRuntimeInfo wm) {
		TriggerOperations trigger = client(wm);
		assertThatIllegalArgumentException().isThrownBy(() -> trigger.runs().retrieve("run_a/b"))
			.withMessage("runId must be a run id starting with run_ but was 'run_a/b'");
		assertThatIllegalArgumentException().isThrownBy(() -> trigger.runs().retrieve("run_" + LONG))
			.withMessage("runId must be at most 128 characters but was 10004");
		assertThatIllegalArgumentException().isThrownBy(() -> trigger.schedules().retrieve("daily/report"))
			.withMessage("scheduleId must not contain '/' but was 'daily/report'");
		assertThatIllegalArgumentException().isThrownBy(() -> trigger.schedules().retrieve("daily\u0000report"))
			.withMessage("scheduleId must not contain control characters but was 'daily\\u0000report'");
		assertThatIllegalArgumentException().isThrownBy(() -> trigger.tasks().trigger(LONG, Map.of()))
			.withMessage("taskIdentifier must be at most 1024 characters but was 10000");
		assertThatIllegalArgumentException().isThrownBy(() -> trigger.tasks().trigger("..", Map.of()))
			.withMessage("taskIdentifier must not be '.' or '..' but was '..'");
	}

	@Test
	void valuesTheServerTakesStillPass(WireMockRuntimeInfo wm) {
		// A deduplication key with spaces, a task id with dots and colons, a queue name
		// with a slash.
		assertThatNoException().isThrownBy(() -> {
			PathParameter.SCHEDULE_ID.check("hourly report for acme");
			PathParameter.SCHEDULE_ID.check("sched_h7b2c9kq4x1m3n5p8r0tw");
			PathParameter.TASK_IDENTIFIER.check("email.send:welcome");
			PathParameter.TASK_IDENTIFIER.check("émoji-✉️-task");
			PathParameter.RUN_ID.check("run_06g27kca9dl530ojnrmin7pke1");
			PathParameter.RUN_ID.check("run_cm9xk2f0a0001abcd1234efgh");
			PathParameter.PACKET_PATH.check("trigger/send-email/1712345678-abc/payload.json");
			PathParameter.DEPLOYMENT_VERSION.check("20260821.3");
			PathParameter.IDEMPOTENCY_KEY.check("a".repeat(64));
			QueueRef.custom("emails/eu");
		});
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PathParameter.PACKET_PATH.check("trigger/../secrets/payload.json"))
			.withMessageStartingWith("packetPath must not be '.' or '..' between slashes");
		this.wm = wm;
	}

	@Test
	void cyclicValuesAreRefusedNamingTheArgument(WireMockRuntimeInfo wm) {
		TriggerOperations trigger = client(wm);
		Map<String, Object> cyclic = new HashMap<>();
		cyclic.put("self", cyclic);
		List<Object> cyclicList = new ArrayList<>();
		cyclicList.add(cyclicList);
		Node node = new Node();
		node.next = new Node();
		node.next.next = node;

		assertThatIllegalArgumentException().isThrownBy(() -> trigger.tasks().trigger("t", cyclic))
			.withMessageStartingWith("payload cannot be serialised to JSON: it refers to itself (a cycle)");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> trigger.tasks().trigger("t", Map.of(), TriggerOptions.builder().metadata(cyclic).build()))
			.withMessageStartingWith("metadata cannot be serialised to JSON: it refers to itself");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> trigger.tasks().trigger("t", Map.of(), TriggerOptions.builder().context(node).build()))
			.withMessageStartingWith("context cannot be serialised to JSON: it refers to itself");
		assertThatIllegalArgumentException().isThrownBy(() -> trigger.runs().updateMetadata("run_1", cyclic))
			.withMessageStartingWith("metadata cannot be serialised to JSON: it refers to itself");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> trigger.waitpoints().completeToken("waitpoint_1", cyclicList))
			.withMessageStartingWith("data cannot be serialised to JSON: it refers to itself");
		assertThatIllegalArgumentException().isThrownBy(() -> JsonValue.of(cyclic))
			.withMessageStartingWith("value cannot be serialised to JSON: it refers to itself");
	}

	@Test
	void cyclesAreRefusedEvenByAMapperWithoutANestingLimit() {
		tools.jackson.databind.json.JsonMapper unlimited = tools.jackson.databind.json.JsonMapper
			.builder(tools.jackson.core.json.JsonFactory.builder()
				.streamWriteConstraints(
						tools.jackson.core.StreamWriteConstraints.builder().maxNestingDepth(Integer.MAX_VALUE).build())
				.build())
			.build();
		Map<String, Object> cyclic = new HashMap<>();
		cyclic.put("self", cyclic);
		assertThatIllegalArgumentException().isThrownBy(() -> new WireJson(unlimited).user("payload", cyclic))
			.withMessage("payload cannot be serialised to JSON: it refers to itself (a cycle) or is nested too deeply");
	}

	@ParameterizedTest
	@ValueSource(doubles = { Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY })
	void nonFiniteNumbersAreRefusedNamingTheArgument(double number, WireMockRuntimeInfo wm) {
		TriggerOperations trigger = client(wm);
		String expected = " must not hold NaN or an infinite number: JSON cannot represent them";
		assertThatIllegalArgumentException().isThrownBy(() -> trigger.tasks().trigger("t", Map.of("x", number)))
			.withMessageStartingWith("payload" + expected);
		assertThatIllegalArgumentException().isThrownBy(() -> trigger.tasks()
			.trigger("t", Map.of(), TriggerOptions.builder().metadata(Map.of("n", List.of(1, (float) number))).build()))
			.withMessageStartingWith("metadata" + expected);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> trigger.tasks().trigger("t", JsonValue.of(Map.of("deep", Map.of("x", number)))))
			.withMessageStartingWith("payload" + expected);
		assertThatIllegalArgumentException().isThrownBy(() -> trigger.runs().updateMetadata("run_1", new Point(number)))
			.withMessageStartingWith("metadata" + expected);
	}

	@Test
	void textThatSpellsNaNOrInfinityIsNotANumber() {
		assertThat(TestClients.JSON
			.user("payload", Map.of("NaN", "NaN", "Infinity", "-Infinity \"quoted\" \\ NaN", "n", 1.5e300))
			.json()).contains("\"NaN\"", "1.5E300");
	}

	@Test
	void zeroDurationsAreRefusedAsTextAsWellAsDurations() {
		for (String zero : List.of("0s", "0m", "0h0m0s", "00d", "0w", "0hr")) {
			assertThatIllegalArgumentException().isThrownBy(() -> TriggerOptions.builder().ttl(zero))
				.withMessage("ttl must be above zero but was '" + zero + "'");
			assertThatIllegalArgumentException().isThrownBy(() -> ReplayOptions.builder().ttl(zero))
				.withMessage("ttl must be above zero but was '" + zero + "'");
			assertThatIllegalArgumentException().isThrownBy(() -> TriggerOptions.builder().delay(zero))
				.withMessage("delay must be above zero but was '" + zero + "'");
		}
		assertThatIllegalArgumentException().isThrownBy(() -> TriggerOptions.builder().ttl(Duration.ZERO))
			.withMessageStartingWith("ttl must be a positive whole number of seconds");
		assertThatIllegalArgumentException().isThrownBy(() -> TriggerOptions.builder().idempotencyKeyTtl("0d"))
			.withMessage("idempotencyKeyTtl must be above zero but was '0d'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CreateWaitpointTokenRequest.builder().idempotencyKeyTtl("0s"))
			.withMessage("idempotencyKeyTtl must be above zero but was '0s'");
		assertThatNoException().isThrownBy(() -> TriggerOptions.builder().ttl("10s").ttl("0h30m").delay("0m5s"));
	}

	@Test
	void credentialsWithControlOrNonAsciiCharactersAreRefusedWithoutShowingThem() {
		for (String bad : List.of("tr_dev_abc\u0000def", "tr_dev_äbcdef", "tr_dev_abc\u007fdef",
				"tr_dev_abc\u200bdef")) {
			assertThatIllegalArgumentException().isThrownBy(() -> TriggerClient.builder().secretKey(bad))
				.satisfies((ex) -> assertThat(ex.getMessage())
					.startsWith("secretKey must hold only printable ASCII characters")
					.doesNotContain("abc", "def", "bcdef"));
			assertThatIllegalArgumentException().isThrownBy(() -> TriggerClient.builder().accessToken(bad))
				.satisfies((ex) -> assertThat(ex.getMessage())
					.startsWith("accessToken must hold only printable ASCII characters")
					.doesNotContain("abc", "def"));
		}
		assertThatIllegalArgumentException().isThrownBy(() -> TriggerClient.builder().branch("feature\r\nX-Evil: 1"))
			.withMessage("branch must hold only printable ASCII characters but was 'feature\\u000d\\u000aX-Evil: 1'");
		assertThatIllegalArgumentException().isThrownBy(() -> TriggerClient.builder().branch("fünf"))
			.withMessageStartingWith("branch must hold only printable ASCII characters");
		assertThatNoException().isThrownBy(() -> TriggerClient.builder().branch("feature/add-login_2"));
	}

	@Test
	void connectTimeoutsOutsideTheirRangeAreRefused() {
		String range = "connectTimeout must be between 1 ms and 1 hour (PT0.001S to PT1H) but was ";
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TriggerClient.builder().connectTimeout(Duration.ofDays(30)))
			.withMessage(range + "PT720H");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TriggerClient.builder().connectTimeout(Duration.ofNanos(1)))
			.withMessage(range + "PT0.000000001S");
		assertThatIllegalArgumentException().isThrownBy(() -> TriggerClient.builder().connectTimeout(Duration.ZERO))
			.withMessage(range + "PT0S");
		assertThatNoException().isThrownBy(() -> TriggerClient.builder()
			.connectTimeout(Duration.ofMillis(1))
			.connectTimeout(Duration.ofHours(1))
			.connectTimeout(null));
	}

	@Test
	void baseUrlsWithoutSchemeHostOrAValidPortAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> TriggerClient.builder().baseUrl("http://localhost:99999"))
			.withMessage("baseUrl must have a port between 1 and 65535 but had 99999");
		assertThatIllegalArgumentException().isThrownBy(() -> TriggerClient.builder().baseUrl("http://localhost:0"))
			.withMessage("baseUrl must have a port between 1 and 65535 but had 0");
		for (String bad : List.of("localhost:8080", "api.trigger.dev", "//api.trigger.dev", "http://", "http:///api",
				"https://:443", "http://localhost:99999999999")) {
			assertThatIllegalArgumentException().as(bad)
				.isThrownBy(() -> TriggerClient.builder().baseUrl(bad))
				.withMessageStartingWith("baseUrl must be an absolute http(s) URL");
		}
		assertThatNoException().isThrownBy(() -> TriggerClient.builder()
			.baseUrl("http://localhost:65535")
			.baseUrl("https://trigger.example.com:8443/")
			.baseUrl("http://[::1]:3030"));
	}

	/**
	 * A value is rejected before its call is subscribed, and never reaches the server.
	 */
	@Test
	void aRefusedCallSendsNothingEvenWhenSubscribed(WireMockRuntimeInfo wm) {
		TriggerOperations trigger = client(wm);
		assertThatIllegalArgumentException().isThrownBy(() -> {
			Object call = trigger.runs().retrieve("run_1?x=1");
			Flux.from((Publisher<?>) call).blockLast();
		});
	}

	/** A bean whose two instances point at each other. */
	public static final class Node {

		public String name = "n";

		public Node next;

	}

	public record Point(double x) {
	}

}
