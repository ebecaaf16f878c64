package io.trigger4j.emulator;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Idempotency keys as the official SDK sends them (the hash plus
 * {@code idempotencyKeyOptions}): retrieve shows the user's key, lists the hash; and
 * {@code POST /api/v1/idempotencyKeys/{key}/reset} (api-semantics.md 4.5).
 */
class IdempotencyKeyRoutesTests extends EmulatorTestSupport {

	/** sha256_hex("order-42"), what the SDK sends for the key. */
	private static final String HASH = "3bf8b157c4238eefe5ae4a66eca81c6b887d4dcedb58dd674271859f4dc2edfd";

	private static final String KEYED = "{\"payload\":{\"name\":\"Ada\"},\"options\":{\"idempotencyKey\":\"" + HASH
			+ "\",\"idempotencyKeyOptions\":{\"key\":\"order-42\",\"scope\":\"global\"}}}";

	@Test
	void retrieveShowsTheUsersKeyAndListsTheHash() {
		String id = trigger("hello-world", KEYED);

		assertThat(run(id).get("idempotencyKey").asString()).isEqualTo("order-42");
		JsonNode listed = this.http.get("/api/v1/runs").json().get("data").get(0);
		assertThat(listed.get("id").asString()).isEqualTo(id);
		assertThat(listed.get("idempotencyKey").asString()).isEqualTo(HASH);
	}

	@Test
	void resetReleasesTheKeySoTheNextTriggerMakesANewRun() {
		String first = trigger("hello-world", KEYED);
		Http.Answer again = this.http.post("/api/v1/tasks/hello-world/trigger", KEYED);
		assertThat(again.json().get("id").asString()).isEqualTo(first);
		assertThat(again.json().get("isCached").asBoolean()).isTrue();

		Http.Answer reset = this.http.post("/api/v1/idempotencyKeys/" + HASH + "/reset",
				"{\"taskIdentifier\":\"hello-world\"}");

		assertThat(reset.status()).isEqualTo(200);
		assertThat(reset.body()).isEqualTo("{\"id\":\"" + HASH + "\"}");
		Http.Answer fresh = this.http.post("/api/v1/tasks/hello-world/trigger", KEYED);
		assertThat(fresh.json().get("id").asString()).isNotEqualTo(first);
		assertThat(fresh.json().get("isCached").asBoolean()).isFalse();
		assertThat(run(first).get("idempotencyKey").asString()).isEqualTo("order-42");
		// As the server clears the key of the run: lists show it without one.
		JsonNode listedFirst = null;
		for (JsonNode listed : this.http.get("/api/v1/runs").json().get("data")) {
			if (listed.get("id").asString().equals(first)) {
				listedFirst = listed;
			}
		}
		assertThat(listedFirst).isNotNull();
		assertThat(listedFirst.has("idempotencyKey")).isFalse();
	}

	@Test
	void resetAnswersTheServersErrors() {
		trigger("hello-world", KEYED);

		Http.Answer otherTask = this.http.post("/api/v1/idempotencyKeys/" + HASH + "/reset",
				"{\"taskIdentifier\":\"slow\"}");
		assertThat(otherTask.status()).isEqualTo(404);
		assertThat(otherTask.body())
			.isEqualTo("{\"error\":\"No runs found with idempotency key: " + HASH + " and task: slow\"}");
		assertThat(this.http.post("/api/v1/idempotencyKeys/" + HASH + "/reset", "{}").body())
			.isEqualTo("{\"error\":\"Validation error: Required at \\\"taskIdentifier\\\"\"}");
		assertThat(this.http.post("/api/v1/idempotencyKeys/" + HASH + "/reset", "{\"taskIdentifier\":\"\"}").body())
			.isEqualTo("{\"error\":\"Validation error: Task identifier is required at \\\"taskIdentifier\\\"\"}");
		// The key still holds: nothing was reset.
		assertThat(this.http.post("/api/v1/tasks/hello-world/trigger", KEYED).json().get("isCached").asBoolean())
			.isTrue();
	}

	@Test
	void keyOptionsWithAnUnknownScopeAreRefused() {
		Http.Answer answer = this.http.post("/api/v1/tasks/hello-world/trigger",
				KEYED.replace("\"global\"", "\"forever\""));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.json().get("error").asString()).contains("options.idempotencyKeyOptions.scope",
				"received 'forever'");
	}

}
