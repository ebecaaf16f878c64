package io.trigger4j.client;

import java.time.Instant;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.trigger4j.client.error.BadRequestException;
import io.trigger4j.client.error.NotFoundException;
import io.trigger4j.client.error.ServerException;
import io.trigger4j.client.error.TriggerDecodingException;
import io.trigger4j.client.model.OffsetPage;
import io.trigger4j.client.model.queues.Queue;
import io.trigger4j.client.model.queues.QueueRef;
import io.trigger4j.client.model.queues.QueueType;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

@WireMockTest
class QueuesOperationsTests {

	/**
	 * A task queue with every field, an override in force and fields trigger4j ignores.
	 */
	static final String OVERRIDDEN_TASK_QUEUE = """
			{"id":"queue_9r4e2w1q8t6y5u3i0o7p","name":"send-welcome-email","type":"task","running":3,"queued":12,
			 "paused":false,"concurrencyLimit":5,
			 "concurrency":{"current":5,"base":10,"override":5,"overriddenAt":"2026-08-21T10:15:30.123Z","overriddenBy":null},
			 "concurrencyLimitOverridePercent":12.5,"releaseConcurrencyOnWaitpoint":true,"rateLimit":null,"someNewField":{"a":1}}""";

	/** A custom queue without the optional fields (no limit, no concurrency object). */
	static final String PLAIN_CUSTOM_QUEUE = """
			{"id":"queue_1a2b3c4d5e6f7g8h9i0j1","name":"tenant/acme","type":"custom","running":0,"queued":0,"paused":true}""";

	@Test
	void listPageSendsPageAndPerPageAndReturnsThePagination(WireMockRuntimeInfo wm) {
		stubFor(get(urlPathEqualTo("/api/v1/queues")).willReturn(okJson("{\"data\":[" + OVERRIDDEN_TASK_QUEUE + ","
				+ PLAIN_CUSTOM_QUEUE + "],\"pagination\":{\"currentPage\":2,\"totalPages\":3,\"count\":22},\"x\":1}")));

		OffsetPage<Queue> page = TestClients.client(wm).queues().listPage(2, 10).block();

		assertThat(page.data()).extracting(Queue::name).containsExactly("send-welcome-email", "tenant/acme");
		assertThat(page.currentPage()).isEqualTo(2);
		assertThat(page.totalPages()).isEqualTo(3);
		assertThat(page.count()).isEqualTo(22);
		assertThat(page.hasNext()).isTrue();
		verify(getRequestedFor(urlEqualTo("/api/v1/queues?page=2&perPage=10"))
			.withHeader("Authorization", equalTo("Bearer " + TestClients.SECRET_KEY))
			.withHeader("x-trigger-api-version", equalTo("2025-07-16"))
			.withHeader("Content-Type", absent())
			.withHeader("x-trigger-request-idempotency-key", absent()));
	}

	@Test
	void listPageWithoutPaginationIsTheLastPage(WireMockRuntimeInfo wm) {
		stubFor(get(urlPathEqualTo("/api/v1/queues")).willReturn(okJson("{\"data\":[" + PLAIN_CUSTOM_QUEUE + "]}")));

		OffsetPage<Queue> page = TestClients.client(wm).queues().listPage(1, 25).block();

		assertThat(page.data()).hasSize(1);
		assertThat(page.hasNext()).isFalse();
	}

	@Test
	void listWalksEveryPageUntilTheLast(WireMockRuntimeInfo wm) {
		stubFor(get(urlEqualTo("/api/v1/queues?page=1&perPage=100"))
			.willReturn(okJson(page(1, 3, "queue_a1", "queue_a2"))));
		stubFor(get(urlEqualTo("/api/v1/queues?page=2&perPage=100"))
			.willReturn(okJson(page(2, 3, "queue_a3", "queue_a4"))));
		stubFor(get(urlEqualTo("/api/v1/queues?page=3&perPage=100"))
			.willReturn(okJson(page(3, 3, "queue_a4", "queue_a5"))));

		List<String> ids = TestClients.client(wm).queues().list().map(Queue::id).collectList().block();

		// queue_a4, shifted onto page three by a queue added while walking, is streamed
		// once.
		assertThat(ids).containsExactly("queue_a1", "queue_a2", "queue_a3", "queue_a4", "queue_a5");
		verify(3, getRequestedFor(urlPathEqualTo("/api/v1/queues")));
	}

	@Test
	void listFetchesOnlyThePagesTheSubscriberConsumes(WireMockRuntimeInfo wm) {
		stubFor(get(urlEqualTo("/api/v1/queues?page=1&perPage=100"))
			.willReturn(okJson(page(1, 5, "queue_a1", "queue_a2", "queue_a3"))));
		stubFor(get(urlEqualTo("/api/v1/queues?page=2&perPage=100"))
			.willReturn(okJson(page(2, 5, "queue_a4", "queue_a5", "queue_a6"))));
		QueuesOperations queues = TestClients.client(wm).queues();

		assertThat(queues.list().take(3).map(Queue::id).collectList().block()).containsExactly("queue_a1", "queue_a2",
				"queue_a3");
		verify(1, getRequestedFor(urlPathEqualTo("/api/v1/queues")));
		verify(getRequestedFor(urlEqualTo("/api/v1/queues?page=1&perPage=100")));

		assertThat(queues.list().take(4).map(Queue::id).collectList().block()).endsWith("queue_a4");
		verify(3, getRequestedFor(urlPathEqualTo("/api/v1/queues")));
		verify(1, getRequestedFor(urlEqualTo("/api/v1/queues?page=2&perPage=100")));
	}

	@Test
	void listStopsAtAnEmptyPage(WireMockRuntimeInfo wm) {
		stubFor(get(urlEqualTo("/api/v1/queues?page=1&perPage=100")).willReturn(okJson(page(1, 9))));

		assertThat(TestClients.client(wm).queues().list().collectList().block()).isEmpty();
		verify(1, getRequestedFor(urlPathEqualTo("/api/v1/queues")));
	}

	static String page(int page, int totalPages, String... ids) {
		StringBuilder data = new StringBuilder();
		for (String id : ids) {
			data.append(data.isEmpty() ? "" : ",")
				.append("{\"id\":\"")
				.append(id)
				.append("\",\"name\":\"")
				.append(id)
				.append("\",\"type\":\"custom\",\"running\":0,\"queued\":0,\"paused\":false}");
		}
		return "{\"data\":[" + data + "],\"pagination\":{\"currentPage\":" + page + ",\"totalPages\":" + totalPages
				+ ",\"count\":" + (totalPages * ids.length) + "}}";
	}

	@Test
	void retrieveByIdSendsTypeIdAndDecodesTheConcurrency(WireMockRuntimeInfo wm) {
		stubFor(get(urlPathEqualTo("/api/v1/queues/queue_9r4e2w1q8t6y5u3i0o7p"))
			.willReturn(okJson(OVERRIDDEN_TASK_QUEUE)));

		Queue queue = TestClients.client(wm).queues().retrieve(QueueRef.id("queue_9r4e2w1q8t6y5u3i0o7p")).block();

		assertThat(queue.id()).isEqualTo("queue_9r4e2w1q8t6y5u3i0o7p");
		assertThat(queue.name()).isEqualTo("send-welcome-email");
		assertThat(queue.type()).isEqualTo(QueueType.TASK);
		assertThat(queue.type().known()).isEqualTo(QueueType.Known.TASK);
		assertThat(queue.running()).isEqualTo(3);
		assertThat(queue.queued()).isEqualTo(12);
		assertThat(queue.paused()).isFalse();
		assertThat(queue.concurrencyLimit()).isEqualTo(5);
		assertThat(queue.concurrency().current()).isEqualTo(5);
		assertThat(queue.concurrency().base()).isEqualTo(10);
		assertThat(queue.concurrency().override()).isEqualTo(5);
		assertThat(queue.concurrency().overriddenAt()).isEqualTo(Instant.parse("2026-08-21T10:15:30.123Z"));
		assertThat(queue.concurrency().overriddenBy()).isNull();
		assertThat(queue.concurrency().isOverridden()).isTrue();
		assertThat(queue.concurrencyLimitOverridePercent()).isEqualTo(12.5);
		assertThat(queue.ref()).isEqualTo(QueueRef.id("queue_9r4e2w1q8t6y5u3i0o7p"));
		verify(getRequestedFor(urlEqualTo("/api/v1/queues/queue_9r4e2w1q8t6y5u3i0o7p?type=id"))
			.withHeader("Authorization", equalTo("Bearer " + TestClients.SECRET_KEY))
			.withHeader("Content-Type", absent())
			.withHeader("x-trigger-request-idempotency-key", absent()));
	}

	@Test
	void retrieveATaskQueueSendsTypeTaskAndDecodesWithoutTheOptionalFields(WireMockRuntimeInfo wm) {
		stubFor(get(urlPathEqualTo("/api/v1/queues/send-welcome-email")).willReturn(okJson("""
				{"id":"queue_1a2b3c4d5e6f7g8h9i0j1","name":"send-welcome-email","type":"task","running":1,"queued":0,
				 "paused":false,"concurrencyLimit":null}""")));

		Queue queue = TestClients.client(wm).queues().retrieve(QueueRef.task("send-welcome-email")).block();

		assertThat(queue.concurrencyLimit()).isNull();
		assertThat(queue.concurrency()).isNull();
		assertThat(queue.concurrencyLimitOverridePercent()).isNull();
		verify(getRequestedFor(urlEqualTo("/api/v1/queues/send-welcome-email?type=task")));
	}

	@Test
	void aSlashInACustomQueueNameIsSentAsPercent252F(WireMockRuntimeInfo wm) {
		stubFor(get(urlPathEqualTo("/api/v1/queues/tenant%252Facme")).willReturn(okJson(PLAIN_CUSTOM_QUEUE)));

		Queue queue = TestClients.client(wm).queues().retrieve(QueueRef.custom("tenant/acme")).block();

		assertThat(queue.name()).isEqualTo("tenant/acme");
		assertThat(queue.type()).isEqualTo(QueueType.CUSTOM);
		assertThat(queue.paused()).isTrue();
		verify(getRequestedFor(urlEqualTo("/api/v1/queues/tenant%252Facme?type=custom")));
		// The raw request line, as it went over the wire.
		assertThat(wm.getWireMock().find(anyRequestedFor(anyUrl()))).singleElement()
			.satisfies(
					(request) -> assertThat(request.getUrl()).isEqualTo("/api/v1/queues/tenant%252Facme?type=custom"));
	}

	@Test
	void aSlashInATaskIdentifierIsSentAsPercent252FOnPostsToo(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/queues/emails%252Fwelcome/pause").willReturn(okJson(PLAIN_CUSTOM_QUEUE)));

		TestClients.client(wm).queues().pause(QueueRef.task("emails/welcome")).block();

		verify(postRequestedFor(urlEqualTo("/api/v1/queues/emails%252Fwelcome/pause"))
			.withRequestBody(equalToJson("{\"type\":\"task\",\"action\":\"pause\"}")));
	}

	@Test
	void pauseSendsThePauseAction(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/queues/send-welcome-email/pause").willReturn(okJson("""
				{"id":"queue_1a2b3c4d5e6f7g8h9i0j1","name":"send-welcome-email","type":"task","running":0,"queued":4,
				 "paused":true,"someNewField":1}""")));

		Queue queue = TestClients.client(wm).queues().pause(QueueRef.task("send-welcome-email")).block();

		assertThat(queue.paused()).isTrue();
		assertThat(queue.concurrency()).isNull();
		verify(postRequestedFor(urlEqualTo("/api/v1/queues/send-welcome-email/pause"))
			.withHeader("Authorization", equalTo("Bearer " + TestClients.SECRET_KEY))
			.withHeader("Content-Type", equalTo("application/json"))
			.withHeader("x-trigger-request-idempotency-key", matching("[0-9a-f-]{36}"))
			.withRequestBody(equalToJson("{\"type\":\"task\",\"action\":\"pause\"}")));
	}

	@Test
	void resumeSendsTheResumeAction(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/queues/queue_9r4e2w1q8t6y5u3i0o7p/pause").willReturn(okJson(OVERRIDDEN_TASK_QUEUE)));

		Queue queue = TestClients.client(wm).queues().resume(QueueRef.id("queue_9r4e2w1q8t6y5u3i0o7p")).block();

		assertThat(queue.paused()).isFalse();
		verify(postRequestedFor(urlEqualTo("/api/v1/queues/queue_9r4e2w1q8t6y5u3i0o7p/pause"))
			.withRequestBody(equalToJson("{\"type\":\"id\",\"action\":\"resume\"}")));
	}

	@Test
	void overrideConcurrencyLimitSendsOnlyTheLimit(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/queues/emails/concurrency/override").willReturn(okJson(OVERRIDDEN_TASK_QUEUE)));

		Queue queue = TestClients.client(wm).queues().overrideConcurrencyLimit(QueueRef.custom("emails"), 2).block();

		assertThat(queue.concurrency().isOverridden()).isTrue();
		verify(postRequestedFor(urlEqualTo("/api/v1/queues/emails/concurrency/override"))
			.withHeader("Content-Type", equalTo("application/json"))
			.withRequestBody(equalToJson("{\"type\":\"custom\",\"concurrencyLimit\":2}")));
	}

	@Test
	void overrideToZeroIsAllowed(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/queues/emails/concurrency/override").willReturn(okJson(PLAIN_CUSTOM_QUEUE)));

		TestClients.client(wm).queues().overrideConcurrencyLimit(QueueRef.custom("emails"), 0).block();

		verify(postRequestedFor(urlEqualTo("/api/v1/queues/emails/concurrency/override"))
			.withRequestBody(equalToJson("{\"type\":\"custom\",\"concurrencyLimit\":0}")));
	}

	@Test
	void overrideConcurrencyPercentSendsOnlyThePercent(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/queues/queue_9r4e2w1q8t6y5u3i0o7p/concurrency/override")
			.willReturn(okJson(OVERRIDDEN_TASK_QUEUE)));

		TestClients.client(wm)
			.queues()
			.overrideConcurrencyPercent(QueueRef.id("queue_9r4e2w1q8t6y5u3i0o7p"), 12.5)
			.block();

		verify(postRequestedFor(urlEqualTo("/api/v1/queues/queue_9r4e2w1q8t6y5u3i0o7p/concurrency/override"))
			.withRequestBody(equalToJson("{\"type\":\"id\",\"percent\":12.5}")));
	}

	@Test
	void resetSendsTheTypeAndReturnsTheQueue(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/queues/send-welcome-email/concurrency/reset").willReturn(
				okJson("""
						{"id":"queue_1a2b3c4d5e6f7g8h9i0j1","name":"send-welcome-email","type":"task","running":0,"queued":0,
						 "paused":false,"concurrencyLimit":10,
						 "concurrency":{"current":10,"base":10,"override":null,"overriddenAt":null,"overriddenBy":null},"x":[]}""")));

		Queue queue = TestClients.client(wm)
			.queues()
			.resetConcurrencyLimit(QueueRef.task("send-welcome-email"))
			.block();

		assertThat(queue.concurrency().isOverridden()).isFalse();
		assertThat(queue.concurrency().override()).isNull();
		verify(postRequestedFor(urlEqualTo("/api/v1/queues/send-welcome-email/concurrency/reset"))
			.withHeader("Content-Type", equalTo("application/json"))
			.withRequestBody(equalToJson("{\"type\":\"task\"}")));
	}

	@Test
	void resetIsNotRetried(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/queues/emails/concurrency/reset")
			.willReturn(aResponse().withStatus(503).withBody("{\"error\":\"Something went wrong\"}")));

		assertThatExceptionOfType(ServerException.class)
			.isThrownBy(() -> TestClients.client(wm).queues().resetConcurrencyLimit(QueueRef.custom("emails")).block());
		verify(1, postRequestedFor(urlEqualTo("/api/v1/queues/emails/concurrency/reset")));
	}

	@Test
	void pauseIsRetried(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/queues/emails/pause")
			.willReturn(aResponse().withStatus(503).withBody("{\"error\":\"Something went wrong\"}")));

		assertThatExceptionOfType(ServerException.class)
			.isThrownBy(() -> TestClients.client(wm).queues().pause(QueueRef.custom("emails")).block());
		assertThat(wm.getWireMock().find(postRequestedFor(urlEqualTo("/api/v1/queues/emails/pause"))))
			.hasSizeGreaterThan(1);
	}

	@Test
	void theServersMachineCodesMapToErrors(WireMockRuntimeInfo wm) {
		stubFor(get(urlPathEqualTo("/api/v1/queues/nope"))
			.willReturn(aResponse().withStatus(404).withBody("{\"error\":\"queue-not-found\"}")));
		stubFor(get(urlPathEqualTo("/api/v1/queues"))
			.willReturn(aResponse().withStatus(400).withBody("{\"error\":\"engine-version\"}")));
		QueuesOperations queues = TestClients.client(wm).queues();

		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> queues.retrieve(QueueRef.custom("nope")).block())
			.satisfies((ex) -> assertThat(ex.serverMessage()).isEqualTo("queue-not-found"));
		assertThatExceptionOfType(BadRequestException.class).isThrownBy(() -> queues.listPage(1, 25).block())
			.satisfies((ex) -> assertThat(ex.serverMessage()).isEqualTo("engine-version"));
	}

	@Test
	void aQueueWithoutIdIsADecodingError(WireMockRuntimeInfo wm) {
		stubFor(get(urlPathEqualTo("/api/v1/queues/emails")).willReturn(
				okJson("{\"name\":\"emails\",\"type\":\"custom\",\"running\":0,\"queued\":0,\"paused\":false}")));

		assertThatExceptionOfType(TriggerDecodingException.class)
			.isThrownBy(() -> TestClients.client(wm).queues().retrieve(QueueRef.custom("emails")).block())
			.withMessageStartingWith("Could not decode the response of queues.retrieve as Queue")
			.withMessageContaining("'id'");
	}

	@Test
	void anUnknownQueueTypeKeepsItsValue() {
		Queue queue = TestClients.read("{\"id\":\"queue_1\",\"name\":\"q\",\"type\":\"shared\"}", Queue.class);

		assertThat(queue.type().value()).isEqualTo("shared");
		assertThat(queue.type().known()).isEqualTo(QueueType.Known.UNKNOWN);
		assertThat(TestClients.read("{\"id\":\"queue_1\",\"name\":\"q\"}", Queue.class).type().known())
			.isEqualTo(QueueType.Known.UNKNOWN);
	}

	@Test
	void queueRefsAreValuesNamingTheirKind() {
		assertThat(QueueRef.task("a")).isEqualTo(QueueRef.task("a"))
			.hasSameHashCodeAs(QueueRef.task("a"))
			.isNotEqualTo(QueueRef.custom("a"))
			.hasToString("task:a");
		assertThat(QueueRef.custom("a/b").kind().value()).isEqualTo("custom");
		assertThat(QueueRef.id("queue_1").kind()).isEqualTo(QueueRef.Kind.ID);
		assertThat(QueueRef.custom("x".repeat(128)).value()).hasSize(128);
		assertThat(QueueRef.task("t".repeat(123)).value()).hasSize(123);
		assertThat(QueueRef.task("task/" + "t".repeat(123)).value()).hasSize(128);
		assertThat(DefaultQueuesOperations.pathValue(QueueRef.custom("a/b/c"))).isEqualTo("a%2Fb%2Fc");
	}

	@Test
	void queueNamesTheServerWouldChangeAreRejected(WireMockRuntimeInfo wm) {
		assertThatIllegalArgumentException().isThrownBy(() -> QueueRef.custom("my queue"))
			.withMessage("name must contain only letters, digits, '_', '-' and '/' (the server silently drops "
					+ "any other character from a queue name) but was 'my queue'");
		assertThatIllegalArgumentException().isThrownBy(() -> QueueRef.custom("emails.eu"))
			.withMessageStartingWith("name must contain only letters, digits, '_', '-' and '/'");
		assertThatIllegalArgumentException().isThrownBy(() -> QueueRef.custom("x".repeat(129)))
			.withMessage("name must be at most 128 characters but was 129");
		assertThatIllegalArgumentException().isThrownBy(() -> QueueRef.task("send:email"))
			.withMessageStartingWith("taskIdentifier must contain only letters, digits, '_', '-' and '/'");
		assertThatIllegalArgumentException().isThrownBy(() -> QueueRef.task("t".repeat(124)))
			.withMessage("taskIdentifier must have 1 to 123 characters (its queue is task/<taskIdentifier>, "
					+ "at most 128 characters) but had 124");
		assertThatIllegalArgumentException().isThrownBy(() -> QueueRef.task("task/"))
			.withMessageStartingWith("taskIdentifier must have 1 to 123 characters");
		assertThatIllegalArgumentException().isThrownBy(() -> QueueRef.custom(" "))
			.withMessage("name must not be blank");
		assertThatNullPointerException().isThrownBy(() -> QueueRef.task(null))
			.withMessage("taskIdentifier must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> QueueRef.id("send-welcome-email"))
			.withMessage("queueId must be a queue id (queue_ followed by letters and digits) but was "
					+ "'send-welcome-email'; use QueueRef.task(...) or QueueRef.custom(...) to name a queue");
		assertThatIllegalArgumentException().isThrownBy(() -> QueueRef.id("queue_1/2"))
			.withMessageStartingWith("queueId must be a queue id");
		verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void badArgumentsFailBeforeSending(WireMockRuntimeInfo wm) {
		QueuesOperations queues = TestClients.client(wm).queues();
		QueueRef emails = QueueRef.custom("emails");

		assertThatNullPointerException().isThrownBy(() -> queues.retrieve(null)).withMessage("queue must not be null");
		assertThatNullPointerException().isThrownBy(() -> queues.pause(null)).withMessage("queue must not be null");
		assertThatNullPointerException().isThrownBy(() -> queues.resume(null)).withMessage("queue must not be null");
		assertThatNullPointerException().isThrownBy(() -> queues.resetConcurrencyLimit(null))
			.withMessage("queue must not be null");
		assertThatNullPointerException().isThrownBy(() -> queues.overrideConcurrencyLimit(null, 1))
			.withMessage("queue must not be null");
		assertThatNullPointerException().isThrownBy(() -> queues.overrideConcurrencyPercent(null, 1))
			.withMessage("queue must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> queues.overrideConcurrencyLimit(emails, -1))
			.withMessage("limit must be between 0 and 100000 but was -1");
		assertThatIllegalArgumentException().isThrownBy(() -> queues.overrideConcurrencyLimit(emails, 100_001))
			.withMessage("limit must be between 0 and 100000 but was 100001");
		assertThatIllegalArgumentException().isThrownBy(() -> queues.overrideConcurrencyPercent(emails, 0))
			.withMessage("percent must be above 0 and at most 100 but was 0.0");
		assertThatIllegalArgumentException().isThrownBy(() -> queues.overrideConcurrencyPercent(emails, 100.5))
			.withMessage("percent must be above 0 and at most 100 but was 100.5");
		assertThatIllegalArgumentException().isThrownBy(() -> queues.overrideConcurrencyPercent(emails, Double.NaN))
			.withMessage("percent must be above 0 and at most 100 but was NaN");
		assertThatIllegalArgumentException().isThrownBy(() -> queues.listPage(0, 25))
			.withMessage("page must be at least 1 but was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> queues.listPage(1, 0))
			.withMessage("perPage must be between 1 and 100 but was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> queues.listPage(1, 101))
			.withMessage("perPage must be between 1 and 100 but was 101");
		verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void theBoundsOfTheOverrideAreAccepted(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/queues/emails/concurrency/override").willReturn(okJson(PLAIN_CUSTOM_QUEUE)));
		QueuesOperations queues = TestClients.client(wm).queues();

		queues.overrideConcurrencyLimit(QueueRef.custom("emails"), 100_000).block();
		queues.overrideConcurrencyPercent(QueueRef.custom("emails"), 100).block();

		verify(postRequestedFor(urlEqualTo("/api/v1/queues/emails/concurrency/override"))
			.withRequestBody(equalToJson("{\"type\":\"custom\",\"concurrencyLimit\":100000}")));
		verify(postRequestedFor(urlEqualTo("/api/v1/queues/emails/concurrency/override"))
			.withRequestBody(equalToJson("{\"type\":\"custom\",\"percent\":100.0}")));
	}

}
