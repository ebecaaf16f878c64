package io.trigger4j.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.netty.buffer.Unpooled;
import io.trigger4j.benchmarks.StubServer.CapturedRequest;
import io.trigger4j.client.TriggerClient;
import io.trigger4j.client.TriggerOperations;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The forked JVM of {@link ColdStartSection}: triggers once, with trigger4j or raw
 * Reactor Netty, and reports the time from the JVM's start to the decoded answer.
 * Arguments: {@code trigger4j|raw <baseUrl> <requestFile>}.
 */
public final class ColdStartMain {

	static final String TRIGGER4J = "trigger4j";

	static final String RAW = "raw";

	static final TriggerThroughputSection.Signup PAYLOAD = new TriggerThroughputSection.Signup("user-4711",
			"ada@example.com", "pro");

	private ColdStartMain() {
	}

	/**
	 * Triggers once and reports.
	 * @param args {@code trigger4j|raw <baseUrl> <requestFile>}
	 * @throws IOException if the request file cannot be read
	 */
	public static void main(String[] args) throws IOException {
		String id = args[0].equals(TRIGGER4J) ? viaTrigger4j(args[1]) : viaRawNetty(args[1], Path.of(args[2]));
		Instant answered = Instant.now();
		Instant started = ProcessHandle.current().info().startInstant().orElseThrow();
		if (id == null || !id.startsWith("run_")) {
			throw new IllegalStateException("no run id in the answer: " + id);
		}
		Forks.report("firstTriggerMs", Duration.between(started, answered).toNanos() / 1e6);
		System.exit(0);
	}

	private static String viaTrigger4j(String baseUrl) {
		TriggerOperations trigger = TriggerClient.builder().secretKey(StubServer.SECRET_KEY).baseUrl(baseUrl).build();
		return trigger.tasks().trigger(TriggerThroughputSection.TASK, PAYLOAD).block().id();
	}

	private static String viaRawNetty(String baseUrl, Path requestFile) throws IOException {
		CapturedRequest request = read(requestFile);
		HttpClient client = HttpClient.create()
			.baseUrl(baseUrl)
			.headers((h) -> request.replayedHeaders().forEach((header) -> h.add(header.getKey(), header.getValue())));
		byte[] answer = client.post()
			.uri(request.uri())
			.send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(request.body())))
			.responseSingle((response, content) -> content.asByteArray())
			.block();
		return JsonMapper.builder().build().readTree(answer).get("id").asString();
	}

	/** Writes a request: its path, its headers one a line, a blank line, its body. */
	static void write(CapturedRequest request, Path file) throws IOException {
		StringBuilder head = new StringBuilder(request.method()).append(' ').append(request.uri()).append('\n');
		request.headers()
			.forEach((header) -> head.append(header.getKey()).append(": ").append(header.getValue()).append('\n'));
		head.append('\n');
		byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
		byte[] all = Arrays.copyOf(headBytes, headBytes.length + request.body().length);
		System.arraycopy(request.body(), 0, all, headBytes.length, request.body().length);
		Files.write(file, all);
	}

	static CapturedRequest read(Path file) throws IOException {
		byte[] all = Files.readAllBytes(file);
		String text = new String(all, StandardCharsets.UTF_8);
		int end = text.indexOf("\n\n");
		String[] lines = text.substring(0, end).split("\n");
		String[] requestLine = lines[0].split(" ", 2);
		List<Map.Entry<String, String>> headers = new ArrayList<>();
		for (int i = 1; i < lines.length; i++) {
			String[] pair = lines[i].split(": ", 2);
			headers.add(Map.entry(pair[0], pair[1]));
		}
		int bodyStart = text.substring(0, end + 2).getBytes(StandardCharsets.UTF_8).length;
		return new CapturedRequest(requestLine[0], requestLine[1], headers,
				Arrays.copyOfRange(all, bodyStart, all.length));
	}

}
