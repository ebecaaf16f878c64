package io.trigger4j.emulator;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.trigger4j.emulator.api.EmulatorApi;
import io.trigger4j.emulator.engine.Deployments;
import io.trigger4j.emulator.engine.Engine;
import io.trigger4j.emulator.engine.EnvVars;
import io.trigger4j.emulator.engine.RunSnapshot;
import io.trigger4j.emulator.engine.RunState;
import io.trigger4j.emulator.engine.ScheduleSnapshot;
import io.trigger4j.emulator.engine.Schedules;
import io.trigger4j.emulator.engine.TriggerSpec;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;

/**
 * An in-memory Trigger.dev v3 REST API on a loopback port, behaving as the real server
 * does: status names by API version, error bodies, limits, idempotency, cursor
 * pagination, rate limits.
 *
 * <pre>{@code
 * try (TriggerEmulator emulator = TriggerEmulator.builder()
 *         .task(EmulatedTask.of("hello-world", (run) -> Map.of("greeting", "hi")))
 *         .start()) {
 *     String url = emulator.baseUrl();   // point the client here
 *     String key = emulator.secretKey(); // with this key
 * }
 * }</pre>
 *
 * Tasks are declared up front; a trigger of an undeclared task waits for a deploy
 * (PENDING_VERSION) as on the real server, and expires after its TTL. Time comes from the
 * {@link Clock} given to the builder; with a {@link ManualClock}, tests move it with
 * {@link #advance(Duration)} instead of sleeping. A test reads what was triggered with
 * {@link #runs()}, and {@link #reset()} forgets it all before the next test.
 */
public final class TriggerEmulator implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(TriggerEmulator.class);

	/**
	 * The key shown by {@link #secretKey()} when none is configured; any {@code tr_dev_}
	 * key is accepted then.
	 */
	public static final String DEFAULT_SECRET_KEY = "tr_dev_emulator";

	/** How long a task handler may take (real time) before its step fails. */
	private static final Duration HANDLER_TIMEOUT = Duration.ofSeconds(30);

	/** The server's realtime hold timeout, the default of the emulator's. */
	private static final Duration DEFAULT_REALTIME_HOLD_TIMEOUT = Duration.ofSeconds(20);

	/** The Node http server's {@code headersTimeout}, the default read timeout. */
	private static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

	/** What a fault breaking the body of an answer the route never gave sends. */
	private static final String STAND_IN_ANSWER = "{\"id\":\"run_cm0emulatorfaultstandin00\",\"isCached\":false}";

	/** How long {@link #stop()} waits for connections to close. */
	private static final Duration STOP_GRACE = Duration.ofSeconds(2);

	/** How many runs the emulator holds by default before evicting finished ones. */
	public static final int DEFAULT_RETAINED_RUNS = 100_000;

	private final DisposableServer server;

	private final DisposableServer packetServer;

	private final Clock clock;

	private final @Nullable String secretKey;

	private final String projectRef;

	private final List<Fault> faults = new ArrayList<>();

	/** Every open connection of both servers, closed by {@link #stop()}. */
	private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

	private final Engine engine;

	private final EmulatorApi.@Nullable RateLimit rateLimit;

	/**
	 * The routes and their own state (rate-limit buckets, realtime shapes, packet URL
	 * keys), replaced by {@link #reset()}; a request in flight keeps the one it started
	 * with.
	 */
	private volatile EmulatorApi api;

	private TriggerEmulator(Builder builder) {
		this.clock = builder.clock;
		this.secretKey = builder.secretKey;
		AtomicReference<@Nullable Engine> built = new AtomicReference<>();
		Engine engine = new Engine(builder.clock,
				builder.tasks.values().stream().map((task) -> TaskSteps.spec(task, built::get)).toList(),
				HANDLER_TIMEOUT);
		built.set(engine);
		this.engine = engine;
		// The environment's API key signs the tokens' callback URLs.
		engine.waitpoints().signingKey(secretKey());
		engine.envVars().projectRef(builder.projectRef);
		engine.runChanges().holdTimeout(builder.realtimeHoldTimeout);
		engine.retainedRuns(builder.retainedRuns);
		this.projectRef = builder.projectRef;
		// The current deployment (of the default version) is made now, the others after
		// it.
		engine.deployments().current();
		builder.deployments.forEach(engine.deployments()::add);
		this.rateLimit = (builder.rateLimitCapacity > 0) ? new EmulatorApi.RateLimit(builder.rateLimitCapacity,
				builder.rateLimitRefill, builder.rateLimitInterval) : null;
		this.api = new EmulatorApi(engine, builder.clock, builder.secretKey, this.rateLimit);
		// The object store of offloaded packets, on a port of its own as a real one is
		// on a host of its own.
		this.packetServer = HttpServer.create()
			.host(builder.host)
			.port(0)
			.doOnChannelInit((observer, channel, address) -> guard(channel, builder.readTimeout))
			.handle((request, response) -> this.api.packetHandler().apply(request, response))
			.bindNow();
		this.api.packetBaseUrl(packetBaseUrl());
		try {
			this.server = HttpServer.create()
				.host(builder.host)
				.port(builder.port)
				.doOnChannelInit((observer, channel, address) -> guard(channel, builder.readTimeout))
				.handle((request, response) -> withFaults(request, response, this.api.handler()))
				.bindNow();
		}
		catch (RuntimeException ex) {
			this.packetServer.disposeNow(Duration.ofSeconds(5));
			throw ex;
		}
		logger.debug("Trigger.dev emulator listening on {}, packets on {}", baseUrl(), packetBaseUrl());
	}

	/**
	 * Starts an emulator on a random free loopback port with the given tasks and the
	 * builder's other defaults (system clock, any {@code tr_dev_} key, no rate limit).
	 * @param tasks the tasks to declare
	 * @return the started emulator; {@link #stop()} or {@link #close()} it
	 */
	public static TriggerEmulator start(EmulatedTask... tasks) {
		Builder builder = builder();
		for (EmulatedTask task : tasks) {
			builder.task(task);
		}
		return builder.start();
	}

	/**
	 * {@return a builder of an emulator, with defaults for everything}
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * {@return the base URL to point a client at, such as {@code http://127.0.0.1:50123}}
	 */
	public String baseUrl() {
		return "http://" + this.server.host() + ":" + this.server.port();
	}

	/**
	 * The base URL of the emulator's packet host, such as {@code http://127.0.0.1:50124}:
	 * where the presigned URLs of offloaded payloads and outputs point (a port of its
	 * own, picked at start; it takes no credential).
	 * @return the packet host's base URL
	 */
	public String packetBaseUrl() {
		return "http://" + this.packetServer.host() + ":" + this.packetServer.port();
	}

	/**
	 * {@return the port the emulator's API listens on}
	 */
	public int port() {
		return this.server.port();
	}

	/**
	 * {@return the emulated project's ref ({@code proj_...}), for the project routes}
	 */
	public String projectRef() {
		return this.projectRef;
	}

	/**
	 * {@return a secret key the emulator accepts: the configured one, or
	 * {@value #DEFAULT_SECRET_KEY}}
	 */
	public String secretKey() {
		return (this.secretKey != null) ? this.secretKey : DEFAULT_SECRET_KEY;
	}

	/**
	 * Moves the emulator's {@link ManualClock} forward: delayed runs are queued, attempts
	 * finish, retries start and TTLs pass as if that time had gone by.
	 * @param duration how far to move the clock, not negative
	 * @throws IllegalStateException if the emulator was not built with a
	 * {@link ManualClock}
	 */
	public void advance(Duration duration) {
		if (!(this.clock instanceof ManualClock manual)) {
			throw new IllegalStateException(
					"advance needs a ManualClock; build the emulator with clock(new ManualClock(...))");
		}
		manual.advance(duration);
	}

	/**
	 * Injects a fault into the next matching requests; faults are tried in the order
	 * injected, and each is spent after its {@link Fault#times() times}.
	 * @param fault the fault
	 */
	public void inject(Fault fault) {
		synchronized (this.faults) {
			this.faults.add(Objects.requireNonNull(fault, "fault must not be null"));
		}
	}

	/** Removes every fault not yet spent. */
	public void clearFaults() {
		synchronized (this.faults) {
			this.faults.clear();
		}
	}

	/**
	 * Returns the emulator to the state it started in, for the next test: the runs,
	 * batches, waitpoint tokens, idempotency keys, schedules created through the API,
	 * environment variables, offloaded packets and realtime data streams go, custom
	 * queues go and the tasks' queues are neither paused nor overridden any more, the
	 * first deployment is current again, faults not yet spent are cleared and rate-limit
	 * buckets are full again. A trigger with an idempotency key used before the reset
	 * makes a new run.
	 *
	 * <p>
	 * What the emulator was built with stays: its tasks (and their declared schedules,
	 * active again and firing from now), deployments, project ref, secret key, ports and
	 * clock (which is not moved back). A task handler still running is interrupted and
	 * what it returns is ignored. Held realtime requests are woken (one following a run
	 * that is gone is answered 404; a realtime client presenting a shape handle from
	 * before the reset is told to start again, 409). Requests may be in flight: what each
	 * changes is changed wholly before or wholly after the reset.
	 */
	public void reset() {
		clearFaults();
		this.engine.reset();
		EmulatorApi fresh = new EmulatorApi(this.engine, this.clock, this.secretKey, this.rateLimit);
		fresh.packetBaseUrl(packetBaseUrl());
		this.api = fresh;
	}

	/**
	 * The runs the emulator holds, in the order they were triggered: what the code under
	 * test triggered since the emulator started or was {@link #reset()}, without going
	 * through the REST API. Time moves forward first, as for a request.
	 * @return immutable snapshots of the runs, oldest first
	 */
	public List<EmulatedRun> runs() {
		return this.engine.runs().stream().map(TriggerEmulator::emulatedRun).toList();
	}

	/**
	 * The schedules the emulator holds, in the order they were created: those declared
	 * with tasks, and those created through the API since the emulator started or was
	 * {@link #reset()}.
	 * @return immutable snapshots of the schedules, oldest first
	 */
	public List<EmulatedSchedule> schedules() {
		List<EmulatedSchedule> schedules = new ArrayList<>();
		for (ScheduleSnapshot schedule : this.engine.schedules().list(1, Schedules.MAX_SCHEDULES).data()) {
			schedules.add(new EmulatedSchedule(schedule.id(), schedule.task(), schedule.type(), schedule.active(),
					schedule.cron(), schedule.timezone(), schedule.deduplicationKey(), schedule.externalId(),
					schedule.createdAt(), schedule.nextRun()));
		}
		Collections.reverse(schedules);
		return List.copyOf(schedules);
	}

	/** The engine behind the routes; for tests. */
	Engine engine() {
		return this.engine;
	}

	private static EmulatedRun emulatedRun(RunSnapshot run) {
		TriggerSpec.KeyOptions keyOptions = run.idempotencyKeyOptions();
		String idempotencyKey = (keyOptions != null) ? keyOptions.key() : run.idempotencyKey();
		return new EmulatedRun(run.id(), run.taskIdentifier(), run.state().publicName(RunState.CURRENT_API_VERSION),
				run.state().isTerminal(), json(run.payload()), run.tags(), idempotencyKey, run.createdAt(),
				json(run.metadata()), json(run.output()));
	}

	private static @Nullable String json(@Nullable JsonNode node) {
		return (node != null) ? node.toString() : null;
	}

	/**
	 * Stops the emulator within about two seconds: frees its ports, closes every
	 * connection (one whose answer is being written once that answer is complete; held
	 * requests, such as a quiet live realtime request or a request delayed by a fault,
	 * are closed unanswered, so their clients fail at once) and ends the engine's
	 * threads. An answer is never cut half-written, except a fault's slow body. Calling
	 * it again does nothing.
	 */
	public void stop() {
		try {
			this.server.disposeNow(STOP_GRACE);
		}
		finally {
			try {
				this.packetServer.disposeNow(STOP_GRACE);
			}
			finally {
				closeConnections();
				this.engine.close();
			}
		}
	}

	private void guard(io.netty.channel.Channel channel, Duration readTimeout) {
		this.connections.add(channel);
		ConnectionGuard.install(channel, readTimeout);
	}

	private void closeConnections() {
		List<io.netty.channel.Channel> open = new ArrayList<>(this.connections);
		open.forEach(ConnectionGuard::shutdown);
		long deadline = System.nanoTime() + STOP_GRACE.toNanos();
		for (io.netty.channel.Channel channel : open) {
			long left = deadline - System.nanoTime();
			if (left <= 0
					|| !channel.closeFuture().awaitUninterruptibly(left, java.util.concurrent.TimeUnit.NANOSECONDS)) {
				channel.close();
			}
		}
	}

	@Override
	public void close() {
		stop();
	}

	private Publisher<Void> withFaults(HttpServerRequest request, HttpServerResponse response,
			BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> api) {
		// The raw target: decoding a malformed escape here would fail before any answer.
		String uri = request.uri();
		int query = uri.indexOf('?');
		Fault fault = takeFault((query >= 0) ? uri.substring(0, query) : uri);
		if (fault == null) {
			return api.apply(request, response);
		}
		// A rate limit's reset is resolved now, on the emulator's clock.
		Fault resolved = new Fault(fault.status(), fault.latency(), fault.dropConnection(), 1, null, fault.onAnswer(),
				fault.answerHeaders(this.clock), fault.body(), null);
		if (resolved.onAnswer()) {
			// The route runs; the fault waits for its answer on the connection.
			request
				.withConnection((connection) -> connection.channel().attr(ConnectionGuard.ANSWER_FAULT).set(resolved));
			return api.apply(request, response);
		}
		Mono<Void> delay = resolved.latency().isZero() ? Mono.empty() : Mono.delay(resolved.latency()).then();
		if (resolved.dropConnection()) {
			return delay.then(Mono.fromRunnable(() -> request.withConnection(Connection::dispose)));
		}
		if (resolved.status() != 0) {
			return delay.then(Mono.defer(() -> {
				resolved.headers().forEach(response::header);
				return response.status(resolved.status())
					.header("Content-Type", "application/json; charset=utf-8")
					.sendString(Mono.just(ConnectionGuard.faultBody(resolved.status())))
					.then();
			}));
		}
		if (resolved.body() != Fault.Body.AS_IS) {
			// A stand-in answer, broken on its way out by the connection's guard.
			request
				.withConnection((connection) -> connection.channel().attr(ConnectionGuard.ANSWER_FAULT).set(resolved));
			return delay.then(Mono.defer(() -> response.status(200)
				.header("Content-Type", "application/json; charset=utf-8")
				.sendString(Mono.just(STAND_IN_ANSWER))
				.then()));
		}
		return delay.then(Mono.defer(() -> Mono.from(api.apply(request, response))));
	}

	private @Nullable Fault takeFault(String path) {
		synchronized (this.faults) {
			for (int i = 0; i < this.faults.size(); i++) {
				Fault fault = this.faults.get(i);
				if (fault.pathPrefix() == null || path.startsWith(fault.pathPrefix())) {
					if (fault.times() <= 1) {
						this.faults.remove(i);
					}
					else {
						this.faults.set(i, fault.times(fault.times() - 1));
					}
					return fault;
				}
			}
			return null;
		}
	}

	@Override
	public String toString() {
		return "TriggerEmulator[" + baseUrl() + "]";
	}

	/** Builds and starts a {@link TriggerEmulator}. */
	public static final class Builder {

		private final Map<String, EmulatedTask> tasks = new LinkedHashMap<>();

		private String host = "127.0.0.1";

		private int port;

		private Clock clock = Clock.systemUTC();

		private @Nullable String secretKey;

		private long rateLimitCapacity;

		private long rateLimitRefill;

		private Duration rateLimitInterval = Duration.ofSeconds(10);

		private String projectRef = EnvVars.DEFAULT_PROJECT_REF;

		private Duration realtimeHoldTimeout = DEFAULT_REALTIME_HOLD_TIMEOUT;

		private Duration readTimeout = DEFAULT_READ_TIMEOUT;

		private int retainedRuns = DEFAULT_RETAINED_RUNS;

		private final Map<String, String> deployments = new LinkedHashMap<>();

		private Builder() {
		}

		/**
		 * The emulated project's ref: {@code proj_} and 20 lower-case letters, as the
		 * server mints them. Defaults to {@value EnvVars#DEFAULT_PROJECT_REF}.
		 * @param projectRef the ref, such as {@code proj_abcdefghijklmnopqrst}
		 * @return this builder
		 */
		public Builder projectRef(String projectRef) {
			Objects.requireNonNull(projectRef, "projectRef must not be null");
			if (!projectRef.matches("proj_[a-z]{20}")) {
				throw new IllegalArgumentException(
						"projectRef must be proj_ and 20 lower-case letters but was '" + projectRef + "'");
			}
			this.projectRef = projectRef;
			return this;
		}

		/**
		 * Adds a {@code DEPLOYED} deployment of the declared tasks, which a test may
		 * promote ({@code POST /api/v1/deployments/{version}/promote}) so that new runs
		 * get its version. The emulator starts with a current deployment of version
		 * {@value Engine#DEFAULT_VERSION}.
		 * @param version the version, {@code YYYYMMDD.N}: a later one than the current
		 * promotes without {@code allowRollbacks}
		 * @return this builder
		 */
		public Builder deployment(String version) {
			return deployment(version, "DEPLOYED");
		}

		/**
		 * Adds a deployment of the declared tasks with a status: {@code PENDING},
		 * {@code INSTALLING}, {@code BUILDING}, {@code DEPLOYING}, {@code DEPLOYED},
		 * {@code FAILED}, {@code CANCELED} or {@code TIMED_OUT}. Only a {@code DEPLOYED}
		 * one can be promoted; {@code DEPLOYING} and {@code DEPLOYED} ones have a worker,
		 * the others none (the server's texts for promoting them differ).
		 * @param version the version, {@code YYYYMMDD.N}, not deployed already
		 * @param status the deployment's status, one of those above
		 * @return this builder
		 */
		public Builder deployment(String version, String status) {
			Deployments.check(version, status);
			if (version.equals(Engine.DEFAULT_VERSION) || this.deployments.containsKey(version)) {
				throw new IllegalArgumentException("version " + version + " is deployed already");
			}
			this.deployments.put(version, status);
			return this;
		}

		/**
		 * Declares a task; a task with the same id replaces the one declared before.
		 * @param task the task
		 * @return this builder
		 */
		public Builder task(EmulatedTask task) {
			Objects.requireNonNull(task, "task must not be null");
			this.tasks.put(task.id(), task);
			return this;
		}

		/**
		 * Declares a task that completes at once with its handler's output, as
		 * {@link EmulatedTask#of(String, TaskHandler)}.
		 * @param id the task identifier
		 * @param handler the task's body
		 * @return this builder
		 */
		public Builder task(String id, TaskHandler handler) {
			return task(EmulatedTask.of(id, handler));
		}

		/**
		 * The port of the API; the packet host always takes a free one.
		 * @param port 0-65535; 0 (the default) picks a free one
		 * @return this builder
		 */
		public Builder port(int port) {
			if (port < 0 || port > 65535) {
				throw new IllegalArgumentException("port must be between 0 and 65535 but was " + port);
			}
			this.port = port;
			return this;
		}

		/**
		 * The address both servers bind.
		 * @param host a host name or address; defaults to the loopback {@code 127.0.0.1}
		 * @return this builder
		 */
		public Builder host(String host) {
			this.host = Objects.requireNonNull(host, "host must not be null");
			return this;
		}

		/**
		 * Where time comes from; a {@link ManualClock} lets tests
		 * {@link TriggerEmulator#advance} it.
		 * @param clock the clock; defaults to the system's UTC clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock must not be null");
			return this;
		}

		/**
		 * Accept only this key; by default any {@code tr_dev_...} key is accepted.
		 * @param secretKey the key, not blank
		 * @return this builder
		 */
		public Builder secretKey(String secretKey) {
			Objects.requireNonNull(secretKey, "secretKey must not be null");
			if (secretKey.isBlank()) {
				throw new IllegalArgumentException("secretKey must not be blank");
			}
			this.secretKey = secretKey;
			return this;
		}

		/**
		 * Limits requests as the server does: 750 per bucket, 250 more every 10 s.
		 * @return this builder
		 */
		public Builder rateLimited() {
			return rateLimit(750, 250, Duration.ofSeconds(10));
		}

		/**
		 * Limits requests per key with a token bucket of {@code capacity}, refilled by
		 * {@code refill} per interval.
		 * @param capacity the bucket's size and starting fill, at least 1
		 * @param refill how many requests each interval adds back, at least 1
		 * @param interval how often the bucket refills (on the emulator's clock),
		 * positive
		 * @return this builder
		 */
		public Builder rateLimit(long capacity, long refill, Duration interval) {
			if (capacity < 1 || refill < 1) {
				throw new IllegalArgumentException("capacity and refill must be at least 1");
			}
			Objects.requireNonNull(interval, "interval must not be null");
			if (interval.isNegative() || interval.isZero()) {
				throw new IllegalArgumentException("interval must be positive but was " + interval);
			}
			this.rateLimitCapacity = capacity;
			this.rateLimitRefill = refill;
			this.rateLimitInterval = interval;
			return this;
		}

		/**
		 * How long a live realtime request ({@code GET /realtime/v1/...} with
		 * {@code live=true}) is held while nothing in its feed changes, before it is
		 * answered with a bare {@code up-to-date} (jittered by ±15 %, as the server
		 * jitters it). Defaults to the server's 20 s; a test can make quiet long-polls
		 * answer quickly with a shorter one, such as {@code Duration.ofMillis(200)}. A
		 * change in the feed answers a held request at once whatever the timeout.
		 * @param holdTimeout positive; measured in real time, not the emulator's clock
		 * @return this builder
		 */
		public Builder realtimeHoldTimeout(Duration holdTimeout) {
			Objects.requireNonNull(holdTimeout, "holdTimeout must not be null");
			if (holdTimeout.isNegative() || holdTimeout.isZero()) {
				throw new IllegalArgumentException("holdTimeout must be positive but was " + holdTimeout);
			}
			this.realtimeHoldTimeout = holdTimeout;
			return this;
		}

		/**
		 * How long a request may take to arrive, from its first byte to its last (headers
		 * and body). One that has not arrived in full by then is answered {@code 408
		 * Request Timeout} with {@code Connection: close} and no body, and its connection
		 * is closed, so a stalled or abandoned request holds nothing for ever. The real
		 * API runs on Node's http server, which does the same: 408 and close when the
		 * headers take over 60 s ({@code headersTimeout}) or the whole request over 300 s
		 * ({@code requestTimeout}). Defaults to 60 s; an idle connection between requests
		 * is not timed. Applies to the packet host too.
		 * @param readTimeout positive; measured in real time, not the emulator's clock
		 * @return this builder
		 */
		public Builder readTimeout(Duration readTimeout) {
			Objects.requireNonNull(readTimeout, "readTimeout must not be null");
			if (readTimeout.isNegative() || readTimeout.isZero()) {
				throw new IllegalArgumentException("readTimeout must be positive but was " + readTimeout);
			}
			this.readTimeout = readTimeout;
			return this;
		}

		/**
		 * The most runs the emulator holds, so that a long-lived emulator's memory stays
		 * bounded (a finished run takes about 1.5 KB, more with large payloads and
		 * outputs). When more are held, finished runs are evicted, the earliest created
		 * first (the end of the run list); unfinished runs are never evicted, so the
		 * emulator may hold more while more runs than this are unfinished. An evicted run
		 * is gone as if it had never been: retrieving it answers 404, the list no longer
		 * shows it, and its idempotency key and request idempotency key no longer return
		 * it (a trigger with them creates a new run). A batch no longer shows its evicted
		 * runs (they count as finished in its status), and once all the runs it created
		 * are evicted the batch goes too (retrieving it answers 404, its idempotency key
		 * is free). Defaults to {@value #DEFAULT_RETAINED_RUNS}.
		 * @param retainedRuns at least 1
		 * @return this builder
		 */
		public Builder retainedRuns(int retainedRuns) {
			if (retainedRuns < 1) {
				throw new IllegalArgumentException("retainedRuns must be at least 1 but was " + retainedRuns);
			}
			this.retainedRuns = retainedRuns;
			return this;
		}

		/**
		 * Starts the emulator: binds its ports and starts its engine.
		 * @return the started emulator; {@link TriggerEmulator#stop()} or
		 * {@link TriggerEmulator#close()} it
		 */
		public TriggerEmulator start() {
			return new TriggerEmulator(this);
		}

	}

}
