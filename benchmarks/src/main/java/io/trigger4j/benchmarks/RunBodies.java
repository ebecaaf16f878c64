package io.trigger4j.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * The bodies the {@link StubServer} answers with, shaped as the real server's (the
 * examples of {@code api-semantics.md} 9.3 to 9.5): a trigger answer, a retrieved run,
 * and list pages generated on the fly, each run with its own id and timestamps.
 */
public final class RunBodies {

	/** The runs of one list page. */
	public static final int PAGE_SIZE = 100;

	/** Every generated run was created before this instant, the newest first. */
	private static final long NEWEST_CREATED_MS = Instant.parse("2026-08-21T10:15:30.123Z").toEpochMilli();

	private static final byte[] TRIGGER = "{\"id\":\"run_06g27kcm0cv5e0ojs9ovnvj7e1\",\"isCached\":false}"
		.getBytes(StandardCharsets.UTF_8);

	private static final byte[] RETRIEVE = """
			{"id":"run_06g27kce6crhdjg1ste1sd07e1","taskIdentifier":"generate-report","idempotencyKey":"report-2026-08-21",\
			"version":"20260820.3","status":"COMPLETED","createdAt":"2026-08-21T10:15:31.123Z",\
			"startedAt":"2026-08-21T10:15:32.010Z","updatedAt":"2026-08-21T10:16:05.400Z",\
			"finishedAt":"2026-08-21T10:16:05.380Z","ttl":"1h","costInCents":0.95,"baseCostInCents":0.005,\
			"durationMs":31870,"isTest":false,"depth":0,"tags":["report","tenant:acme"],"isQueued":false,\
			"isExecuting":false,"isCompleted":true,"isFailed":false,"isSuccess":true,"isCancelled":false,\
			"isWaiting":false,"triggerFunction":"trigger","metadata":{"rows":1200},"region":"us-east-1",\
			"payload":{"tenantId":"acme","day":"2026-08-20"},\
			"outputPresignedUrl":"https://objects.example/packets/proj_ohzdmjewgsnffmndrxca/prod/run_06g27kce6crhdjg1ste1sd07e1/output.json?X-Amz-Expires=300&X-Amz-Signature=0f3c",\
			"attemptCount":2,"attempts":[],"relatedRuns":{"children":[{"id":"run_06g27kci3drcbg89okc9g46le1",\
			"taskIdentifier":"render-chart","status":"COMPLETED","createdAt":"2026-08-21T10:15:32.123Z",\
			"startedAt":"2026-08-21T10:15:40.900Z","updatedAt":"2026-08-21T10:15:50.000Z",\
			"finishedAt":"2026-08-21T10:15:49.990Z","costInCents":0.1,"baseCostInCents":0.0025,"durationMs":9000,\
			"isTest":false,"depth":1,"tags":[],"isQueued":false,"isExecuting":false,"isCompleted":true,\
			"isFailed":false,"isSuccess":true,"isCancelled":false,"isWaiting":false,\
			"triggerFunction":"triggerAndWait","version":"20260820.3","region":"us-east-1"}]}}"""
		.getBytes(StandardCharsets.UTF_8);

	private RunBodies() {
	}

	/**
	 * The answer to a trigger: {@code {"id":"run_...","isCached":false}}.
	 * @return a copy of the body
	 */
	public static byte[] trigger() {
		return TRIGGER.clone();
	}

	/**
	 * A retrieved run that succeeded on its second attempt, with a child run.
	 * @return a copy of the body
	 */
	public static byte[] retrieve() {
		return RETRIEVE.clone();
	}

	/**
	 * One list page: runs {@code page * 100} to {@code page * 100 + 99} of
	 * {@code totalRuns}, newest first, with a {@code pagination.next} cursor unless it is
	 * the last page.
	 * @param page the page, from 0
	 * @param totalRuns how many runs the whole list holds
	 * @return the page's body
	 */
	public static byte[] page(int page, long totalRuns) {
		long first = (long) page * PAGE_SIZE;
		long end = Math.min(totalRuns, first + PAGE_SIZE);
		StringBuilder json = new StringBuilder(90 * 1024).append("{\"data\":[");
		for (long index = first; index < end; index++) {
			if (index > first) {
				json.append(',');
			}
			appendRun(json, index);
		}
		json.append("],\"pagination\":{");
		if (end < totalRuns) {
			json.append("\"next\":\"").append(cursor(page + 1)).append('"');
		}
		if (page > 0) {
			json.append((end < totalRuns) ? "," : "").append("\"previous\":\"").append(cursor(page - 1)).append('"');
		}
		return json.append("}}").toString().getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * The cursor of a page: base64url JSON {@code {"c": createdAtMs, "r": id}} as the
	 * server's, where {@code r} names the page.
	 * @param page the page, from 0
	 * @return the cursor
	 */
	static String cursor(int page) {
		String json = "{\"c\":" + (NEWEST_CREATED_MS - page * PAGE_SIZE * 1000L) + ",\"r\":\"p" + page + "\"}";
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The page a {@link #cursor(int) cursor} names.
	 * @param cursor the cursor, or {@code null} for the first page
	 * @return the page, from 0
	 */
	static int pageOf(String cursor) {
		if (cursor == null || cursor.isEmpty()) {
			return 0;
		}
		String json = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
		int start = json.indexOf("\"r\":\"p") + 6;
		return Integer.parseInt(json.substring(start, json.indexOf('"', start)));
	}

	private static void appendRun(StringBuilder json, long index) {
		long created = NEWEST_CREATED_MS - index * 1000L;
		boolean failed = index % 10 == 3;
		json.append("{\"id\":\"")
			.append(runId(index))
			.append("\",\"status\":\"")
			.append(failed ? "FAILED" : "COMPLETED")
			.append("\",\"taskIdentifier\":\"")
			.append(failed ? "sync-crm" : "send-welcome-email")
			.append('"');
		if (index % 2 == 0) {
			json.append(",\"idempotencyKey\":\"signup-").append(index).append('"');
		}
		json.append(",\"version\":\"20260820.3\",\"createdAt\":\"")
			.append(Instant.ofEpochMilli(created))
			.append("\",\"updatedAt\":\"")
			.append(Instant.ofEpochMilli(created + 3897))
			.append("\",\"startedAt\":\"")
			.append(Instant.ofEpochMilli(created + 879))
			.append("\",\"finishedAt\":\"")
			.append(Instant.ofEpochMilli(created + 3878))
			.append("\",\"isTest\":false,\"env\":{\"id\":\"cm5x0y1z20000ab12cd34ef56\",\"name\":\"prod\"},")
			.append("\"tags\":[\"tenant:acme\",\"user:")
			.append(index % 10_000)
			.append("\"],\"costInCents\":0.0731,\"baseCostInCents\":0.0025,\"durationMs\":2999,\"depth\":0,")
			.append("\"metadata\":{\"progress\":1},\"taskKind\":\"STANDARD\",\"region\":\"us-east-1\",")
			.append("\"isQueued\":false,\"isExecuting\":false,\"isCompleted\":true,\"isFailed\":")
			.append(failed)
			.append(",\"isSuccess\":")
			.append(!failed)
			.append(",\"isCancelled\":false,\"isWaiting\":false}");
	}

	private static String runId(long index) {
		String digits = Long.toString(index, 36);
		return "run_06g27kca9dl530oj" + "000000".substring(Math.min(6, digits.length())) + digits;
	}

}
