package io.trigger4j.emulator.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.trigger4j.emulator.engine.Engine;
import io.trigger4j.emulator.engine.EngineException;
import io.trigger4j.emulator.engine.Packets;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The emulator's object store on its own port: {@code PUT} and {@code GET} of packets by
 * presigned URL only ({@link PacketUrls}), as an S3-compatible store answers them: 403
 * {@code SignatureDoesNotMatch} or {@code AccessDenied} "Request has expired", 404
 * {@code NoSuchKey}, 411 without {@code Content-Length}, 413 {@code EntityTooLarge} over
 * {@link Packets#MAX_PACKET_BYTES}, 405 for other methods; errors as S3's XML. It needs
 * no credential and never sees the secret key. A request fails alone.
 */
final class PacketHost {

	private static final Logger logger = LoggerFactory.getLogger(PacketHost.class);

	private static final int INITIAL_BUFFER_BYTES = 64 * 1024;

	private final Engine engine;

	private final PacketUrls urls;

	PacketHost(Engine engine, PacketUrls urls) {
		this.engine = engine;
		this.urls = urls;
	}

	Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
		Mono<Void> served;
		try {
			served = serve(request, response);
		}
		catch (RuntimeException ex) {
			served = Mono.error(ex);
		}
		return served.onErrorResume((failure) -> {
			if (response.hasSentHeaders()) {
				return Mono.empty();
			}
			if (failure instanceof EngineException error) {
				return error(response, error.status(), (error.status() == 413) ? "EntityTooLarge" : "InvalidRequest",
						error.getMessage());
			}
			logger.warn("Unexpected failure answering a packet request", failure);
			return error(response, 500, "InternalError", "We encountered an internal error. Please try again.");
		});
	}

	private Mono<Void> serve(HttpServerRequest request, HttpServerResponse response) {
		String uri = request.uri();
		if (!RequestTargets.isWellFormed(uri)) {
			return error(response, 400, "InvalidURI", "Couldn't parse the specified URI.");
		}
		int queryStart = uri.indexOf('?');
		String rawPath = (queryStart >= 0) ? uri.substring(0, queryStart) : uri;
		Map<String, String> query = query((queryStart >= 0) ? uri.substring(queryStart + 1) : "");
		String method = request.method().name();
		if (!method.equals("GET") && !method.equals("PUT")) {
			return error(response, 405, "MethodNotAllowed",
					"The specified method is not allowed against this resource.");
		}
		PacketUrls.Verdict verdict = this.urls.verify(method, rawPath, query.get("X-Trigger-Expires"),
				query.get("X-Trigger-Signature"));
		if (verdict == PacketUrls.Verdict.BAD_SIGNATURE) {
			return error(response, 403, "SignatureDoesNotMatch",
					"The request signature we calculated does not match the signature you provided.");
		}
		if (verdict == PacketUrls.Verdict.EXPIRED) {
			return error(response, 403, "AccessDenied", "Request has expired");
		}
		String path = this.urls.packetPath(rawPath);
		if (path == null) {
			return error(response, 404, "NoSuchKey", "The specified key does not exist.");
		}
		return method.equals("GET") ? get(path, response) : put(path, request, response);
	}

	private Mono<Void> get(String path, HttpServerResponse response) {
		return this.engine.packets()
			.find(path)
			.map((packet) -> response.status(200)
				.header("Content-Type", packet.contentType())
				.sendByteArray(Mono.just(packet.toByteArray()))
				.then())
			.orElseGet(() -> error(response, 404, "NoSuchKey", "The specified key does not exist."));
	}

	private Mono<Void> put(String path, HttpServerRequest request, HttpServerResponse response) {
		String length = request.requestHeaders().get("Content-Length");
		long declared;
		try {
			declared = (length != null) ? Long.parseLong(length.trim()) : -1;
		}
		catch (NumberFormatException ex) {
			declared = -1;
		}
		if (declared < 0) {
			return error(response, 411, "MissingContentLength", "You must provide the Content-Length HTTP header.");
		}
		if (declared > Packets.MAX_PACKET_BYTES) {
			return error(response, 413, "EntityTooLarge",
					"Your proposed upload exceeds the maximum allowed object size.");
		}
		String contentType = request.requestHeaders().get("Content-Type");
		String type = (contentType != null) ? contentType : "application/octet-stream";
		int capacity = (int) declared;
		// Grown as bytes come, never allocated up front for what a client only declares.
		int initial = Math.min(capacity, INITIAL_BUFFER_BYTES);
		return request.receive().reduceWith(() -> new ByteArrayOutputStream(initial), (out, buffer) -> {
			int readable = buffer.readableBytes();
			if ((long) out.size() + readable > capacity) {
				throw new EngineException(413, "Your proposed upload exceeds the declared Content-Length.");
			}
			byte[] chunk = new byte[readable];
			buffer.readBytes(chunk);
			out.writeBytes(chunk);
			return out;
		}).defaultIfEmpty(new ByteArrayOutputStream()).flatMap((out) -> {
			this.engine.packets().put(path, type, out.toByteArray());
			return response.status(200).header("ETag", "\"" + Integer.toHexString(out.size()) + "\"").send().then();
		});
	}

	private static Map<String, String> query(String text) {
		Map<String, String> query = new HashMap<>();
		for (String pair : text.split("&")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				query.putIfAbsent(UriUtils.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
						UriUtils.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
			}
		}
		return query;
	}

	private static Mono<Void> error(HttpServerResponse response, int status, String code, @Nullable String message) {
		String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
				+ ((message != null) ? message : "") + "</Message></Error>";
		return response.status(status)
			.header("Content-Type", "application/xml")
			.sendByteArray(Mono.just(xml.getBytes(StandardCharsets.UTF_8)))
			.then();
	}

}
