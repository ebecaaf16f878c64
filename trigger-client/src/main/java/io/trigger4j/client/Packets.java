package io.trigger4j.client;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

import io.trigger4j.client.error.TriggerDecodingException;
import io.trigger4j.client.internal.MediaTypes;
import io.trigger4j.client.model.JsonValue;
import io.trigger4j.client.model.runs.Run;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Large payloads and outputs, as the SDK moves them (its {@code ioSerialization}):
 * <ul>
 * <li>a payload of at least {@link #OFFLOAD_THRESHOLD_BYTES} UTF-8 bytes is uploaded
 * before the trigger ({@code PUT /api/v2/packets/<path>} for a presigned URL, then a
 * {@code PUT} of the bytes to it) and the trigger carries its storage path with
 * {@code payloadType: application/store};</li>
 * <li>a run's {@code payloadPresignedUrl}/{@code outputPresignedUrl}, and a stored
 * packet's path ({@code GET /api/v1/packets/<path>} for a presigned URL), are downloaded
 * and read by their {@code Content-Type}.</li>
 * </ul>
 * Requests to presigned URLs go through {@link StorageHttp}: never with the client's
 * credentials or headers, retried with the client's settings. Unlike the SDK, which
 * leaves a field {@code undefined} when a download fails, every failure is signalled as a
 * {@code TriggerException}.
 */
final class Packets {

	/**
	 * The SDK's {@code OFFLOAD_IO_PACKET_LENGTH_LIMIT}: a payload of this many UTF-8
	 * bytes or more is offloaded.
	 */
	static final int OFFLOAD_THRESHOLD_BYTES = 128 * 1024;

	/** The alphabet and length of the SDK's {@code generateFriendlyId}. */
	private static final String ID_ALPHABET = "123456789abcdefghijkmnopqrstuvwxyz";

	private static final int ID_LENGTH = 21;

	private static final SecureRandom RANDOM = new SecureRandom();

	static final String UPLOAD = "packets.presignedUpload";

	static final String DOWNLOAD = "packets.presignedDownload";

	private final TriggerHttp http;

	Packets(TriggerHttp http) {
		this.http = http;
	}

	/**
	 * What a trigger body carries for its payload: {@code payload}, and
	 * {@code options.payloadType} and {@code options.payloadSize} when not {@code null}.
	 *
	 * @param payload the payload, or the offloaded payload's storage path as a JSON
	 * string
	 * @param payloadType {@code application/store} when offloaded, else {@code null}
	 * (JSON, the server's default)
	 * @param payloadSize the payload's size in UTF-8 bytes when offloaded, else
	 * {@code null}
	 */
	record TriggerPayload(RawJson payload, @Nullable String payloadType, @Nullable Long payloadSize) {

		boolean isOffloaded() {
			return this.payloadType != null;
		}

	}

	/**
	 * Whether a payload is certainly below the offload threshold, told from its length
	 * without encoding it (at most 3 UTF-8 bytes per {@code char}).
	 */
	static boolean isSmall(RawJson payload) {
		return payload.json().length() * 3L < OFFLOAD_THRESHOLD_BYTES;
	}

	/**
	 * The payload as the trigger sends it: as it is below the threshold, else uploaded
	 * and replaced by its storage path. Cold; nothing is sent before subscription.
	 */

	Mono<TriggerPayload> offloadIfLarge(RawJson payload) {
		Objects.requireNonNull(payload, "payload must not be null");
		if (isSmall(payload)) {
			return Mono.just(new TriggerPayload(payload, null, null));
		}
		byte[] bytes = payload.json().getBytes(StandardCharsets.UTF_8);
		if (bytes.length < OFFLOAD_THRESHOLD_BYTES) {
			return Mono.just(new TriggerPayload(payload, null, null));
		}
		return upload(bytes, MediaTypes.JSON).map((storagePath) -> new TriggerPayload(
				new RawJson(new String(this.http.json().write(JsonNodeFactory.instance.stringNode(storagePath)),
						StandardCharsets.UTF_8)),
				MediaTypes.STORE, (long) bytes.length));
	}

	/**
	 * Uploads a packet as the SDK's {@code exportPacket}: asks for a presigned URL for
	 * {@code trigger/packet_<id>/payload.<json|txt>} ({@code PUT /api/v2/packets/...},
	 * the path sent as one encoded segment as the SDK's {@code encodeURIComponent}), then
	 * {@code PUT}s the bytes there with {@code Content-Type: <dataType>}.
	 * @return the storage path the server answered, which the trigger carries
	 */
	Mono<String> upload(byte[] data, String dataType) {
		Objects.requireNonNull(data, "data must not be null");
		Objects.requireNonNull(dataType, "dataType must not be null");
		String path = "trigger/" + friendlyId("packet") + "/payload." + extension(dataType);
		StorageHttp storage = this.http.storage();
		return this.http.execute(ApiCall.to(Operation.PACKETS_UPLOAD, path).reading(PresignAnswer.class))
			.flatMap((answer) -> {
				String storagePath = answer.storagePath();
				if (storagePath == null || storagePath.isEmpty()) {
					return Mono.error(new TriggerDecodingException(Operation.PACKETS_UPLOAD.observationName()
							+ " failed: the answer has no storagePath (the server does not support /api/v2/packets)"));
				}
				return storage.exchange(UPLOAD, HttpMethod.PUT, answer.presignedUrl(), dataType, data)
					.thenReturn(storagePath);
			});
	}

	/**
	 * Downloads a presigned URL (a run's {@code payloadPresignedUrl} or
	 * {@code outputPresignedUrl}) and reads it by its {@code Content-Type}:
	 * {@code application/super+json} as its {@code json} part, JSON (also when the type
	 * is missing) as JSON, anything else as a JSON string of the text.
	 * @throws TriggerDecodingException (signalled) if the body is empty or not what its
	 * type says
	 */
	Mono<JsonValue> download(String presignedUrl) {
		Objects.requireNonNull(presignedUrl, "presignedUrl must not be null");
		return this.http.storage()
			.exchange(DOWNLOAD, HttpMethod.GET, presignedUrl, null, null)
			.map((answer) -> read(answer.body(), answer.contentType()));
	}

	/**
	 * Downloads a stored packet ({@code application/store}) by its storage path:
	 * {@code GET /api/v1/packets/<path>} for a presigned URL, then {@link #download}.
	 */
	Mono<JsonValue> importPacket(String storagePath) {
		return this.http.execute(ApiCall.to(Operation.PACKETS_DOWNLOAD, storagePath).reading(PresignAnswer.class))
			.flatMap((answer) -> download(answer.presignedUrl()));
	}

	/**
	 * The run with its payload and output filled from {@code payloadPresignedUrl} and
	 * {@code outputPresignedUrl} where the run has a URL (or, from a realtime feed, a
	 * storage path) but no inline value (both downloaded at once); the same run when
	 * there is nothing to download.
	 */
	Mono<Run> resolve(Run run) {
		Objects.requireNonNull(run, "run must not be null");
		boolean payload = run.payload() == null && run.payloadPresignedUrl() != null;
		boolean output = run.output() == null && run.outputPresignedUrl() != null;
		if (!payload && !output) {
			return Mono.just(run);
		}
		Mono<Optional<JsonValue>> payloadValue = payload
				? fetch(Objects.requireNonNull(run.payloadPresignedUrl())).map(Optional::of)
				: Mono.just(Optional.empty());
		Mono<Optional<JsonValue>> outputValue = output
				? fetch(Objects.requireNonNull(run.outputPresignedUrl())).map(Optional::of)
				: Mono.just(Optional.empty());
		return Mono.zip(payloadValue, outputValue)
			.map((values) -> withValues(run, values.getT1().orElse(run.payload()),
					values.getT2().orElse(run.output())));
	}

	/**
	 * A packet by its presigned URL, or by its storage path (a realtime run's packet
	 * stored apart carries its path, not a URL).
	 */
	private Mono<JsonValue> fetch(String urlOrPath) {
		String lower = urlOrPath.toLowerCase(java.util.Locale.ROOT);
		return (lower.startsWith("https://") || lower.startsWith("http://")) ? download(urlOrPath)
				: importPacket(urlOrPath);
	}

	private JsonValue read(byte[] body, @Nullable String contentType) {
		if (body.length == 0) {
			throw new TriggerDecodingException(DOWNLOAD + " failed: the downloaded packet is empty");
		}
		String type = (contentType != null) ? MediaTypes.essence(contentType) : MediaTypes.JSON;
		WireJson json = this.http.json();
		if (MediaTypes.SUPER_JSON.equals(type)) {
			JsonNode tree = json.read(DOWNLOAD, body, JsonNode.class);
			if (!tree.isObject() || !tree.has("json")) {
				throw new TriggerDecodingException(
						DOWNLOAD + " failed: the application/super+json packet has no json part");
			}
			return value(json.write(tree.get("json")));
		}
		if (MediaTypes.JSON.equals(type) || type.endsWith("+json")) {
			return value(body);
		}
		return value(json.write(JsonNodeFactory.instance.stringNode(new String(body, StandardCharsets.UTF_8))));
	}

	/** A JSON value read as retrieve reads one, with the application's mapper. */
	private JsonValue value(byte[] json) {
		JsonValue value = this.http.json().read(DOWNLOAD, json, JsonValue.class);
		return (value != null) ? value : JsonValue.of(JsonNodeFactory.instance.nullNode());
	}

	/**
	 * A copy of the run with this payload and output, made through the record's canonical
	 * constructor so that it keeps every other component, including ones added later.
	 */
	static Run withValues(Run run, @Nullable JsonValue payload, @Nullable JsonValue output) {
		RecordComponent[] components = Run.class.getRecordComponents();
		Object[] values = new Object[components.length];
		try {
			for (int i = 0; i < components.length; i++) {
				String name = components[i].getName();
				values[i] = switch (name) {
					case "payload" -> payload;
					case "output" -> output;
					default -> components[i].getAccessor().invoke(run);
				};
			}
			Constructor<Run> constructor = Run.class.getDeclaredConstructor(
					Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
			return constructor.newInstance(values);
		}
		catch (ReflectiveOperationException ex) {
			Throwable cause = (ex instanceof InvocationTargetException target) ? target.getCause() : ex;
			throw new IllegalStateException("Could not copy the run " + run.id(), cause);
		}
	}

	/** The SDK's {@code getPacketExtension}. */
	static String extension(String dataType) {
		String type = MediaTypes.essence(dataType);
		return (MediaTypes.JSON.equals(type) || MediaTypes.SUPER_JSON.equals(type)) ? "json" : "txt";
	}

	/** The SDK's {@code generateFriendlyId}: the prefix, {@code _}, 21 characters. */
	static String friendlyId(String prefix) {
		StringBuilder id = new StringBuilder(prefix.length() + 1 + ID_LENGTH).append(prefix).append('_');
		for (int i = 0; i < ID_LENGTH; i++) {
			id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
		}
		return id.toString();
	}

	/**
	 * The answer of both packet routes: the presigned URL and, from the upload route, the
	 * storage path. Never printed with its URL (the query is a signature).
	 */
	record PresignAnswer(String presignedUrl, @Nullable String storagePath) {

		PresignAnswer {
			if (presignedUrl == null || presignedUrl.isEmpty()) {
				throw new TriggerDecodingException("The packet route's answer has no presignedUrl");
			}
		}

		@Override
		public String toString() {
			return "PresignAnswer[presignedUrl=******, storagePath=" + this.storagePath + "]";
		}

	}

}
