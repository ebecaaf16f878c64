package io.trigger4j.client;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.trigger4j.client.error.TriggerDecodingException;
import io.trigger4j.client.error.TriggerException;
import io.trigger4j.client.error.TriggerTimeoutException;
import io.trigger4j.client.internal.Checks;
import io.trigger4j.client.model.MachinePreset;
import io.trigger4j.client.model.batches.BatchHandle;
import io.trigger4j.client.model.batches.BatchItem;
import io.trigger4j.client.model.batches.BatchOptions;
import io.trigger4j.client.model.batches.BatchTriggerResult;
import io.trigger4j.client.model.batches.BatchTriggered;
import io.trigger4j.client.model.runs.Run;
import io.trigger4j.client.model.tasks.IdempotencyKey;
import io.trigger4j.client.model.tasks.RunFailedException;
import io.trigger4j.client.model.tasks.TaskRef;
import io.trigger4j.client.model.tasks.TriggerOptions;
import io.trigger4j.client.model.tasks.TriggeredRun;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * The {@link TasksOperations} implementation. Follows runs for
 * {@link #triggerAndAwait(String, Object, TriggerOptions, Class, Duration)} through a
 * {@link RunsOperations}, so that it can be given any.
 */
final class DefaultTasksOperations implements TasksOperations {

	static final int MAX_TASK_BATCH_ITEMS = 100;

	static final int MAX_BATCH_ITEMS = 500;

	/** The most items of one two-phase batch ({@code STREAMING_BATCH_MAX_ITEMS}). */
	static final int MAX_STREAMED_BATCH_ITEMS = 1000;

	/** How many two-phase batches of one call are in flight at once. */
	static final int MAX_BATCHES_IN_FLIGHT = 2;

	/** How many large payloads of one batch are uploaded at once (as the SDK does). */
	static final int MAX_UPLOADS_IN_FLIGHT = 10;

	/** How often items are sent again while the server answers {@code sealed: false}. */
	static final int MAX_SEAL_RETRIES = 5;

	/** The first wait before items are sent again to a batch that is not sealed. */
	static final Duration SEAL_RETRY_BACKOFF = Duration.ofSeconds(1);

	/** The response header carrying a public access token for what was triggered. */
	private static final String JWT_HEADER = "x-trigger-jwt";

	private static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

	/**
	 * What a key generated for a trigger without one starts with (then a random UUID), so
	 * that such keys are recognisable on runs.
	 */
	static final String GENERATED_KEY_PREFIX = "trigger4j-";

	/**
	 * The least time a generated key is kept by the server: it need only outlive the
	 * retries of one call.
	 */
	static final Duration GENERATED_KEY_MIN_TTL = Duration.ofHours(1);

	/** The scope the SDK names for keys made outside a task (where it adds nothing). */
	private static final String KEY_SCOPE = "run";

	private final TriggerHttp http;

	private final RunsOperations runs;

	private final Packets packets;

	private final ObjectMapper applicationMapper;

	/**
	 * How long the server keeps a generated key: this view's longest call, rounded up.
	 */
	private final String generatedKeyTtl;

	/**
	 * @param http the transport
	 * @param runs follows triggered runs
	 */
	DefaultTasksOperations(TriggerHttp http, RunsOperations runs) {
		this.http = http;
		this.runs = runs;
		this.packets = new Packets(http);
		this.applicationMapper = ApplicationMapper.of(http.json());
		this.generatedKeyTtl = generatedKeyTtl(http.deadline(), http.retrySettings());
	}

	@Override
	public Mono<TriggeredRun> trigger(String taskIdentifier, Object payload) {
		return trigger(taskIdentifier, payload, TriggerOptions.none());
	}

	@Override
	public Mono<TriggeredRun> trigger(String taskIdentifier, Object payload, TriggerOptions options) {
		Operation.TASKS_TRIGGER.checkPath(taskIdentifier);
		Objects.requireNonNull(payload, "payload must not be null");
		Objects.requireNonNull(options, "options must not be null");
		IdempotencyKey key = options.idempotencyKey();
		ItemBody body = item("", null, payload, options, null, null);
		TriggerRetrySettings retry = this.http.retrySettings();
		boolean generate = key == null && retry.generatedIdempotencyKeys() && retry.maxAttempts() > 1;
		String generatedTtl = generate ? this.generatedKeyTtl : null;
		Function<ItemBody, Mono<TriggeredRun>> send = (offloaded) -> {
			// One key per logical call (per subscription), kept on its retries; its
			// random part is the request idempotency key too (one random value per call).
			String random = UUID.randomUUID().toString();
			ItemBody sent = generate ? offloaded.withKey(GENERATED_KEY_PREFIX + random, generatedTtl) : offloaded;
			// Always safe to repeat: the user's key, the generated key, or (generated
			// keys
			// off) the request idempotency key make the server answer a repeat with the
			// first attempt's run.
			return this.http.execute(ApiCall.to(Operation.TASKS_TRIGGER, taskIdentifier)
				.body(sent)
				.requestKey(random)
				.repeatableWhen(true)
				.reading(TriggerAnswer.class, (answer, headers) -> new TriggeredRun(answer.id(),
						!generate && answer.isCached(), headers.getFirst(JWT_HEADER))));
		};
		// A small payload (the common case) is sent as it is, without an upload step.
		return Packets.isSmall(body.payload()) ? Mono.defer(() -> send.apply(body)) : offload(body).flatMap(send);
	}

	/**
	 * How long a generated key is kept: at least {@link #GENERATED_KEY_MIN_TTL}, and no
	 * less than the longest a logical call can last (its deadline and its rate-limit
	 * waits), in whole hours.
	 */
	static String generatedKeyTtl(Duration deadline, TriggerRetrySettings retry) {
		Duration longest = deadline.plus(retry.maxRateLimitWait());
		long hours = Math.max(GENERATED_KEY_MIN_TTL.toHours(),
				longest.toHours() + ((longest.compareTo(Duration.ofHours(longest.toHours())) > 0) ? 1 : 0));
		return hours + "h";
	}

	@Override
	public <P> Mono<TriggeredRun> trigger(TaskRef<P, ?> task, P payload, TriggerOptions options) {
		Objects.requireNonNull(task, "task must not be null");
		return trigger(task.id(), payload, options);
	}

	@Override
	public <T> Mono<T> triggerAndAwait(String taskIdentifier, Object payload, TriggerOptions options,
			Class<T> outputType, Duration timeout) {
		Objects.requireNonNull(outputType, "outputType must not be null");
		return triggerAndAwait(taskIdentifier, payload, options, (Type) outputType, timeout);
	}

	@Override
	public <T> Mono<T> triggerAndAwait(String taskIdentifier, Object payload, TriggerOptions options,
			TypeReference<T> outputType, Duration timeout) {
		Objects.requireNonNull(outputType, "outputType must not be null");
		return triggerAndAwait(taskIdentifier, payload, options, outputType.getType(), timeout);
	}

	@Override
	public <P, O> Mono<O> triggerAndAwait(TaskRef<P, O> task, P payload, TriggerOptions options, Duration timeout) {
		Objects.requireNonNull(task, "task must not be null");
		return triggerAndAwait(task.id(), payload, options, task.outputType(), timeout);
	}

	private <T> Mono<T> triggerAndAwait(String taskIdentifier, Object payload, TriggerOptions options, Type outputType,
			Duration timeout) {
		Checks.requirePositive("timeout", timeout);
		Mono<TriggeredRun> triggered = trigger(taskIdentifier, payload, options);
		return triggered.flatMap((run) -> this.<T>follow(run.id(), outputType)
			.timeout(timeout,
					Mono.error(() -> new TriggerTimeoutException("tasks.triggerAndAwait",
							"run " + run.id() + " did not finish within " + timeout, timeout, null)),
					this.http.scheduler()));
	}

	/**
	 * The output of a run once it has finished: the feed's runs are taken until one is
	 * final and either failed or carries its output (a completed run's output may arrive
	 * in a later change), else until the feed completes. An output offloaded to a
	 * presigned URL is downloaded.
	 */
	private <T> Mono<T> follow(String runId, Type outputType) {
		AtomicReference<@Nullable Run> last = new AtomicReference<>();
		boolean wantsOutput = outputType != Void.class;
		return this.runs.subscribeToRun(runId)
			.doOnNext(last::set)
			.takeUntil((run) -> settled(run, wantsOutput))
			.then(Mono.defer(() -> {
				Run run = last.get();
				if (run == null || !run.isTerminal()) {
					return Mono.error(new TriggerException(
							"tasks.triggerAndAwait failed: the feed of run " + runId + " ended before the run finished"
									+ ((run != null) ? " (last status " + run.status().value() + ")" : ""),
							null));
				}
				if (!run.status().isSuccess()) {
					return Mono.error(new RunFailedException(run));
				}
				if (!wantsOutput) {
					return Mono.empty();
				}
				return this.packets.resolve(run)
					.flatMap((resolved) -> Mono.justOrEmpty(this.<T>output(resolved, outputType)));
			}));
	}

	/**
	 * Whether the run is final with all that is awaited: a failed run at once; a
	 * completed one once its output arrived (it may come in a later change), or at once
	 * when the output is not wanted.
	 */
	private static boolean settled(Run run, boolean wantsOutput) {
		return run.isTerminal() && (!run.status().isSuccess() || !wantsOutput || run.output() != null
				|| run.outputPresignedUrl() != null);
	}

	private <T> @Nullable T output(Run run, Type outputType) {
		if (run.output() == null || outputType == Void.class) {
			return null;
		}
		try {
			return this.applicationMapper.treeToValue(run.output().as(JsonNode.class),
					this.applicationMapper.constructType(outputType));
		}
		catch (JacksonException ex) {
			throw new TriggerDecodingException("The output of run " + run.id() + " cannot be read as "
					+ outputType.getTypeName() + ": " + ex.getOriginalMessage(), ex);
		}
	}

	@Override
	public Mono<BatchTriggerResult> batchTrigger(String taskIdentifier, List<BatchItem> items, BatchOptions options) {
		Operation.TASKS_BATCH_TRIGGER.checkPath(taskIdentifier);
		requireItems(items, MAX_TASK_BATCH_ITEMS);
		Objects.requireNonNull(options, "options must not be null");
		return batch(items, false, options).flatMap((bodies) -> this.http
			.execute(batch(ApiCall.to(Operation.TASKS_BATCH_TRIGGER, taskIdentifier), bodies, options)
				.reading(BatchAnswer.class, (answer, headers) -> new BatchTriggerResult(answer.id(),
						answer.runs().stream().map(RunRef::id).toList(), headers.getFirst(JWT_HEADER)))));
	}

	@Override
	public Mono<BatchTriggered> batchTrigger(List<BatchItem> items, BatchOptions options) {
		requireItems(items, MAX_BATCH_ITEMS);
		Objects.requireNonNull(options, "options must not be null");
		return batch(items, true,
				options)
			.flatMap(
					(bodies) -> this.http
						.execute(
								batch(ApiCall.to(Operation.TASKS_BATCH_TRIGGER_MANY), bodies, options)
									.header("batch-processing-strategy",
											(options.processingStrategy() != null)
													? options.processingStrategy().value() : null)
									.reading(BatchAnswer.class, (answer, headers) -> {
										List<BatchTriggered.BatchRun> runs = answer.runs()
											.stream()
											.map((run) -> new BatchTriggered.BatchRun(run.id(), run.taskIdentifier(),
													run.isCached(), run.idempotencyKey()))
											.toList();
										return new BatchTriggered(answer.id(), answer.isCached(),
												answer.idempotencyKey(), runs, headers.getFirst(JWT_HEADER));
									})));
	}

	/**
	 * The items' bodies, written now (so a value that cannot be written fails before
	 * anything is sent), with large payloads offloaded once subscribed.
	 */
	private Mono<List<ItemBody>> batch(List<BatchItem> items, boolean withTask, BatchOptions options) {
		IdempotencyKey key = options.idempotencyKey();
		List<ItemBody> bodies = new ArrayList<>(items.size());
		for (int i = 0; i < items.size(); i++) {
			BatchItem item = items.get(i);
			bodies.add(item("items[" + i + "].", withTask ? item.task() : null, item.payload(), item.options(),
					(key != null) ? key.item(i) : null, options.idempotencyKeyTtl()));
		}
		return offload(bodies);
	}

	private ApiCall.Builder batch(ApiCall.Builder call, List<ItemBody> bodies, BatchOptions options) {
		IdempotencyKey key = options.idempotencyKey();
		return call.header("idempotency-key", (key != null) ? key.hash() : null)
			.header("idempotency-key-ttl", options.idempotencyKeyTtl())
			.body(new BatchBody(bodies))
			.idempotencyKey((key != null) ? key.hash() : null);
	}

	@Override
	public Flux<BatchHandle> batchTrigger(Flux<BatchItem> items, BatchOptions options) {
		Objects.requireNonNull(items, "items must not be null");
		Objects.requireNonNull(options, "options must not be null");
		return items.buffer(MAX_STREAMED_BATCH_ITEMS)
			.index()
			.switchIfEmpty(Mono.error(() -> new IllegalArgumentException("items must have at least 1 element")))
			.flatMapSequential((chunk) -> twoPhase(chunk.getT2(), chunk.getT1(), options), MAX_BATCHES_IN_FLIGHT, 1);
	}

	@Override
	public <P> Flux<BatchHandle> batchTrigger(TaskRef<P, ?> task, Flux<? extends P> payloads, BatchOptions options) {
		Objects.requireNonNull(task, "task must not be null");
		Objects.requireNonNull(payloads, "payloads must not be null");
		return batchTrigger(payloads.map((payload) -> BatchItem.of(task.id(), payload)), options);
	}

	/**
	 * One batch of the two-phase API: its items written, then announced, then sent (also
	 * when the batch's key matched an existing batch).
	 * @param number the batch's position among the call's batches, from 0
	 */
	private Mono<BatchHandle> twoPhase(List<BatchItem> items, long number, BatchOptions options) {
		return Mono.defer(() -> {
			long firstIndex = number * MAX_STREAMED_BATCH_ITEMS;
			IdempotencyKey key = options.idempotencyKey();
			IdempotencyKey batchKey = (key == null || number == 0) ? key : key.part("chunk", number);
			Mono<byte[]> lines = lines(items, firstIndex, key, options.idempotencyKeyTtl());
			LinkedHashSet<String> tasks = new LinkedHashSet<>();
			items.forEach((item) -> tasks.add(item.task()));
			CreateBatchBody body = new CreateBatchBody(items.size(), List.copyOf(tasks),
					(batchKey != null) ? batchKey.hash() : null, keyOptions(batchKey));
			return this.http
				.execute(ApiCall.to(Operation.BATCHES_CREATE)
					.body(body)
					.idempotencyKey((batchKey != null) ? batchKey.hash() : null)
					.reading(CreateBatchAnswer.class,
							(answer, headers) -> new BatchHandle(answer.id(), firstIndex, items.size(),
									answer.isCached(), headers.getFirst(JWT_HEADER))))
				// Sent for a cached batch too (unlike the SDK): its items may never have
				// arrived (phase 1 retried after an answer was lost, or phase 2 failed
				// before a repeated call); the server answers a sealed batch sealed at
				// once and deduplicates items by index.
				.flatMap((handle) -> lines.flatMap((bytes) -> streamItems(handle.batchId(), bytes)).thenReturn(handle));
		});
	}

	/**
	 * The items as NDJSON, one {@code {index, task, payload, options}} line each; items
	 * without their own key get the key derived from the batch's key and their input
	 * index, and the batch's key TTL when they have none.
	 */
	private Mono<byte[]> lines(List<BatchItem> items, long firstIndex, @Nullable IdempotencyKey key,
			@Nullable String keyTtl) {
		List<ItemBody> bodies = new ArrayList<>(items.size());
		for (int i = 0; i < items.size(); i++) {
			BatchItem item = items.get(i);
			long index = firstIndex + i;
			bodies.add(item("items[" + index + "].", item.task(), item.payload(), item.options(),
					(key != null) ? key.item(index) : null, keyTtl));
		}
		WireJson json = this.http.json();
		return offload(bodies).map((sent) -> {
			ByteArrayOutputStream out = new ByteArrayOutputStream(sent.size() * 128);
			for (int i = 0; i < sent.size(); i++) {
				ItemBody body = sent.get(i);
				out.writeBytes(
						json.write(new LineBody(i, body.task(), body.payload(), body.context(), body.options())));
				out.write('\n');
			}
			return out.toByteArray();
		});
	}

	/**
	 * The body as sent: a payload of at least {@link Packets#OFFLOAD_THRESHOLD_BYTES} is
	 * uploaded first and replaced by its storage path, as the SDK does.
	 */
	private Mono<ItemBody> offload(ItemBody body) {
		return this.packets.offloadIfLarge(body.payload())
			.map((payload) -> payload.isOffloaded() ? body.offloaded(payload) : body);
	}

	/**
	 * The bodies as sent, large payloads uploaded {@value #MAX_UPLOADS_IN_FLIGHT} at a
	 * time.
	 */
	private Mono<List<ItemBody>> offload(List<ItemBody> bodies) {
		return Flux.fromIterable(bodies).flatMapSequential(this::offload, MAX_UPLOADS_IN_FLIGHT, 1).collectList();
	}

	/**
	 * Phase 2: sends the items, again while the server answers {@code sealed: false}
	 * (items already taken are deduplicated by index).
	 */
	private Mono<StreamItemsAnswer> streamItems(String batchId, byte[] lines) {
		ApiCall<StreamItemsAnswer> call = ApiCall.to(Operation.BATCHES_STREAM_ITEMS, batchId)
			.body(new ApiCall.RawBody(lines, NDJSON))
			.reading(StreamItemsAnswer.class);
		return this.http.execute(call)
			.flatMap((answer) -> answer.sealed() ? Mono.just(answer) : Mono.error(new NotSealed(answer)))
			.retryWhen(Retry.backoff(MAX_SEAL_RETRIES, SEAL_RETRY_BACKOFF)
				.scheduler(this.http.scheduler())
				.filter(NotSealed.class::isInstance)
				.onRetryExhaustedThrow((spec, signal) -> {
					StreamItemsAnswer answer = ((NotSealed) signal.failure()).answer;
					return new TriggerException("batches.streamItems failed: batch " + batchId
							+ " was not sealed after " + (MAX_SEAL_RETRIES + 1) + " attempts (" + answer.enqueuedCount()
							+ " of " + answer.expectedCount() + " items enqueued)", null);
				}));
	}

	/** A phase 2 answer of {@code sealed: false}, to retry on. */
	private static final class NotSealed extends RuntimeException {

		private static final long serialVersionUID = 1L;

		private final transient StreamItemsAnswer answer;

		NotSealed(StreamItemsAnswer answer) {
			super("not sealed", null, false, false);
			this.answer = answer;
		}

	}

	/**
	 * One trigger's body. The payload, context and metadata are written now with the
	 * application's mapper, so a value it cannot write fails before anything is sent.
	 * @param prefix what the argument names in errors start with, such as
	 * {@code items[3].}
	 * @param fallbackKey the key when the options carry none (a keyed batch's derived
	 * key)
	 * @param fallbackKeyTtl the key TTL when the options carry none (a batch's)
	 */
	private ItemBody item(String prefix, @Nullable String task, Object payload, TriggerOptions options,
			@Nullable IdempotencyKey fallbackKey, @Nullable String fallbackKeyTtl) {
		WireJson json = this.http.json();
		RawJson metadata = null;
		if (options.metadata() != null) {
			metadata = json.user(prefix + "metadata", options.metadata());
			Checks.requireMetadata(prefix + "metadata", metadata.json());
		}
		IdempotencyKey key = (options.idempotencyKey() != null) ? options.idempotencyKey() : fallbackKey;
		String keyTtl = (options.idempotencyKeyTtl() != null) ? options.idempotencyKeyTtl() : fallbackKeyTtl;
		OptionsBody body = new OptionsBody(options.queue(), options.concurrencyKey(), (key != null) ? key.hash() : null,
				keyTtl, keyOptions(key), options.delay(), options.ttl(), options.tags(), metadata,
				options.maxAttempts(), seconds(options.maxDuration()), options.machine(), options.test(),
				seconds(options.priority()), options.region(), options.lockToVersion(), null, null);
		return new ItemBody(task, json.user(prefix + "payload", payload),
				(options.context() != null) ? json.user(prefix + "context", options.context()) : null,
				OptionsBody.EMPTY.equals(body) ? null : body);
	}

	/** The options shown for a key with text ({@code {key, scope: "run"}}), else none. */
	private static @Nullable KeyOptions keyOptions(@Nullable IdempotencyKey key) {
		return (key != null && key.key() != null) ? new KeyOptions(key.key(), KEY_SCOPE) : null;
	}

	private static @Nullable Long seconds(@Nullable Duration duration) {
		return (duration != null) ? duration.getSeconds() : null;
	}

	private static void requireItems(List<BatchItem> items, int max) {
		Objects.requireNonNull(items, "items must not be null");
		if (items.isEmpty() || items.size() > max) {
			throw new IllegalArgumentException("items must have between 1 and " + max + " elements but had "
					+ items.size() + (items.isEmpty() ? "" : " (batchTrigger(Flux, BatchOptions) takes any number)"));
		}
		for (int i = 0; i < items.size(); i++) {
			Objects.requireNonNull(items.get(i), "items[" + i + "] must not be null");
		}
	}

	/** One trigger: the body of a trigger, and an item of a batch. */
	record ItemBody(@Nullable String task, RawJson payload, @Nullable RawJson context, @Nullable OptionsBody options) {

		/**
		 * This body with a generated idempotency key and its TTL (without key options).
		 */
		ItemBody withKey(String key, @Nullable String keyTtl) {
			OptionsBody base = (this.options != null) ? this.options : OptionsBody.EMPTY;
			return new ItemBody(this.task, this.payload, this.context, base.withKey(key, keyTtl));
		}

		/** This body carrying an offloaded payload's storage path, type and size. */
		ItemBody offloaded(Packets.TriggerPayload sent) {
			OptionsBody base = (this.options != null) ? this.options : OptionsBody.EMPTY;
			return new ItemBody(this.task, sent.payload(), this.context, base.withPayload(sent));
		}

	}

	/** The {@code options} of a trigger, as the server names them. */
	record OptionsBody(TriggerOptions.@Nullable Queue queue, @Nullable String concurrencyKey,
			@Nullable String idempotencyKey, @JsonProperty("idempotencyKeyTTL") @Nullable String idempotencyKeyTtl,
			@Nullable KeyOptions idempotencyKeyOptions, @Nullable String delay, @Nullable String ttl,
			@Nullable List<String> tags, @Nullable RawJson metadata, @Nullable Integer maxAttempts,
			@Nullable Long maxDuration, @Nullable MachinePreset machine, @Nullable Boolean test,
			@Nullable Long priority, @Nullable String region, @Nullable String lockToVersion,
			@Nullable String payloadType, @Nullable Long payloadSize) {

		static final OptionsBody EMPTY = new OptionsBody(null, null, null, null, null, null, null, null, null, null,
				null, null, null, null, null, null, null, null);

		OptionsBody withKey(String key, @Nullable String keyTtl) {
			return new OptionsBody(this.queue, this.concurrencyKey, key, keyTtl, null, this.delay, this.ttl, this.tags,
					this.metadata, this.maxAttempts, this.maxDuration, this.machine, this.test, this.priority,
					this.region, this.lockToVersion, this.payloadType, this.payloadSize);
		}

		OptionsBody withPayload(Packets.TriggerPayload sent) {
			return new OptionsBody(this.queue, this.concurrencyKey, this.idempotencyKey, this.idempotencyKeyTtl,
					this.idempotencyKeyOptions, this.delay, this.ttl, this.tags, this.metadata, this.maxAttempts,
					this.maxDuration, this.machine, this.test, this.priority, this.region, this.lockToVersion,
					sent.payloadType(), sent.payloadSize());
		}

	}

	/** The user's key and its scope, as the dashboard shows them. */
	record KeyOptions(String key, String scope) {
	}

	record BatchBody(List<ItemBody> items) {
	}

	/** One NDJSON line of a two-phase batch's items. */
	record LineBody(long index, @Nullable String task, RawJson payload, @Nullable RawJson context,
			@Nullable OptionsBody options) {
	}

	/**
	 * Phase 1 of a two-phase batch: {@code {runCount, taskIdentifiers, idempotencyKey?,
	 * idempotencyKeyOptions?}}.
	 */
	record CreateBatchBody(int runCount, List<String> taskIdentifiers, @Nullable String idempotencyKey,
			@Nullable KeyOptions idempotencyKeyOptions) {
	}

	/** The answer of phase 1: {@code {id, runCount, isCached, idempotencyKey?}}. */
	record CreateBatchAnswer(@JsonProperty(required = true) String id, int runCount, boolean isCached,
			@Nullable String idempotencyKey) {

		CreateBatchAnswer {
			Objects.requireNonNull(id, "id must not be null");
		}

	}

	/**
	 * The answer of phase 2: {@code {id, itemsAccepted, itemsDeduplicated, sealed,
	 * enqueuedCount?, expectedCount?}}.
	 */
	record StreamItemsAnswer(@Nullable String id, int itemsAccepted, int itemsDeduplicated, boolean sealed,
			@Nullable Integer enqueuedCount, @Nullable Integer expectedCount) {
	}

	/**
	 * Finds the application's mapper, which reads the payloads and outputs it wrote: the
	 * wire reader carries it as an attribute (see {@code WireJson}), and this record's
	 * reader takes it from there.
	 */
	@JsonDeserialize(using = ApplicationMapper.Reader.class)
	record ApplicationMapper(ObjectMapper mapper) {

		static ObjectMapper of(WireJson json) {
			return json.read("tasks", new byte[] { '{', '}' }, ApplicationMapper.class).mapper();
		}

		static final class Reader extends ValueDeserializer<ApplicationMapper> {

			@Override
			public ApplicationMapper deserialize(JsonParser parser, DeserializationContext context) {
				parser.skipChildren();
				Object mapper = context.getAttribute(ObjectMapper.class);
				if (!(mapper instanceof ObjectMapper given)) {
					throw new IllegalStateException("The wire reader carries no application mapper");
				}
				return new ApplicationMapper(given);
			}

		}

	}

	/** The answer of a trigger. */
	record TriggerAnswer(@JsonProperty(required = true) String id, boolean isCached) {

		TriggerAnswer {
			Objects.requireNonNull(id, "id must not be null");
		}

	}

	/**
	 * The answer of both batch triggers: the server's 202 body {@code {id, isCached,
	 * idempotencyKey?, runs: [{id, taskIdentifier, isCached}]}}, or the contract's
	 * {@code {batchId, runs: [string]}}.
	 */
	record BatchAnswer(@JsonProperty(required = true) @JsonAlias("batchId") String id, boolean isCached,
			@Nullable String idempotencyKey, @Nullable List<RunRef> runs) {

		BatchAnswer {
			Objects.requireNonNull(id, "id must not be null");
			runs = (runs != null) ? runs : List.of();
		}

	}

	/** A run of a batch: an object, or (in the contract's shape) only its id. */
	record RunRef(String id, @Nullable String taskIdentifier, boolean isCached, @Nullable String idempotencyKey) {

		@JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
		RunRef {
			Objects.requireNonNull(id, "id must not be null");
		}

		@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
		static RunRef of(String id) {
			return new RunRef(id, null, false, null);
		}

	}

}
