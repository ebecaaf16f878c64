package io.trigger4j.emulator;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** How runs move through their statuses in emulator time. */
class RunLifecycleTests extends EmulatorTestSupport {

	@Test
	void runsMoveThroughDelayedQueuedExecutingCompleted() {
		String id = trigger("slow", "{\"payload\":{},\"options\":{\"delay\":\"1m\"}}");
		assertThat(run(id).get("status").asString()).isEqualTo("DELAYED");
		assertThat(run(id).get("delayedUntil").asString()).isEqualTo("2026-11-22T10:01:00.000Z");

		this.emulator.advance(Duration.ofMinutes(1));
		assertThat(run(id).get("status").asString()).isEqualTo("EXECUTING");
		assertThat(run(id).get("startedAt").asString()).isEqualTo("2026-11-22T10:01:00.000Z");

		this.emulator.advance(Duration.ofSeconds(30));
		JsonNode done = run(id);
		assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(done.get("finishedAt").asString()).isEqualTo("2026-11-22T10:01:30.000Z");
		assertThat(done.get("durationMs").asLong()).isEqualTo(30_000);
	}

	@Test
	void aFailedAttemptIsRetriedAndLegacyNamesAreShownWithoutTheVersionHeader() {
		String id = trigger("flaky", "{\"payload\":{}}");
		assertThat(run(id).get("status").asString()).isEqualTo("EXECUTING");
		assertThat(this.http.getLegacy("/api/v3/runs/" + id).json().get("status").asString()).isEqualTo("REATTEMPTING");

		this.emulator.advance(Duration.ofSeconds(5));
		JsonNode done = run(id);
		assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(done.get("attemptCount").asInt()).isEqualTo(2);
		assertThat(done.get("output").get("attempt").asInt()).isEqualTo(2);
	}

	@Test
	void runsBeyondTheConcurrencyLimitWaitQueuedAndExpireWhenTheirTtlPasses() {
		String first = trigger("one-at-a-time", "{\"payload\":{}}");
		String second = trigger("one-at-a-time", "{\"payload\":{},\"options\":{\"ttl\":\"5m\"}}");
		String third = trigger("one-at-a-time", "{\"payload\":{},\"options\":{\"ttl\":\"90s\"}}");
		assertThat(run(first).get("status").asString()).isEqualTo("EXECUTING");
		assertThat(run(second).get("status").asString()).isEqualTo("QUEUED");
		assertThat(run(second).get("isQueued").asBoolean()).isTrue();

		this.emulator.advance(Duration.ofMinutes(1));
		assertThat(run(first).get("status").asString()).isEqualTo("COMPLETED");
		JsonNode started = run(second);
		assertThat(started.get("status").asString()).isEqualTo("EXECUTING");
		assertThat(started.get("startedAt").asString()).isEqualTo("2026-11-22T10:01:00.000Z");
		assertThat(run(third).get("status").asString()).isEqualTo("QUEUED");

		this.emulator.advance(Duration.ofMinutes(1));
		assertThat(run(second).get("status").asString()).isEqualTo("COMPLETED");
		JsonNode expired = run(third);
		assertThat(expired.get("status").asString()).isEqualTo("EXPIRED");
		assertThat(expired.get("expiredAt").asString()).isEqualTo("2026-11-22T10:01:30.000Z");
	}

	@Test
	void aLateTickStartsQueuedRunsWhenTheirSlotFreedNotWhenTheTickCame() {
		String first = trigger("one-at-a-time", "{\"payload\":{}}");
		String second = trigger("one-at-a-time", "{\"payload\":{},\"options\":{\"ttl\":\"1h\"}}");

		this.emulator.advance(Duration.ofMinutes(10));

		assertThat(run(first).get("finishedAt").asString()).isEqualTo("2026-11-22T10:01:00.000Z");
		assertThat(run(second).get("startedAt").asString()).isEqualTo("2026-11-22T10:01:00.000Z");
		assertThat(run(second).get("finishedAt").asString()).isEqualTo("2026-11-22T10:02:00.000Z");
	}

	@Test
	void aRunFailsWhenItsAttemptsRunOut() {
		String id = trigger("broken", "{\"payload\":{}}");
		this.emulator.advance(Duration.ofSeconds(1));

		JsonNode failed = run(id);
		assertThat(failed.get("status").asString()).isEqualTo("FAILED");
		assertThat(failed.get("error").get("message").asString()).isEqualTo("always fails");
		assertThat(failed.get("isFailed").asBoolean()).isTrue();
		assertThat(failed.has("output")).isFalse();
	}

	@Test
	void anUndeclaredTaskWaitsForADeployThenExpiresAfterItsTtl() {
		String id = trigger("not-deployed", "{\"payload\":{},\"options\":{\"ttl\":\"5m\"}}");
		assertThat(run(id).get("status").asString()).isEqualTo("PENDING_VERSION");

		this.emulator.advance(Duration.ofMinutes(5));
		JsonNode expired = run(id);
		assertThat(expired.get("status").asString()).isEqualTo("EXPIRED");
		assertThat(expired.get("expiredAt").asString()).isEqualTo("2026-11-22T10:05:00.000Z");
		// The server's quirk: EXPIRED is final but not "completed".
		assertThat(expired.get("isCompleted").asBoolean()).isFalse();
	}

	@Test
	void aStepThatWaitsShowsWaitingAndTheNextStepRunsAfterTheWait() {
		String id = trigger("approval", "{\"payload\":{}}");
		assertThat(run(id).get("status").asString()).isEqualTo("EXECUTING");

		this.emulator.advance(Duration.ofSeconds(10));
		assertThat(run(id).get("status").asString()).isEqualTo("WAITING");
		assertThat(this.http.getLegacy("/api/v3/runs/" + id).json().get("status").asString()).isEqualTo("FROZEN");
		assertThat(ids("/api/v1/runs?filter%5Bstatus%5D=WAITING")).containsExactly(id);

		this.emulator.advance(Duration.ofHours(1));
		assertThat(run(id).get("status").asString()).isEqualTo("EXECUTING");
		this.emulator.advance(Duration.ofSeconds(10));
		JsonNode done = run(id);
		assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(done.get("output").get("approvedAtStep").asInt()).isEqualTo(2);
		assertThat(done.get("attemptCount").asInt()).isEqualTo(1);
		assertThat(done.get("finishedAt").asString()).isEqualTo("2026-11-22T11:00:20.000Z");
	}

}
