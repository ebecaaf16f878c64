package io.trigger4j.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.trigger4j.client.error.NotFoundException;
import io.trigger4j.client.model.batches.BatchItem;
import io.trigger4j.client.model.batches.BatchOptions;
import io.trigger4j.client.model.tasks.IdempotencyKey;
import io.trigger4j.client.model.tasks.TriggerOptions;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Idempotency keys as the official TypeScript SDK 4.8.3 makes them outside a task. The
 * vectors were computed by the SDK itself ({@code idempotencyKeys.create},
 * {@code makeIdempotencyKey}, {@code flattenIdempotencyKey} from {@code @trigger.dev/sdk}
 * and {@code @trigger.dev/core}, run in node).
 */
@WireMockTest
class IdempotencyKeysTests {

	/**
	 * {@code idempotencyKeys.create("order-42")}, and
	 * {@code makeIdempotencyKey("order-42")}.
	 */
	static final String ORDER_42 = "3bf8b157c4238eefe5ae4a66eca81c6b887d4dcedb58dd674271859f4dc2edfd";

	/** {@code idempotencyKeys.create(["user", "4711", "welcome"])}. */
	static final String USER_PARTS = "19b847ab6d62b72064819994b13d276522f1d04cd59792fd9209dc0cf86fec4e";

	/** {@code idempotencyKeys.create("bestellung-für-jürgen-€")} (UTF-8). */
	static final String UNICODE = "3827b3ad2798037964b3242ca8154b7bef3eefdec92b7da99f23f4115056f9a1";

	/** {@code idempotencyKeys.create("")}. */
	static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

	/**
	 * {@code idempotencyKeys.create("a".repeat(64))}: create hashes even 64 characters.
	 */
	static final String CREATED_64 = "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb";

	/** {@code makeIdempotencyKey(flattenIdempotencyKey(["nightly", "0"]))}. */
	static final String NIGHTLY_ITEM_0 = "b5556b7e3bec58d0f1c4b7114744c0ae3d806465fe43f51b293f54d97f470aae";

	/** {@code makeIdempotencyKey(flattenIdempotencyKey(["nightly", "1499"]))}. */
	static final String NIGHTLY_ITEM_1499 = "24af09c6888710e42e1cfa598ca99bee07f6404e53455755a2050f8adaea4515";

	/** {@code idempotencyKeys.create("nightly")}. */
	static final String CREATED_NIGHTLY = "2a3b62b53ddb9f167b63d22202a360811ba78df015021f704d01ee9abad4169c";

	/**
	 * {@code makeIdempotencyKey(flattenIdempotencyKey([await create("nightly"), "7"]))}.
	 */
	static final String CREATED_NIGHTLY_ITEM_7 = "250f6b23995e3d5c1e4e635d59023dea35a61470dbc3bdf8ed489ad9e9643b6e";

	@Test
	void keysAreByteForByteTheSdks() {
		assertThat(IdempotencyKeys.create("order-42").hash()).isEqualTo(ORDER_42);
		assertThat(IdempotencyKeys.create("user", "4711", "welcome").hash()).isEqualTo(USER_PARTS);
		assertThat(IdempotencyKeys.create("user", "4711", "welcome").key()).isEqualTo("user-4711-welcome");
		assertThat(IdempotencyKeys.create("bestellung-für-jürgen-€").hash()).isEqualTo(UNICODE);
		assertThat(IdempotencyKeys.create("").hash()).isEqualTo(EMPTY);
		assertThat(IdempotencyKeys.create("a".repeat(64)).hash()).isEqualTo(CREATED_64);
		assertThat(IdempotencyKey.of("order-42").hash()).isEqualTo(ORDER_42);
		assertThat(IdempotencyKey.of("order-42").key()).isEqualTo("order-42");
		assertThat(IdempotencyKey.of("b".repeat(64)).hash()).isEqualTo("b".repeat(64));
		assertThat(IdempotencyKey.of("b".repeat(64)).key()).isNull();
		assertThat(IdempotencyKey.of("nightly").item(0).hash()).isEqualTo(NIGHTLY_ITEM_0);
		assertThat(IdempotencyKey.of("nightly").item(1499).hash()).isEqualTo(NIGHTLY_ITEM_1499);
		assertThat(IdempotencyKeys.create("nightly").hash()).isEqualTo(CREATED_NIGHTLY);
		assertThat(IdempotencyKeys.create("nightly").item(7).hash()).isEqualTo(CREATED_NIGHTLY_ITEM_7);
		assertThat(IdempotencyKey.of("nightly").item(0).key()).isNull();
	}

	@Test
	void badPartsAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(IdempotencyKeys::create)
			.withMessage("parts must have at least 1 element but had 0");
		assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> IdempotencyKeys.create("a", null))
			.withMessage("parts[1] must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> IdempotencyKey.of("k").item(-1))
			.withMessage("index must not be negative but was -1");
		assertThatIllegalArgumentException().isThrownBy(() -> TriggerOptions.builder().idempotencyKey("k".repeat(2049)))
			.withMessage("idempotencyKey must be at most 2048 characters but was 2049");
	}

	@Test
	void aTriggerSendsTheHashAndTheUsersKeyAsTheSdkDoes(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/tasks/t/trigger").willReturn(okJson("{\"id\":\"run_1\"}")));
		TriggerOperations client = TestClients.client(wm);

		client.tasks().trigger("t", Map.of(), TriggerOptions.builder().idempotencyKey("order-42").build()).block();
		client.tasks()
			.trigger("t", Map.of("n", 2),
					TriggerOptions.builder().idempotencyKey(IdempotencyKeys.create("user", "4711", "welcome")).build())
			.block();
		client.tasks()
			.trigger("t", Map.of("n", 3), TriggerOptions.builder().idempotencyKey(CREATED_64).build())
			.block();

		verify(postRequestedFor(urlEqualTo("/api/v1/tasks/t/trigger")).withRequestBody(equalToJson("""
				{"payload":{},"options":{"idempotencyKey":"%s",
				 "idempotencyKeyOptions":{"key":"order-42","scope":"run"}}}""".formatted(ORDER_42))));
		verify(postRequestedFor(urlEqualTo("/api/v1/tasks/t/trigger")).withRequestBody(equalToJson("""
				{"payload":{"n":2},"options":{"idempotencyKey":"%s",
				 "idempotencyKeyOptions":{"key":"user-4711-welcome","scope":"run"}}}""".formatted(USER_PARTS))));
		verify(postRequestedFor(urlEqualTo("/api/v1/tasks/t/trigger")).withRequestBody(
				equalToJson("{\"payload\":{\"n\":3},\"options\":{\"idempotencyKey\":\"%s\"}}".formatted(CREATED_64))));
	}

	@Test
	void aKeyedBatchsItemsGetTheSdksDerivedKeysAndTheBatchsTtl(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/tasks/batch").willReturn(okJson("{\"id\":\"batch_1\",\"runs\":[]}")));

		TestClients.client(wm)
			.tasks()
			.batchTrigger(
					List.of(BatchItem.of("a", 1),
							BatchItem.of("b", 2, TriggerOptions.builder().idempotencyKey("order-42").build())),
					BatchOptions.idempotent("nightly").withIdempotencyKeyTtl(Duration.ofHours(1)))
			.block();

		verify(postRequestedFor(urlEqualTo("/api/v1/tasks/batch"))
			.withHeader("idempotency-key", equalTo(IdempotencyKey.of("nightly").hash()))
			.withHeader("idempotency-key-ttl", equalTo("1h"))
			.withRequestBody(equalToJson("""
					{"items":[
					 {"task":"a","payload":1,"options":{"idempotencyKey":"%s","idempotencyKeyTTL":"1h"}},
					 {"task":"b","payload":2,"options":{"idempotencyKey":"%s","idempotencyKeyTTL":"1h",
					  "idempotencyKeyOptions":{"key":"order-42","scope":"run"}}}]}""".formatted(NIGHTLY_ITEM_0,
					ORDER_42))));
	}

	@Test
	void resetSendsTheHashOfAKeyGivenAsText(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/idempotencyKeys/" + ORDER_42 + "/reset")
			.willReturn(okJson("{\"id\":\"" + ORDER_42 + "\",\"someNewField\":1}")));
		TriggerOperations client = TestClients.client(wm);

		client.idempotencyKeys().reset("ship-order", "order-42").block();
		client.idempotencyKeys().reset("ship-order", IdempotencyKeys.create("order-42")).block();

		verify(2,
				postRequestedFor(urlEqualTo("/api/v1/idempotencyKeys/" + ORDER_42 + "/reset"))
					.withHeader("Content-Type", equalTo("application/json"))
					.withRequestBody(equalToJson("{\"taskIdentifier\":\"ship-order\"}")));
	}

	@Test
	void resetReadsAnAnswerWithoutItsId(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/idempotencyKeys/" + ORDER_42 + "/reset").willReturn(okJson("{}")));

		TestClients.client(wm).idempotencyKeys().reset("t", "order-42").block();

		verify(1, postRequestedFor(urlEqualTo("/api/v1/idempotencyKeys/" + ORDER_42 + "/reset")));
	}

	@Test
	void aSixtyFourCharacterKeyIsResetAsItIsThenAsItsHash(WireMockRuntimeInfo wm) {
		String raw = "a".repeat(64);
		stubFor(post("/api/v1/idempotencyKeys/" + raw + "/reset")
			.willReturn(aResponse().withStatus(404).withBody("{\"error\":\"Idempotency key not found\"}")));
		stubFor(post("/api/v1/idempotencyKeys/" + CREATED_64 + "/reset").willReturn(okJson("{\"id\":\"x\"}")));

		TestClients.client(wm).idempotencyKeys().reset("t", raw).block();

		verify(1, postRequestedFor(urlEqualTo("/api/v1/idempotencyKeys/" + raw + "/reset")));
		verify(1, postRequestedFor(urlEqualTo("/api/v1/idempotencyKeys/" + CREATED_64 + "/reset")));
	}

	@Test
	void whenNeitherIsKnownTheFirstNotFoundIsSignalled(WireMockRuntimeInfo wm) {
		String raw = "a".repeat(64);
		stubFor(post("/api/v1/idempotencyKeys/" + raw + "/reset")
			.willReturn(aResponse().withStatus(404).withBody("{\"error\":\"first\"}")));
		stubFor(post("/api/v1/idempotencyKeys/" + CREATED_64 + "/reset")
			.willReturn(aResponse().withStatus(404).withBody("{\"error\":\"second\"}")));

		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> TestClients.client(wm).idempotencyKeys().reset("t", raw).block())
			.withMessageContaining("first");
	}

	@Test
	void resetChecksItsArgumentsBeforeSending() {
		IdempotencyKeysOperations keys = TriggerClient.builder()
			.secretKey(TestClients.SECRET_KEY)
			.baseUrl("http://localhost:1")
			.build()
			.idempotencyKeys();

		assertThatIllegalArgumentException().isThrownBy(() -> keys.reset(" ", "k"))
			.withMessage("taskIdentifier must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> keys.reset("t", ""))
			.withMessage("idempotencyKey must not be blank");
		assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> keys.reset("t", (IdempotencyKey) null))
			.withMessage("idempotencyKey must not be null");
	}

}
