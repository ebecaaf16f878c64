package io.trigger4j.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A seeded run of garbage requests over raw connections (random bytes, huge headers,
 * invalid UTF-8, absurd numbers, broken targets): each gets an HTTP answer that is not a
 * 5xx, none is closed without one, and the emulator serves as before afterwards.
 */
class GarbageRequestsTests extends EmulatorTestSupport {

	private static final int REQUESTS = 3000;

	@Test
	void everyGarbageRequestIsAnsweredWithoutA5xxAndTheEmulatorStillServes() throws IOException {
		Random random = new Random(14);
		Map<Integer, Integer> statuses = new TreeMap<>();
		List<String> failures = new ArrayList<>();
		for (int i = 0; i < REQUESTS; i++) {
			byte[] request = GarbageRequests.request(random, (r) -> r.nextInt(6), this.emulator.secretKey(), true);
			String answer = send(request);
			int status = status(answer);
			statuses.merge(status, 1, Integer::sum);
			if (status < 100 || status >= 500) {
				failures.add(answer + " for "
						+ new String(request, 0, Math.min(request.length, 200), StandardCharsets.ISO_8859_1));
			}
		}
		assertThat(failures).as("statuses %s", statuses).isEmpty();

		String id = trigger("hello-world", "{\"payload\":{\"name\":\"after\"}}");
		assertThat(run(id).get("output").get("greeting").asString()).isEqualTo("Hello, after!");
		assertThat(ids("/api/v1/runs")).contains(id);
	}

	/** Sends the bytes and reads the answer until the emulator closes the connection. */
	private String send(byte[] request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.emulator.port())) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			try {
				out.write(request);
				out.flush();
			}
			catch (IOException ex) {
				// The emulator may answer and close before reading everything.
			}
			// The status line is all a test needs; the rest is left unread.
			ByteArrayOutputStream in = new ByteArrayOutputStream();
			try {
				for (int b = socket.getInputStream().read(); b >= 0 && b != '\n'; b = socket.getInputStream().read()) {
					in.write(b);
				}
			}
			catch (java.net.SocketTimeoutException ex) {
				return "held: no answer within 10 s";
			}
			catch (java.net.SocketException ex) {
				// Reset without an answer.
			}
			return in.toString(StandardCharsets.ISO_8859_1);
		}
	}

	/**
	 * The answer's status, or -1 for no answer. The version is the request's (Netty
	 * echoes {@code HTTP/9.9}).
	 */
	private static int status(String answer) {
		java.util.regex.Matcher line = java.util.regex.Pattern.compile("^HTTP/\\d\\.\\d (\\d{3}) ").matcher(answer);
		return line.find() ? Integer.parseInt(line.group(1)) : -1;
	}

}
