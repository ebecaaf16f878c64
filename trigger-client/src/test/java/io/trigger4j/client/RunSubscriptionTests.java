package io.trigger4j.client;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.trigger4j.client.error.ConflictException;
import io.trigger4j.client.error.NotFoundException;
import io.trigger4j.client.error.PermissionDeniedException;
import io.trigger4j.client.model.runs.Run;
import io.trigger4j.client.model.runs.RunStatus;
import io.trigger4j.client.model.runs.RunSubscriptionOptions;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Following runs over the realtime shape protocol: snapshot, long-polls, refetches,
 * conflicts, errors, the polling fallback, the completion grace, demand and cancellation;
 * waits in virtual time on a scripted exchange.
 */
@WireMockTest
class RunSubscriptionTests {

	static final String KEY = "\"public\".\"TaskRun\"/\"cm1\"";

	static final Map<String, Object> UP_TO_DATE = Map.of("headers", Map.of("control", "up-to-date"));

	static final Map<String, Object> MUST_REFETCH = Map.of("headers", Map.of("control", "must-refetch"));

	static final String SCHEMA = json(Map.ofEntries(Map.entry("id", Map.of("type", "text")),
			Map.entry("friendlyId", Map.of("type", "text")), Map.entry("status", Map.of("type", "text")),
			Map.entry("createdAt", Map.of("type", "timestamp")), Map.entry("completedAt", Map.of("type", "timestamp")),
			Map.entry("isTest", Map.of("type", "bool")), Map.entry("usageDurationMs", Map.of("type", "int4")),
			Map.entry("costInCents", Map.of("type", "float8")), Map.entry("output", Map.of("type", "text")),
			Map.entry("outputType", Map.of("type", "text")), Map.entry("runTags", Map.of("type", "text", "dims", 1)),
			Map.entry("error", Map.of("type", "jsonb"))));

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	private final ScriptedExchange exchange = new ScriptedExchange();

	static String json(Object value) {
		return WireJson.WIRE.writeValueAsString(value);
	}

	/** A change message for run_1 with the given columns (text values, as the wire). */
	static Map<String, Object> change(String operation, String... columns) {
		Map<String, String> value = new LinkedHashMap<>();
		for (int i = 0; i < columns.length; i += 2) {
			value.put(columns[i], columns[i + 1]);
		}
		return Map.of("key", KEY, "value", value, "headers", Map.of("operation", operation));
	}

	static Map<String, Object> snapshotRow(String status) {
		return change("insert", "id", "cm1", "friendlyId", "run_1", "taskIdentifier", "hello", "status", status,
				"createdAt", "2026-01-02T03:04:05.678", "isTest", "f", "usageDurationMs", "120", "costInCents", "0.5",
				"runTags", "{\"vip\",\"a \\\"quoted\\\" tag\"}", "outputType", "application/json");
	}

	static Map<String, String> shapeHeaders(String handle, String offset, String cursor) {
		return Map.of("Content-Type", "application/json", "electric-handle", handle, "electric-offset", offset,
				"electric-cursor", cursor, "electric-schema", SCHEMA);
	}

	private ScriptedExchange answer(String handle, String offset, Object... messages) {
		return this.exchange.then(200, shapeHeaders(handle, offset, "c-" + offset), json(List.of(messages)));
	}

	private StepVerifier.FirstStep<Run> follow(Flux<Run> feed) {
		return StepVerifier.withVirtualTime(() -> feed, () -> this.time, Long.MAX_VALUE);
	}

	private RunsOperations runs() {
		return this.exchange.client(this.time).runs();
	}

	@Test
	void followsARunFromItsSnapshotToItsEndAndWaitsTheGrace() {
		answer("h1", "100_0", snapshotRow("EXECUTING"), UP_TO_DATE);
		answer("h1", "200_0", change("update", "status", "COMPLETED_SUCCESSFULLY", "completedAt",
				"2026-01-02T03:05:00.000", "output", "{\"greeting\":\"hi\"}"), UP_TO_DATE);
		this.exchange.thenHang();

		follow(runs().subscribeToRun("run_1")).assertNext((run) -> {
			assertThat(run.id()).isEqualTo("run_1");
			assertThat(run.status()).isEqualTo(RunStatus.EXECUTING);
			assertThat(run.createdAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05.678Z"));
			assertThat(run.tags()).containsExactly("vip", "a \"quoted\" tag");
			assertThat(run.durationMs()).isEqualTo(120L);
			assertThat(run.costInCents()).isEqualTo(0.5);
			assertThat(run.isTest()).isFalse();
		}).assertNext((run) -> {
			// Merged: the update's columns over the snapshot's.
			assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
			assertThat(run.taskIdentifier()).isEqualTo("hello");
			assertThat(run.tags()).containsExactly("vip", "a \"quoted\" tag");
			assertThat(run.finishedAt()).isEqualTo(Instant.parse("2026-01-02T03:05:00Z"));
			assertThat(run.output(Map.class)).isEqualTo(Map.of("greeting", "hi"));
		}).expectNoEvent(Duration.ofMillis(4_999)).thenAwait(Duration.ofMillis(1)).verifyComplete();

		assertThat(this.exchange.requests()).hasSize(3);
		assertThat(this.exchange.requests().get(0).url().getPath()).isEqualTo("/realtime/v1/runs/run_1");
		assertThat(this.exchange.query(0)).isEqualTo("offset=-1&log=full");
		assertThat(this.exchange.query(1)).isEqualTo("offset=100_0&handle=h1&live=true&cursor=c-100_0&log=full");
		assertThat(this.exchange.query(2)).isEqualTo("offset=200_0&handle=h1&live=true&cursor=c-200_0&log=full");
		assertThat(this.exchange.requests().get(0).headers().getFirst("x-trigger-electric-version"))
			.isEqualTo("1.0.0-beta.1");
		assertThat(this.exchange.requests().get(0).headers().getFirst("Authorization"))
			.isEqualTo("Bearer " + TestClients.SECRET_KEY);
		// The long-poll in flight when the grace ended was cancelled.
		assertThat(this.exchange.cancelled()).isEqualTo(1);
	}

	@Test
	void outputArrivingDuringTheGraceIsEmitted() {
		answer("h1", "100_0", change("insert", "id", "cm1", "friendlyId", "run_1", "status", "COMPLETED_SUCCESSFULLY",
				"completedAt", "2026-01-02T03:05:00.000"), UP_TO_DATE);
		answer("h1", "300_0",
				change("update", "output", "{\"json\":{\"n\":1},\"meta\":{}}", "outputType", "application/super+json"),
				UP_TO_DATE);
		this.exchange.thenHang();

		follow(runs().subscribeToRun("run_1",
				RunSubscriptionOptions.defaults().withCompletionGrace(Duration.ofSeconds(10))))
			.assertNext((run) -> assertThat(run.output()).isNull())
			.assertNext((run) -> assertThat(run.output(Map.class)).isEqualTo(Map.of("n", 1)))
			.expectNoEvent(Duration.ofMillis(9_999))
			.thenAwait(Duration.ofMillis(1))
			.verifyComplete();
	}

	@Test
	void mustRefetchStartsOverWithoutAHandle() {
		answer("h1", "100_0", snapshotRow("EXECUTING"), UP_TO_DATE);
		answer("h1", "100_0", MUST_REFETCH);
		answer("h2", "300_0", snapshotRow("COMPLETED_SUCCESSFULLY"), UP_TO_DATE);

		follow(runs().subscribeToRun("run_1", RunSubscriptionOptions.defaults().withCompletionGrace(Duration.ZERO)))
			.assertNext((run) -> assertThat(run.status()).isEqualTo(RunStatus.EXECUTING))
			.assertNext((run) -> assertThat(run.status()).isEqualTo(RunStatus.COMPLETED))
			.verifyComplete();
		assertThat(this.exchange.query(2)).isEqualTo("offset=-1&log=full");
	}

	@Test
	void aConflictRestartsWithTheNewHandle() {
		answer("h1", "100_0", snapshotRow("EXECUTING"), UP_TO_DATE);
		this.exchange.then(409, Map.of("Content-Type", "application/json", "electric-handle", "h2"),
				json(List.of(MUST_REFETCH)));
		answer("h2", "300_0", snapshotRow("CANCELED"), UP_TO_DATE);

		follow(runs().subscribeToRun("run_1", RunSubscriptionOptions.defaults().withCompletionGrace(Duration.ZERO)))
			.assertNext((run) -> assertThat(run.status()).isEqualTo(RunStatus.EXECUTING))
			.assertNext((run) -> assertThat(run.status()).isEqualTo(RunStatus.CANCELED))
			.verifyComplete();
		assertThat(this.exchange.query(2)).isEqualTo("offset=-1&handle=h2&log=full");
	}

	@Test
	void restartsAnsweredAgainAndAgainDoNotMakeTheFeedSpin() {
		answer("h1", "100_0", snapshotRow("EXECUTING"), UP_TO_DATE);
		// Every later request answered at once with a 409, then with must-refetch.
		this.exchange.then(409, Map.of("Content-Type", "application/json", "electric-handle", "h2"),
				json(List.of(MUST_REFETCH)));
		answer("h2", "200_0", MUST_REFETCH);

		// Without a pause the feed would send requests for ever without returning.
		assertTimeoutPreemptively(Duration.ofSeconds(30),
				() -> follow(runs().subscribeToRun("run_1")).expectNextCount(1)
					.then(() -> assertThat(this.exchange.requests()).hasSize(3))
					.expectNoEvent(Duration.ofSeconds(10))
					// The first restart at once, then one a second.
					.then(() -> assertThat(this.exchange.requests()).hasSize(13))
					.thenCancel()
					.verify());
	}

	@Test
	void aServerAnsweringEveryRequestWithAConflictEndsTheFeed() {
		answer("h1", "100_0", snapshotRow("EXECUTING"), UP_TO_DATE);
		// Every later request answered with a 409.
		this.exchange.then(409, Map.of("Content-Type", "application/json", "electric-handle", "h2"),
				json(List.of(MUST_REFETCH)));

		assertTimeoutPreemptively(Duration.ofSeconds(30), () -> follow(runs().subscribeToRun("run_1"))
			.expectNextCount(1)
			.thenAwait(Duration.ofMinutes(10))
			.expectErrorSatisfies(
					(ex) -> assertThat(ex).isInstanceOf(ConflictException.class).hasMessageContaining("HTTP 409"))
			.verify());
		// the first answer, 10 restarts, then the 11th conflict and its 4 retries
		assertThat(this.exchange.requests()).hasSize(1 + RunShapeStream.MAX_RESTARTS_IN_A_ROW + 5);
	}

	@Test
	void rateLimitsAndServerErrorsAreRetriedWithTheClientsBackOff() {
		this.exchange.thenJson(429, "{\"error\":\"Too many concurrent requests\"}");
		this.exchange.thenJson(503, "{\"error\":\"busy\"}");
		answer("h1", "100_0", snapshotRow("TIMED_OUT"), UP_TO_DATE);

		follow(runs().subscribeToRun("run_1", RunSubscriptionOptions.defaults().withCompletionGrace(Duration.ZERO)))
			.thenAwait(Duration.ofMillis(10))
			.assertNext((run) -> assertThat(run.status().value()).isEqualTo("TIMED_OUT"))
			.verifyComplete();
		assertThat(this.exchange.requests()).hasSize(3);
	}

	@Test
	void otherClientErrorsEndTheFeedWithTheirException() {
		this.exchange.thenJson(403, "{\"error\":\"Unauthorized\"}");

		follow(runs().subscribeToRun("run_1"))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(PermissionDeniedException.class)
				.hasMessageContaining("runs.subscribeToRun failed with HTTP 403"))
			.verify();
		assertThat(this.exchange.requests()).hasSize(1);
	}

	@Test
	void aServerWithoutTheRealtimeRoutesIsPolled() {
		this.exchange.thenJson(404, "{\"error\":\"Not found\"}");
		String run = "{\"id\":\"run_1\",\"status\":\"%s\",\"taskIdentifier\":\"hello\"}";
		this.exchange.thenJson(200, run.formatted("EXECUTING"));
		this.exchange.thenJson(200, run.formatted("EXECUTING"));
		this.exchange.thenJson(200, run.formatted("EXPIRED"));

		follow(runs().subscribeToRun("run_1",
				RunSubscriptionOptions.defaults().withPollInterval(Duration.ofSeconds(2))))
			.assertNext((polled) -> assertThat(polled.status()).isEqualTo(RunStatus.EXECUTING))
			.expectNoEvent(Duration.ofMillis(3_999))
			.thenAwait(Duration.ofMillis(1))
			// EXPIRED is final although the server does not call it completed.
			.assertNext((polled) -> assertThat(polled.status().value()).isEqualTo("EXPIRED"))
			.verifyComplete();
		assertThat(this.exchange.requests()).extracting((request) -> request.url().getPath())
			.containsExactly("/realtime/v1/runs/run_1", "/api/v3/runs/run_1", "/api/v3/runs/run_1",
					"/api/v3/runs/run_1");
	}

	@Test
	void aMissingRunOnAServerWithoutRealtimeFailsWithNotFound() {
		this.exchange.thenJson(404, "{\"error\":\"Not found\"}");

		follow(runs().subscribeToRun("run_1"))
			.expectErrorSatisfies(
					(ex) -> assertThat(ex).isInstanceOf(NotFoundException.class).hasMessageContaining("runs.retrieve"))
			.verify();
	}

	@Test
	void requestsAreSentOnlyWhenTheSubscriberAsks() {
		answer("h1", "100_0", snapshotRow("EXECUTING"), UP_TO_DATE);
		answer("h1", "200_0", change("update", "status", "WAITING_TO_RESUME"), UP_TO_DATE);
		this.exchange.thenHang();

		StepVerifier.withVirtualTime(() -> runs().subscribeToRun("run_1"), () -> this.time, 0)
			.expectSubscription()
			.then(() -> assertThat(this.exchange.requests()).isEmpty())
			.thenRequest(1)
			.assertNext((run) -> assertThat(run.status()).isEqualTo(RunStatus.EXECUTING))
			.then(() -> assertThat(this.exchange.requests()).hasSize(1))
			.thenAwait(Duration.ofMinutes(1))
			.then(() -> assertThat(this.exchange.requests()).hasSize(1))
			.thenRequest(1)
			.assertNext((run) -> assertThat(run.status().value()).isEqualTo("WAITING"))
			.thenCancel()
			.verify();
	}

	@Test
	void cancellingStopsTheLongPollAtOnce() {
		answer("h1", "100_0", snapshotRow("EXECUTING"), UP_TO_DATE);
		this.exchange.thenHang();

		follow(runs().subscribeToRun("run_1")).expectNextCount(1)
			.then(() -> assertThat(this.exchange.requests()).hasSize(2))
			.thenCancel()
			.verify();
		this.time.advanceTimeBy(Duration.ofMinutes(10));
		assertThat(this.exchange.cancelled()).isEqualTo(1);
		assertThat(this.exchange.requests()).hasSize(2);
	}

	@Test
	void aLongPollWithoutAnswerIsCutAndSentAgain() {
		answer("h1", "100_0", snapshotRow("EXECUTING"), UP_TO_DATE);
		this.exchange.thenHang();

		follow(runs().subscribeToRun("run_1")).expectNextCount(1)
			.expectNoEvent(RunShapeStream.LIVE_TIMEOUT.minusMillis(1))
			.then(() -> assertThat(this.exchange.requests()).hasSize(2))
			.thenAwait(Duration.ofMillis(1))
			.then(() -> assertThat(this.exchange.requests()).hasSize(3))
			.expectNoEvent(RunShapeStream.LIVE_TIMEOUT.multipliedBy(5))
			// Cut and sent again for ever, never ending the feed.
			.then(() -> assertThat(this.exchange.requests()).hasSize(8))
			.thenCancel()
			.verify();
		assertThat(this.exchange.query(2)).isEqualTo(this.exchange.query(1));
	}

	@Test
	void longPollsAnsweredAtOnceWithNothingNewDoNotMakeTheFeedSpin() {
		answer("h1", "100_0", snapshotRow("EXECUTING"), UP_TO_DATE);
		// Every live request answered at once with a bare up-to-date.
		this.exchange.thenJson(200, json(List.of(UP_TO_DATE)));

		follow(runs().subscribeToRun("run_1")).expectNextCount(1)
			.then(() -> assertThat(this.exchange.requests()).hasSize(2))
			.expectNoEvent(Duration.ofMillis(999))
			.then(() -> assertThat(this.exchange.requests()).hasSize(2))
			.thenAwait(Duration.ofMillis(1))
			.then(() -> assertThat(this.exchange.requests()).hasSize(3))
			.expectNoEvent(Duration.ofSeconds(10))
			// One long-poll a second, not thousands.
			.then(() -> assertThat(this.exchange.requests()).hasSize(13))
			.thenCancel()
			.verify();
	}

	@Test
	void tagFeedsSendTheTagsAndLookbackAndNeverCompleteOnTheirOwn() {
		Map<String, Object> second = Map.of("key", "\"public\".\"TaskRun\"/\"cm2\"", "value",
				Map.of("id", "cm2", "friendlyId", "run_2", "status", "COMPLETED_SUCCESSFULLY"), "headers",
				Map.of("operation", "insert"));
		answer("runs_1", "100_0", snapshotRow("PENDING"), second, UP_TO_DATE);
		this.exchange.thenJson(200, json(List.of(UP_TO_DATE)));

		follow(runs().subscribeToRunsWithTag(List.of("vip", "beta"), Duration.ofHours(1)))
			.assertNext((run) -> assertThat(run.status()).isEqualTo(RunStatus.QUEUED))
			.assertNext((run) -> assertThat(run.id()).isEqualTo("run_2"))
			.expectNoEvent(Duration.ofMinutes(10))
			.thenCancel()
			.verify();
		assertThat(this.exchange.requests().get(0).url().getPath()).isEqualTo("/realtime/v1/runs");
		assertThat(this.exchange.query(0)).isEqualTo("tags=vip%2Cbeta&createdAt=1h&offset=-1&log=full");
	}

	@Test
	void batchFeedsFollowTheBatchRoute() {
		answer("b1", "100_0", snapshotRow("COMPLETED_SUCCESSFULLY"), UP_TO_DATE);
		this.exchange.thenJson(200, json(List.of(UP_TO_DATE)));

		follow(runs().subscribeToBatch("batch_1"))
			.assertNext((run) -> assertThat(run.status()).isEqualTo(RunStatus.COMPLETED))
			.expectNoEvent(Duration.ofMinutes(5))
			.thenCancel()
			.verify();
		assertThat(this.exchange.requests().get(0).url().getPath()).isEqualTo("/realtime/v1/batches/batch_1");
	}

	@Test
	void argumentsAreCheckedBeforeAnyRequest() {
		RunsOperations runs = runs();
		assertThatIllegalArgumentException().isThrownBy(() -> runs.subscribeToRun(" ")).withMessageContaining("runId");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> runs.subscribeToRunsWithTag(List.of("a,b"), Duration.ofHours(1)))
			.withMessageContaining("tags[0] must not contain");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> runs.subscribeToRunsWithTag(List.of(), Duration.ofHours(1)))
			.withMessage("tags must name at least one tag");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> runs.subscribeToRunsWithTag(List.of("a"), Duration.ofMillis(1500)))
			.withMessageContaining("lookback must be a positive whole number of seconds");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RunSubscriptionOptions.defaults().withPollInterval(Duration.ofMillis(10)))
			.withMessageContaining("pollInterval must be between 100 ms");
		assertThat(this.exchange.requests()).isEmpty();
	}

	@Test
	void sendsTheRequestTheServerExpectsOverHttp(WireMockRuntimeInfo wm) {
		stubFor(get(urlPathEqualTo("/realtime/v1/runs/run_1")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withHeader("electric-handle", "h1")
			.withHeader("electric-offset", "100_0")
			.withHeader("electric-schema", SCHEMA)
			.withBody(json(List.of(snapshotRow("COMPLETED_SUCCESSFULLY"), UP_TO_DATE)))));

		List<Run> runs = TestClients.client(wm)
			.runs()
			.subscribeToRun("run_1", RunSubscriptionOptions.defaults().withCompletionGrace(Duration.ZERO))
			.collectList()
			.block(Duration.ofSeconds(10));

		assertThat(runs).extracting(Run::status).containsExactly(RunStatus.COMPLETED);
		verify(1,
				getRequestedFor(urlPathEqualTo("/realtime/v1/runs/run_1")).withQueryParam("offset", equalTo("-1"))
					.withQueryParam("log", equalTo("full"))
					.withQueryParam("live", absent())
					.withHeader("x-trigger-electric-version", equalTo("1.0.0-beta.1"))
					.withHeader("x-trigger-api-version", equalTo("2025-07-16"))
					.withHeader("Authorization", equalTo("Bearer " + TestClients.SECRET_KEY)));
	}

}
