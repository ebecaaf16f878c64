package io.trigger4j.client;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.trigger4j.client.model.JsonValue;
import io.trigger4j.client.model.batches.BatchItem;
import io.trigger4j.client.model.batches.BatchOptions;
import io.trigger4j.client.model.runs.ListRunsRequest;
import io.trigger4j.client.model.tasks.TriggerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * Bad input fails when the method is called, naming the argument, and nothing is sent.
 */
@WireMockTest
class ValidationTests {

	private WireMockRuntimeInfo wm;

	private TriggerOperations client(WireMockRuntimeInfo wm) {
		this.wm = wm;
		return TestClients.client(wm);
	}

	@AfterEach
	void nothingWasSent() {
		if (this.wm != null) {
			verify(0, anyRequestedFor(anyUrl()));
		}
	}

	@Test
	void blankAndNullIdsAreRejected(WireMockRuntimeInfo wm) {
		RunsOperations runs = client(wm).runs();
		assertThatIllegalArgumentException().isThrownBy(() -> runs.retrieve(" "))
			.withMessage("runId must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> runs.cancel(" run_1"))
			.withMessageContaining("runId must not start or end with whitespace");
		assertThatNullPointerException().isThrownBy(() -> runs.replay(null)).withMessage("runId must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> client(wm).tasks().trigger("", Map.of()))
			.withMessage("taskIdentifier must not be blank");
		assertThatNullPointerException().isThrownBy(() -> client(wm).tasks().trigger("t", null))
			.withMessage("payload must not be null");
	}

	@Test
	void tagsAreLimitedInCountAndLength(WireMockRuntimeInfo wm) {
		List<String> eleven = Collections.nCopies(11, "t");
		assertThatIllegalArgumentException().isThrownBy(() -> TriggerOptions.builder().tags(eleven))
			.withMessage("tags must have at most 10 tags but had 11");
		assertThatIllegalArgumentException().isThrownBy(() -> TriggerOptions.builder().tags("ok", "x".repeat(129)))
			.withMessage("tags[1] must be at most 128 characters but was 129");
		assertThatIllegalArgumentException().isThrownBy(() -> client(wm).runs().addTags("run_1", eleven))
			.withMessage("tags must have at most 10 tags but had 11");
		assertThatIllegalArgumentException().isThrownBy(() -> client(wm).runs().addTags("run_1", List.of()))
			.withMessage("tags must not be empty");
		assertThatIllegalArgumentException().isThrownBy(() -> TriggerOptions.builder().tags("a", " "))
			.withMessage("tags[1] must not be blank");
	}

	@Test
	void pageSizeMustBeBetween1And100() {
		assertThatIllegalArgumentException().isThrownBy(() -> ListRunsRequest.builder().pageSize(0))
			.withMessage("pageSize must be between 1 and 100 but was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> ListRunsRequest.builder().pageSize(101))
			.withMessage("pageSize must be between 1 and 100 but was 101");
	}

	@Test
	void delaysAndTtlsMustBeWellFormed() {
		assertThatIllegalArgumentException().isThrownBy(() -> TriggerOptions.builder().delay("tomorrow"))
			.withMessageStartingWith("delay must be a duration like 90s, 15m, 1h30m or an ISO-8601 date-time");
		assertThatIllegalArgumentException().isThrownBy(() -> TriggerOptions.builder().delay("1.5h"))
			.withMessageContaining("'1.5h'");
		assertThatIllegalArgumentException().isThrownBy(() -> TriggerOptions.builder().ttl("1 h"))
			.withMessageStartingWith("ttl must be a duration like 90s");
		assertThatIllegalArgumentException().isThrownBy(() -> TriggerOptions.builder().ttl(Duration.ofMillis(1500)))
			.withMessage("ttl must be a positive whole number of seconds but was PT1.5S");
		assertThatIllegalArgumentException().isThrownBy(() -> TriggerOptions.builder().delay(Duration.ZERO))
			.withMessage("delay must be a positive whole number of seconds but was PT0S");
		assertThatIllegalArgumentException().isThrownBy(() -> TriggerOptions.builder().idempotencyKeyTtl("1w"))
			.withMessageStartingWith("idempotencyKeyTtl must be a number followed by s, m, h or d");
		TriggerOptions.builder().delay("2026-12-01T10:00:00Z").delay("1h30m").ttl("2w").build();
	}

	@Test
	void unserialisablePayloadsAndOversizedMetadataAreRejected(WireMockRuntimeInfo wm) {
		Object unserialisable = new Object();
		assertThatIllegalArgumentException().isThrownBy(() -> client(wm).tasks().trigger("t", unserialisable))
			.withMessageStartingWith("payload cannot be serialised to JSON");
		assertThatIllegalArgumentException().isThrownBy(() -> client(wm).tasks().trigger("t", new Exploding()))
			.withMessageStartingWith("payload cannot be serialised to JSON");
		// Metadata is written with the application's mapper, so it is checked when the
		// trigger is made; a JsonValue is already JSON and is checked at once.
		TriggerOptions bigMetadata = TriggerOptions.builder().metadata(Map.of("big", "x".repeat(262_144))).build();
		assertThatIllegalArgumentException().isThrownBy(() -> client(wm).tasks().trigger("t", Map.of(), bigMetadata))
			.withMessageStartingWith("metadata must be at most 262144 bytes of JSON but was ");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TriggerOptions.builder().metadata(JsonValue.of(Map.of("big", "x".repeat(262_144)))))
			.withMessageStartingWith("metadata must be at most 262144 bytes of JSON but was ");
		TriggerOptions listMetadata = TriggerOptions.builder().metadata(List.of(1)).build();
		assertThatIllegalArgumentException().isThrownBy(() -> client(wm).tasks().trigger("t", Map.of(), listMetadata))
			.withMessage("metadata must serialise to a JSON object but was [1]");
		TriggerOptions badContext = TriggerOptions.builder().context(new Object()).build();
		assertThatIllegalArgumentException().isThrownBy(() -> client(wm).tasks().trigger("t", Map.of(), badContext))
			.withMessageStartingWith("context cannot be serialised to JSON");
		List<BatchItem> badItem = List.of(BatchItem.of("a", 1), BatchItem.of("b", new Exploding()));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> client(wm).tasks().batchTrigger(badItem, BatchOptions.none()))
			.withMessageStartingWith("items[1].payload cannot be serialised to JSON");
		assertThatIllegalArgumentException().isThrownBy(() -> client(wm).runs().updateMetadata("run_1", List.of(1)))
			.withMessage("metadata must serialise to a JSON object but was [1]");
	}

	static class Exploding {

		public String getValue() {
			throw new IllegalStateException("boom");
		}

	}

	@Test
	void batchSizesAreChecked(WireMockRuntimeInfo wm) {
		List<BatchItem> tooMany = Collections.nCopies(101, BatchItem.of("t", 1));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> client(wm).tasks().batchTrigger("t", tooMany, BatchOptions.none()))
			.withMessage(
					"items must have between 1 and 100 elements but had 101 (batchTrigger(Flux, BatchOptions) takes any number)");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> client(wm).tasks()
				.batchTrigger(Collections.nCopies(501, BatchItem.of("t", 1)), BatchOptions.none()))
			.withMessage(
					"items must have between 1 and 500 elements but had 501 (batchTrigger(Flux, BatchOptions) takes any number)");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> client(wm).tasks().batchTrigger(List.of(), BatchOptions.none()))
			.withMessage("items must have between 1 and 500 elements but had 0");
	}

	@Test
	void listFiltersAreChecked() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ListRunsRequest.builder()
				.createdFrom(java.time.Instant.parse("2026-02-01T00:00:00Z"))
				.createdTo(java.time.Instant.parse("2026-01-01T00:00:00Z"))
				.build())
			.withMessageStartingWith("createdFrom must not be after createdTo");
		assertThatIllegalArgumentException().isThrownBy(() -> ListRunsRequest.builder().taskIdentifiers())
			.withMessage("taskIdentifiers must not be empty");
		assertThatIllegalArgumentException().isThrownBy(() -> ListRunsRequest.builder().versions("a,b"))
			.withMessage("versions values must not contain ',' but got 'a,b'");
	}

	@Test
	void clientSettingsAreCheckedWithoutEchoingTheKey() {
		assertThatIllegalArgumentException().isThrownBy(() -> TriggerClient.builder().secretKey(" "))
			.withMessage("secretKey must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> TriggerClient.builder().secretKey("tr_dev_abc def"))
			.withMessage("secretKey must not contain whitespace");
		assertThatIllegalArgumentException().isThrownBy(() -> TriggerClient.builder().baseUrl("ftp://example.com"))
			.withMessage("baseUrl must be an absolute http(s) URL but was 'ftp://example.com'");
		org.assertj.core.api.Assertions.assertThatIllegalStateException()
			.isThrownBy(() -> TriggerClient.builder().build())
			.withMessageStartingWith("secretKey must be set");
	}

}
