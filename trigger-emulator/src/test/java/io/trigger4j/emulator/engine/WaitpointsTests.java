package io.trigger4j.emulator.engine;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.trigger4j.emulator.ManualClock;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Waitpoint tokens on the engine alone, in virtual time: created (idempotently),
 * completed, timed out when their timeout passes, listed; runs wait on them and resume
 * with their outcome.
 */
class WaitpointsTests {

	private static final Instant START = Instant.parse("2026-11-22T10:00:00Z");

	private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

	private final ManualClock clock = new ManualClock(START);

	/** What the second steps saw of the token. */
	private final List<WaitpointSnapshot> seen = new CopyOnWriteArrayList<>();

	/** When the second steps started. */
	private final List<Instant> resumedAt = new CopyOnWriteArrayList<>();

	/**
	 * Step 1 waits on the token named in the payload; step 2 completes with what it saw.
	 */
	private final Engine engine = new Engine(this.clock,
			List.of(new TaskSpec("approve", Duration.ofSeconds(10), 1, Duration.ZERO, 0, (context) -> {
				if (context.step() == 1) {
					return new StepOutcome.WaitForToken(context.payload().path("token").asString());
				}
				this.seen.add(context.token());
				this.resumedAt.add(context.startedAt());
				return new StepOutcome.Complete(context.token().output());
			})), Duration.ofSeconds(10));

	private final Waitpoints waitpoints = this.engine.waitpoints();

	private static Instant at(String time) {
		return Instant.parse("2026-11-22T" + time + "Z");
	}

	private String token() {
		return this.waitpoints.create(WaitpointSpec.plain()).token().id();
	}

	private String waitOn(String token) {
		return trigger(this.engine, "approve", token, null);
	}

	private static String trigger(Engine engine, String task, String token, Instant delayUntil) {
		return engine
			.trigger(new TriggerSpec(task, JSON.objectNode().put("token", token), List.of(), null, null, null,
					delayUntil, null, null, null, false, null, null, null, "trigger", null, null))
			.run()
			.id();
	}

	private RunSnapshot run(String id) {
		return this.engine.find(id).orElseThrow();
	}

	private WaitpointSnapshot find(String token) {
		return this.waitpoints.find(token).orElseThrow();
	}

	@Test
	void aRunWaitsOnATokenUntilItIsCompletedThenResumesWithItsData() {
		String token = token();
		String id = waitOn(token);

		this.clock.advance(Duration.ofSeconds(10));
		assertThat(run(id).state()).isEqualTo(RunState.WAITING_TO_RESUME);
		assertThat(run(id).state().publicName(RunState.CURRENT_API_VERSION)).isEqualTo("WAITING");
		this.clock.advance(Duration.ofHours(2));
		assertThat(run(id).state()).as("a token without timeout waits for ever").isEqualTo(RunState.WAITING_TO_RESUME);

		WaitpointSnapshot completed = this.waitpoints.complete(token,
				JSON.objectNode().put("status", "approved").put("by", "ann"));
		assertThat(completed.status()).isEqualTo(WaitpointStatus.COMPLETED);
		assertThat(completed.completedAt()).isEqualTo(at("12:00:10"));
		assertThat(run(id).state()).as("the next step runs").isEqualTo(RunState.EXECUTING);

		this.clock.advance(Duration.ofSeconds(10));
		RunSnapshot done = run(id);
		assertThat(done.state()).isEqualTo(RunState.COMPLETED_SUCCESSFULLY);
		assertThat(done.output().toString()).isEqualTo("{\"status\":\"approved\",\"by\":\"ann\"}");
		assertThat(done.finishedAt()).isEqualTo(at("12:00:20"));
		assertThat(done.executionMillis()).as("waiting is not executing").isEqualTo(20_000);
		assertThat(this.seen).singleElement().satisfies((seen) -> {
			assertThat(seen.id()).isEqualTo(token);
			assertThat(seen.status()).isEqualTo(WaitpointStatus.COMPLETED);
		});
	}

	@Test
	void aTimeoutFiresInEngineTimeAndTheRunResumesWithTheError() {
		WaitpointCreated created = this.waitpoints
			.create(new WaitpointSpec(null, null, at("10:10:00"), List.of("user:1")));
		String token = created.token().id();
		assertThat(created.cached()).isFalse();
		assertThat(created.token().timeoutAt()).isEqualTo(at("10:10:00"));
		String id = waitOn(token);

		this.clock.advance(Duration.ofMinutes(9));
		assertThat(find(token).status()).isEqualTo(WaitpointStatus.WAITING);
		assertThat(run(id).state()).isEqualTo(RunState.WAITING_TO_RESUME);

		// A late tick: the timeout happened at its instant.
		this.clock.advance(Duration.ofHours(1));
		WaitpointSnapshot timedOut = find(token);
		assertThat(timedOut.status()).isEqualTo(WaitpointStatus.TIMED_OUT);
		assertThat(timedOut.completedAt()).isEqualTo(at("10:10:00"));
		assertThat(timedOut.outputIsError()).isTrue();
		assertThat(timedOut.output().toString()).isEqualTo(
				"{\"code\":\"TRIGGER_WAITPOINT_TIMEOUT\",\"message\":\"Waitpoint timed out at 2026-11-22T10:10:00.000Z\"}");
		assertThat(timedOut.errorMessage()).isEqualTo("Waitpoint timed out at 2026-11-22T10:10:00.000Z");
		RunSnapshot done = run(id);
		assertThat(done.state()).isEqualTo(RunState.COMPLETED_SUCCESSFULLY);
		assertThat(done.finishedAt()).isEqualTo(at("10:10:10"));
		assertThat(this.seen).singleElement()
			.satisfies((seen) -> assertThat(seen.status()).isEqualTo(WaitpointStatus.TIMED_OUT));

		this.waitpoints.complete(token, JSON.stringNode("too late"));
		assertThat(find(token)).as("a timed-out token stays as it is").isEqualTo(timedOut);
	}

	@Test
	void aTokenCompletedBeforeTheWaitResumesTheRunAtOnce() {
		String token = token();
		this.waitpoints.complete(token, JSON.stringNode("early"));
		String id = waitOn(token);

		this.clock.advance(Duration.ofSeconds(20));

		RunSnapshot done = run(id);
		assertThat(done.state()).isEqualTo(RunState.COMPLETED_SUCCESSFULLY);
		assertThat(done.output().asString()).isEqualTo("early");
		assertThat(done.finishedAt()).isEqualTo(at("10:00:20"));
	}

	@Test
	void completingACompletedTokenKeepsItsFirstData() {
		String token = token();
		WaitpointSnapshot first = this.waitpoints.complete(token, JSON.numberNode(1));
		this.clock.advance(Duration.ofMinutes(1));

		WaitpointSnapshot again = this.waitpoints.complete(token, JSON.numberNode(2));

		assertThat(again).isEqualTo(first);
		assertThat(again.output().asInt()).isEqualTo(1);
		assertThat(again.completedAt()).isEqualTo(START);
	}

	@Test
	void completingWithoutDataCompletesWithoutOutput() {
		String token = token();

		WaitpointSnapshot completed = this.waitpoints.complete(token, null);

		assertThat(completed.status()).isEqualTo(WaitpointStatus.COMPLETED);
		assertThat(completed.output()).isNull();
		assertThat(completed.outputIsError()).isFalse();
	}

	@Test
	void cancellingAWaitingRunLeavesTheTokenAsItIs() {
		String token = token();
		String id = waitOn(token);
		this.clock.advance(Duration.ofSeconds(10));

		this.engine.cancel(id);
		assertThat(find(token).status()).isEqualTo(WaitpointStatus.WAITING);
		this.waitpoints.complete(token, JSON.stringNode("late"));
		this.clock.advance(Duration.ofMinutes(1));

		assertThat(run(id).state()).isEqualTo(RunState.CANCELED);
		assertThat(this.seen).isEmpty();
		assertThat(find(token).status()).isEqualTo(WaitpointStatus.COMPLETED);
	}

	@Test
	void aCancelledRunNoLongerWaitsOnItsToken() {
		String token = token();
		String id = waitOn(token);
		this.clock.advance(Duration.ofSeconds(10));
		assertThat(this.engine.locked(() -> List.copyOf(this.waitpoints.record(token).waiters)))
			.extracting((run) -> run.id)
			.containsExactly(id);

		this.engine.cancel(id);

		assertThat(this.engine.locked(() -> List.copyOf(this.waitpoints.record(token).waiters))).isEmpty();
	}

	@Test
	void aTokenCompletedWhileTheWaitersStepEndIsProcessedResumesTheRunNotBeforeTheCompletion() {
		String token = token();
		String id = waitOn(token);
		AtomicBoolean once = new AtomicBoolean();
		// Completed by a call made while the engine processes the step's end (10:00:10)
		// in a late tick, so at the tick's instant.
		this.engine.beforeEvent((runId) -> {
			if (runId.equals(id) && once.compareAndSet(false, true)) {
				this.waitpoints.complete(token, JSON.stringNode("late"));
			}
		});

		this.clock.advance(Duration.ofHours(2));
		this.engine.tick();

		assertThat(find(token).completedAt()).isEqualTo(at("12:00:00"));
		this.clock.advance(Duration.ofSeconds(10));
		assertThat(run(id).finishedAt()).isEqualTo(at("12:00:10"));
		assertThat(this.resumedAt).as("the run resumes when the token completed, not when its step ended")
			.containsExactly(at("12:00:00"));
	}

	@Test
	void aTokenCompletedByAStepInALateTickCompletesAtThatStepsStartAndTheWaiterResumesNoEarlier() {
		CountDownLatch completedByStep = new CountDownLatch(1);
		List<StepContext> resumed = new CopyOnWriteArrayList<>();
		AtomicReference<Engine> engineRef = new AtomicReference<>();
		Engine engine = new Engine(this.clock,
				List.of(new TaskSpec("waiter", Duration.ofMinutes(10), 1, Duration.ZERO, 0, (context) -> {
					if (context.step() == 1) {
						// The step's function returns only after the other step completed
						// the token (bounded: the handler timeout fails it otherwise).
						completedByStep.await(5, TimeUnit.SECONDS);
						return new StepOutcome.WaitForToken(context.payload().path("token").asString());
					}
					resumed.add(context);
					return new StepOutcome.Complete(context.token().output());
				}), new TaskSpec("completer", Duration.ofSeconds(1), 1, Duration.ZERO, 0, (context) -> {
					engineRef.get()
						.waitpoints()
						.complete(context.payload().path("token").asString(), JSON.stringNode("approved"));
					completedByStep.countDown();
					return new StepOutcome.Complete(null);
				})), Duration.ofSeconds(10));
		engineRef.set(engine);
		String token = engine.waitpoints().create(WaitpointSpec.plain()).token().id();
		String waiter = trigger(engine, "waiter", token, null);
		trigger(engine, "completer", token, at("10:05:00"));

		// One late tick: the completer's step starts at 10:05, the waiter's step ends at
		// 10:10.
		this.clock.advance(Duration.ofHours(2));
		engine.tick();

		WaitpointSnapshot completed = engine.waitpoints().find(token).orElseThrow();
		assertThat(completed.status()).isEqualTo(WaitpointStatus.COMPLETED);
		assertThat(completed.completedAt()).as("at the completing step's start, not at the tick")
			.isEqualTo(at("10:05:00"));
		assertThat(resumed).singleElement().satisfies((context) -> {
			assertThat(context.startedAt()).isEqualTo(at("10:10:00"));
			assertThat(context.token().completedAt()).isBeforeOrEqualTo(context.startedAt());
		});
		RunSnapshot done = engine.find(waiter).orElseThrow();
		assertThat(done.state()).isEqualTo(RunState.COMPLETED_SUCCESSFULLY);
		assertThat(done.output().asString()).isEqualTo("approved");
		assertThat(done.finishedAt()).isEqualTo(at("10:20:00"));
	}

	@Test
	void aTimeoutAtTheInstantTheWaitBeginsAndACompletionThenResumeWithTheTimeout() {
		String token = this.waitpoints.create(new WaitpointSpec(null, null, at("10:00:10"), List.of())).token().id();
		String id = waitOn(token);

		// The step ends, the token times out and a completion comes, all at 10:00:10.
		this.clock.advance(Duration.ofSeconds(10));
		WaitpointSnapshot afterCompletion = this.waitpoints.complete(token, JSON.stringNode("too late"));

		assertThat(afterCompletion.status()).isEqualTo(WaitpointStatus.TIMED_OUT);
		assertThat(afterCompletion.completedAt()).isEqualTo(at("10:00:10"));
		this.clock.advance(Duration.ofSeconds(10));
		assertThat(run(id).finishedAt()).isEqualTo(at("10:00:20"));
		assertThat(this.resumedAt).containsExactly(at("10:00:10"));
		assertThat(this.seen).singleElement()
			.satisfies((seen) -> assertThat(seen.status()).isEqualTo(WaitpointStatus.TIMED_OUT));
	}

	@Test
	void aStepChangingTheTokensOutputChangesNothingStored() {
		Engine engine = new Engine(this.clock,
				List.of(new TaskSpec("meddle", Duration.ofSeconds(10), 1, Duration.ZERO, 0, (context) -> {
					if (context.step() == 1) {
						return new StepOutcome.WaitForToken(context.payload().path("token").asString());
					}
					((ObjectNode) context.token().output()).put("status", "changed by the step");
					return new StepOutcome.Complete(null);
				})), Duration.ofSeconds(10));
		String token = engine.waitpoints().create(WaitpointSpec.plain()).token().id();
		engine.waitpoints().complete(token, JSON.objectNode().put("status", "approved"));
		String id = trigger(engine, "meddle", token, null);

		this.clock.advance(Duration.ofSeconds(20));

		assertThat(engine.find(id).orElseThrow().state()).isEqualTo(RunState.COMPLETED_SUCCESSFULLY);
		assertThat(engine.waitpoints().find(token).orElseThrow().output().toString())
			.isEqualTo("{\"status\":\"approved\"}");
	}

	@Test
	void waitingOnAnUnknownTokenFailsTheAttempt() {
		String id = waitOn("waitpoint_unknown");

		this.clock.advance(Duration.ofSeconds(10));

		RunSnapshot failed = run(id);
		assertThat(failed.state()).isEqualTo(RunState.COMPLETED_WITH_ERRORS);
		assertThat(failed.error().path("message").asString()).isEqualTo("Waitpoint not found: waitpoint_unknown");
	}

	@Test
	void anIdempotentCreateReturnsTheSameTokenCachedUntilItsKeyExpires() {
		WaitpointCreated first = this.waitpoints
			.create(new WaitpointSpec("approve-42", Duration.ofHours(1), null, List.of()));
		this.waitpoints.complete(first.token().id(), JSON.booleanNode(true));

		WaitpointCreated again = this.waitpoints
			.create(new WaitpointSpec("approve-42", Duration.ofHours(1), null, List.of()));
		assertThat(again.cached()).isTrue();
		assertThat(again.token().id()).isEqualTo(first.token().id());
		assertThat(again.token().status()).as("even completed").isEqualTo(WaitpointStatus.COMPLETED);
		assertThat(again.token().idempotencyKeyExpiresAt()).isEqualTo(at("11:00:00"));

		this.clock.advance(Duration.ofHours(1));
		assertThat(this.waitpoints.create(new WaitpointSpec("approve-42", null, null, List.of())).cached())
			.as("at the expiry instant the key is still live")
			.isTrue();
		this.clock.advance(Duration.ofMillis(1));
		WaitpointCreated fresh = this.waitpoints.create(new WaitpointSpec("approve-42", null, null, List.of()));
		assertThat(fresh.cached()).isFalse();
		assertThat(fresh.token().id()).isNotEqualTo(first.token().id());
		WaitpointSnapshot old = find(first.token().id());
		assertThat(old.inactiveIdempotencyKey()).isEqualTo("approve-42");
		assertThat(old.idempotencyKey()).hasSize(24).isNotEqualTo("approve-42");
		assertThat(this.waitpoints.list(new WaitpointQuery(null, "approve-42", null, null, null, null, 25, null, null))
			.data()).extracting(WaitpointSnapshot::id).containsExactly(fresh.token().id(), first.token().id());
	}

	@Test
	void aTokenWithoutKeyGetsARandomOne() {
		WaitpointSnapshot token = this.waitpoints.create(WaitpointSpec.plain()).token();

		assertThat(token.id()).matches("waitpoint_[0-9a-v]{24}e1");
		assertThat(token.userProvidedIdempotencyKey()).isFalse();
		assertThat(token.idempotencyKey()).hasSize(24);
		assertThat(token.status()).isEqualTo(WaitpointStatus.WAITING);
		assertThat(token.createdAt()).isEqualTo(START);
		assertThat(this.waitpoints.find(token.internalId())).as("found by internal id too").contains(token);
	}

	@Test
	void moreThanTenTagsAreRefused() {
		List<String> tags = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k");

		assertThatExceptionOfType(EngineException.class)
			.isThrownBy(() -> this.waitpoints.create(new WaitpointSpec(null, null, null, tags)))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(422))
			.withMessage("Waitpoints can only have 10 tags, you're trying to set 11.");
		assertThat(this.waitpoints.list(WaitpointQuery.all()).data()).isEmpty();
	}

	@Test
	void theCallbackHashIsTheHmacOfTheInternalIdAndIsChecked() throws Exception {
		this.waitpoints.signingKey("tr_dev_secret");
		WaitpointSnapshot token = this.waitpoints.create(WaitpointSpec.plain()).token();
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec("tr_dev_secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		String expected = HexFormat.of().formatHex(mac.doFinal(token.internalId().getBytes(StandardCharsets.UTF_8)));
		assertThat(token.callbackHash()).isEqualTo(expected);

		assertThatExceptionOfType(EngineException.class)
			.isThrownBy(() -> this.waitpoints.completeByCallback(token.id(), "0".repeat(64), JSON.nullNode()))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(401))
			.withMessage("Invalid URL, hash doesn't match");
		assertThatExceptionOfType(EngineException.class)
			.isThrownBy(() -> this.waitpoints.completeByCallback(token.id(), "abc", JSON.nullNode()))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(401));
		assertThatExceptionOfType(EngineException.class)
			.isThrownBy(() -> this.waitpoints.completeByCallback(token.id(), "z".repeat(64), JSON.nullNode()))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(500))
			.withMessage("Failed to complete HTTP callback");
		assertThatExceptionOfType(EngineException.class)
			.isThrownBy(() -> this.waitpoints.completeByCallback("waitpoint_nope", expected, JSON.nullNode()))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(404))
			.withMessage("Waitpoint not found");
		assertThat(find(token.id()).status()).isEqualTo(WaitpointStatus.WAITING);

		WaitpointSnapshot completed = this.waitpoints.completeByCallback(token.id(), expected.toUpperCase(),
				JSON.objectNode().put("ok", true));
		assertThat(completed.status()).isEqualTo(WaitpointStatus.COMPLETED);
		assertThat(completed.output().toString()).isEqualTo("{\"ok\":true}");
	}

	@Test
	void listPagesNewestFirstWithTheServersCursors() {
		String first = token();
		this.clock.advance(Duration.ofMinutes(1));
		String second = token();
		this.clock.advance(Duration.ofMinutes(1));
		String third = token();

		WaitpointPage page1 = this.waitpoints
			.list(new WaitpointQuery(null, null, null, null, null, null, 2, null, null));
		assertThat(page1.data()).extracting(WaitpointSnapshot::id).containsExactly(third, second);
		assertThat(page1.previous()).isNull();
		assertThat(page1.next()).isEqualTo(page1.data().get(1).internalId());

		WaitpointPage page2 = this.waitpoints
			.list(new WaitpointQuery(null, null, null, null, null, null, 2, page1.next(), null));
		assertThat(page2.data()).extracting(WaitpointSnapshot::id).containsExactly(first);
		assertThat(page2.next()).isNull();
		assertThat(page2.previous()).isEqualTo(page2.data().get(0).internalId());

		WaitpointPage back = this.waitpoints
			.list(new WaitpointQuery(null, null, null, null, null, null, 2, null, page2.previous()));
		assertThat(back.data()).extracting(WaitpointSnapshot::id).containsExactly(third, second);
	}

	@Test
	void listFiltersAsTheServerDoesTimedOutTokensAreCompletedOnesWithAnError() {
		String waiting = this.waitpoints.create(new WaitpointSpec(null, null, null, List.of("a"))).token().id();
		String completed = token();
		this.waitpoints.complete(completed, JSON.stringNode("done"));
		String timedOut = this.waitpoints.create(new WaitpointSpec(null, null, at("10:00:30"), List.of("b", "c")))
			.token()
			.id();
		this.clock.advance(Duration.ofMinutes(1));

		assertThat(ids(EnumSet.of(WaitpointStatus.WAITING), null)).containsExactly(waiting);
		assertThat(ids(EnumSet.of(WaitpointStatus.COMPLETED), null)).containsExactly(completed);
		assertThat(ids(EnumSet.of(WaitpointStatus.TIMED_OUT), null)).containsExactly(timedOut);
		assertThat(ids(EnumSet.of(WaitpointStatus.WAITING, WaitpointStatus.COMPLETED), null))
			.as("two statuses match the stored ones: a timed-out token is completed")
			.containsExactly(timedOut, completed, waiting);
		assertThat(ids(null, List.of("c", "a"))).containsExactly(timedOut, waiting);
		assertThat(this.waitpoints
			.list(new WaitpointQuery(null, null, null, Duration.ofSeconds(30), null, null, 25, null, null))
			.data()).isEmpty();
		assertThat(
				this.waitpoints.list(new WaitpointQuery(null, null, null, null, START, START, 25, null, null)).data())
			.hasSize(3);
	}

	private List<String> ids(Set<WaitpointStatus> statuses, List<String> tags) {
		return this.waitpoints.list(new WaitpointQuery(statuses, null, tags, null, null, null, 25, null, null))
			.data()
			.stream()
			.map(WaitpointSnapshot::id)
			.toList();
	}

}
