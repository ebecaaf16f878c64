package io.trigger4j.emulator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.function.ToIntFunction;

/**
 * The garbage requests of {@link GarbageRequestsTests} and {@link GarbageAtScaleTests}:
 * random bytes, huge headers, invalid UTF-8, absurd numbers, broken targets, broken
 * framing, and requests that stop arriving.
 */
final class GarbageRequests {

	static final String[] PATHS = { "/api/v1/tasks/hello-world/trigger", "/api/v1/tasks/batch",
			"/api/v1/tasks/hello-world/batch", "/api/v3/batches", "/api/v1/runs", "/api/v3/runs/run_abc",
			"/api/v2/runs/run_abc/cancel", "/api/v1/runs/run_abc/tags", "/api/v1/schedules", "/api/v1/queues",
			"/api/v1/waitpoints/tokens", "/api/v1/query", "/api/v1/projects/proj_x/envvars/dev",
			"/api/v1/deployments/latest", "/realtime/v1/runs/run_abc", "/api/v1/idempotencyKeys/k/reset" };

	static final String[] NUMBERS = { "1e400", "-1e400", "1e999999999", "-0", "99999999999999999999999999999",
			"9223372036854775808", "-9223372036854775809", "0.0000000000000000000000000001", "1E-999999999",
			"123456789012345678901234567890.5" };

	static final String[] FIELDS = { "ttl", "delay", "maxAttempts", "priority", "idempotencyKeyTTL", "maxDuration",
			"concurrencyKey", "queue", "tags", "metadata", "machine", "runCount", "limit" };

	static final String[] CATEGORIES = { "random bytes", "huge headers", "invalid UTF-8", "absurd numbers",
			"broken target", "broken framing", "stalled headers", "stalled body" };

	private GarbageRequests() {
	}

	/**
	 * One garbage request: a path drawn first, then the category (an index into
	 * {@link #CATEGORIES}) from {@code category}, then its contents.
	 * @param close whether requests with a well-formed body ask to close the connection
	 */
	static byte[] request(Random random, ToIntFunction<Random> category, String secretKey, boolean close) {
		String path = PATHS[random.nextInt(PATHS.length)];
		String auth = "Authorization: Bearer " + secretKey + "\r\n";
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		switch (category.applyAsInt(random)) {
			case 0 -> {
				// Random bytes, then the end of a header block.
				byte[] bytes = new byte[1 + random.nextInt(2000)];
				random.nextBytes(bytes);
				out.writeBytes(bytes);
				out.writeBytes("\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
			}
			case 1 -> {
				// A huge header, or very many.
				StringBuilder headers = new StringBuilder();
				if (random.nextBoolean()) {
					headers.append("X-Huge: ").append("a".repeat(1000 + random.nextInt(100_000))).append("\r\n");
				}
				else {
					for (int h = 0, n = 100 + random.nextInt(2000); h < n; h++) {
						headers.append("X-H").append(h).append(": v\r\n");
					}
				}
				out.writeBytes(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + auth + headers
						+ "Connection: close\r\n\r\n")
					.getBytes(StandardCharsets.ISO_8859_1));
			}
			case 2 -> {
				// A JSON body with invalid UTF-8 in its strings.
				ByteArrayOutputStream body = new ByteArrayOutputStream();
				body.writeBytes("{\"payload\":{\"name\":\"".getBytes(StandardCharsets.US_ASCII));
				byte[] bad = new byte[1 + random.nextInt(50)];
				random.nextBytes(bad);
				for (int b = 0; b < bad.length; b++) {
					bad[b] = (byte) (bad[b] | 0x80);
				}
				body.writeBytes(bad);
				body.writeBytes("\"},\"options\":{\"queue\":\"q".getBytes(StandardCharsets.US_ASCII));
				body.writeBytes(new byte[] { (byte) 0xC3, (byte) 0x28, (byte) 0xED, (byte) 0xA0, (byte) 0x80 });
				body.writeBytes("\"}}".getBytes(StandardCharsets.US_ASCII));
				post(out, path, auth, body.toByteArray(), close);
			}
			case 3 -> {
				// Absurd numbers where numbers, strings or objects are expected.
				StringBuilder options = new StringBuilder();
				for (int f = 0, n = 1 + random.nextInt(4); f < n; f++) {
					options.append((f == 0) ? "" : ",")
						.append('"')
						.append(FIELDS[random.nextInt(FIELDS.length)])
						.append("\":")
						.append(NUMBERS[random.nextInt(NUMBERS.length)]);
				}
				String number = NUMBERS[random.nextInt(NUMBERS.length)];
				String body = "{\"payload\":" + number + ",\"runCount\":" + number
						+ ",\"items\":[{\"task\":\"hello-world\",\"options\":{" + options + "}}],\"options\":{"
						+ options + "},\"limit\":" + number + "}";
				post(out, path, auth, body.getBytes(StandardCharsets.US_ASCII), close);
			}
			case 4 -> {
				// A broken target: bad escapes, control and non-ASCII bytes, a huge
				// query.
				String[] targets = { path + "?page[size]=" + NUMBERS[random.nextInt(NUMBERS.length)], path + "%ZZ%",
						path + "/%00%ff%c3%28", path + "?" + "x=1&".repeat(5000), "/api/v3/runs/" + "r".repeat(20_000),
						"*", "http://other.example/api/v1/runs", "/../../etc/passwd", path + "\u00e9\u00ff" };
				out.writeBytes(("GET " + targets[random.nextInt(targets.length)] + " HTTP/1.1\r\nHost: localhost\r\n"
						+ auth + "Connection: close\r\n\r\n")
					.getBytes(StandardCharsets.ISO_8859_1));
			}
			case 6 -> {
				// A request that stops arriving in its headers.
				String[] requests = { "GET " + path + " HTTP/1.1\r\nHost: l\r\nAuthor", "GET " + path };
				out.writeBytes(requests[random.nextInt(requests.length)].getBytes(StandardCharsets.ISO_8859_1));
			}
			case 7 -> {
				// A request that stops arriving in its body.
				out.writeBytes(("POST " + path + " HTTP/1.1\r\nHost: l\r\n" + auth
						+ "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"payload\":")
					.getBytes(StandardCharsets.ISO_8859_1));
			}
			default -> {
				// Broken framing: a wrong or absurd Content-Length, a bad chunk size, an
				// unknown method or version.
				String[] requests = {
						"POST " + path + " HTTP/1.1\r\nHost: l\r\n" + auth
								+ "Content-Length: 99999999999999999999\r\n\r\n{}",
						"POST " + path + " HTTP/1.1\r\nHost: l\r\n" + auth + "Content-Length: -5\r\n\r\n{}",
						"POST " + path + " HTTP/1.1\r\nHost: l\r\n" + auth
								+ "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nZZZ\r\n{}\r\n0\r\n\r\n",
						"BREW " + path + " HTTP/1.1\r\nHost: l\r\n" + auth + "Connection: close\r\n\r\n",
						"GET " + path + " HTTP/9.9\r\nHost: l\r\n\r\n",
						"GET " + path + " HTTP/1.1\r\nHost: l\r\nBad Header Name: x\r\n\u0001\u0002: y\r\n\r\n" };
				out.writeBytes(requests[random.nextInt(requests.length)].getBytes(StandardCharsets.ISO_8859_1));
			}
		}
		return out.toByteArray();
	}

	private static void post(ByteArrayOutputStream out, String path, String auth, byte[] body, boolean close) {
		out.writeBytes(
				("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n" + auth + "Content-Type: application/json\r\n"
						+ (close ? "Connection: close\r\n" : "") + "Content-Length: " + body.length + "\r\n\r\n")
					.getBytes(StandardCharsets.ISO_8859_1));
		out.writeBytes(body);
	}

}
