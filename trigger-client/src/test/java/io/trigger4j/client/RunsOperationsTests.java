package io.trigger4j.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.trigger4j.client.model.CursorPage;
import io.trigger4j.client.model.JsonValue;
import io.trigger4j.client.model.MachinePreset;
import io.trigger4j.client.model.runs.ListRunsRequest;
import io.trigger4j.client.model.runs.Run;
import io.trigger4j.client.model.runs.RunResult;
import io.trigger4j.client.model.runs.RunStatus;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;

@WireMockTest
class RunsOperationsTests {

	record Report(String url, int pages) {
	}

	record Rows(int rows) {
	}

	static String resource(String name) {
		try (InputStream in = RunsOperationsTests.class.getResourceAsStream(name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void retrieveDecodesTheFullRunAndIgnoresUnknownFields(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v3/runs/run_06g27kce6crhdjg1ste1sd07e1").willReturn(okJson(resource("retrieve-run.json"))));

		Run run = TestClients.client(wm).runs().retrieve("run_06g27kce6crhdjg1ste1sd07e1").block();

		assertThat(run.id()).isEqualTo("run_06g27kce6crhdjg1ste1sd07e1");
		assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
		assertThat(run.isTerminal()).isTrue();
		assertThat(run.taskIdentifier()).isEqualTo("generate-report");
		assertThat(run.createdAt()).isEqualTo(Instant.parse("2026-08-21T10:15:31.123Z"));
		assertThat(run.ttl()).isEqualTo("1h");
		assertThat(run.tags()).containsExactly("report", "tenant:acme");
		assertThat(run.durationMs()).isEqualTo(31870L);
		assertThat(run.attemptCount()).isEqualTo(2);
		assertThat(run.output(Report.class)).isEqualTo(new Report("https://reports.example/acme.pdf", 12));
		assertThat(run.payload().asMap()).containsEntry("tenantId", "acme");
		assertThat(run.metadata(Rows.class)).isEqualTo(new Rows(1200));
		assertThat(run.schedule().generator().expression()).isEqualTo("0 * * * *");
		assertThat(run.relatedRuns().children()).singleElement()
			.satisfies((child) -> assertThat(child.triggerFunction()).isEqualTo("triggerAndWait"));
		assertThat(run.relatedRuns().parent()).isNull();
		verify(getRequestedFor(urlEqualTo("/api/v3/runs/run_06g27kce6crhdjg1ste1sd07e1"))
			.withHeader("Authorization", equalTo("Bearer " + TestClients.SECRET_KEY))
			.withHeader("x-trigger-api-version", equalTo("2025-07-16"))
			.withHeader("Content-Type", absent())
			.withHeader("x-trigger-request-idempotency-key", absent()));
	}

	@Test
	void listPageSendsEveryFilterAndReturnsTheCursors(WireMockRuntimeInfo wm) {
		stubFor(get(urlPathEqualTo("/api/v1/runs")).willReturn(
				okJson("""
						{"data":[{"id":"run_1","status":"COMPLETED","taskIdentifier":"t","createdAt":"2026-08-21T10:15:30.123Z",
						 "updatedAt":"2026-08-21T10:15:34.020Z","isTest":false,"env":{"id":"env1","name":"prod"},"taskKind":"STANDARD"}],
						 "pagination":{"next":"eyJjIjoxNzg3fQ","previous":"eyJwIjoxfQ"}}""")));
		ListRunsRequest request = ListRunsRequest.builder()
			.statuses(RunStatus.COMPLETED, RunStatus.FAILED)
			.taskIdentifiers("a", "b")
			.versions("20260820.3")
			.tags("tenant:acme", "user:1")
			.bulkAction("bulk_1")
			.schedule("sched_1")
			.batch("batch_1")
			.queues("task/a")
			.regions("us-east-1")
			.machines(MachinePreset.MICRO, MachinePreset.LARGE_2X)
			.test(false)
			.createdFrom(Instant.parse("2026-01-01T00:00:00Z"))
			.createdTo(Instant.parse("2026-02-01T00:00:00Z"))
			.pageSize(50)
			.build();

		CursorPage<Run> page = TestClients.client(wm).runs().listPage(request, "cursor-1").block();

		assertThat(page.data()).extracting(Run::id).containsExactly("run_1");
		assertThat(page.data().get(0).env().name()).isEqualTo("prod");
		assertThat(page.next()).isEqualTo("eyJjIjoxNzg3fQ");
		assertThat(page.previous()).isEqualTo("eyJwIjoxfQ");
		verify(getRequestedFor(urlPathEqualTo("/api/v1/runs"))
			.withQueryParam("filter[status]", equalTo("COMPLETED,FAILED"))
			.withQueryParam("filter[taskIdentifier]", equalTo("a,b"))
			.withQueryParam("filter[version]", equalTo("20260820.3"))
			.withQueryParam("filter[tag]", equalTo("tenant:acme,user:1"))
			.withQueryParam("filter[bulkAction]", equalTo("bulk_1"))
			.withQueryParam("filter[schedule]", equalTo("sched_1"))
			.withQueryParam("filter[batch]", equalTo("batch_1"))
			.withQueryParam("filter[queue]", equalTo("task/a"))
			.withQueryParam("filter[region]", equalTo("us-east-1"))
			.withQueryParam("filter[machine]", equalTo("micro,large-2x"))
			.withQueryParam("filter[isTest]", equalTo("false"))
			.withQueryParam("filter[createdAt][from]", equalTo("2026-01-01T00:00:00Z"))
			.withQueryParam("filter[createdAt][to]", equalTo("2026-02-01T00:00:00Z"))
			.withQueryParam("page[size]", equalTo("50"))
			.withQueryParam("page[after]", equalTo("cursor-1"))
			.withQueryParam("page[before]", absent()));
	}

	@Test
	void listPageBeforeSendsOnlyTheBeforeCursorAndThePeriod(WireMockRuntimeInfo wm) {
		stubFor(get(urlPathEqualTo("/api/v1/runs")).willReturn(okJson("{\"data\":[],\"pagination\":{}}")));

		CursorPage<Run> page = TestClients.client(wm)
			.runs()
			.listPageBefore(ListRunsRequest.builder().period(Duration.ofDays(30)).build(), "prev-cursor")
			.block();

		assertThat(page.data()).isEmpty();
		assertThat(page.hasNext()).isFalse();
		verify(getRequestedFor(urlPathEqualTo("/api/v1/runs"))
			.withQueryParam("filter[createdAt][period]", equalTo("30d"))
			.withQueryParam("page[before]", equalTo("prev-cursor"))
			.withQueryParam("page[after]", absent())
			.withQueryParam("page[size]", absent()));
	}

	@Test
	void listWalksEveryPageUntilTheLast(WireMockRuntimeInfo wm) {
		stubFor(get(urlEqualTo("/api/v1/runs?page%5Bsize%5D=2")).willReturn(okJson(page("c1", "run_1", "run_2"))));
		stubFor(get(urlEqualTo("/api/v1/runs?page%5Bsize%5D=2&page%5Bafter%5D=c1"))
			.willReturn(okJson(page("c2", "run_3", "run_4"))));
		stubFor(get(urlEqualTo("/api/v1/runs?page%5Bsize%5D=2&page%5Bafter%5D=c2"))
			.willReturn(okJson(page(null, "run_4", "run_5"))));

		List<String> ids = TestClients.client(wm)
			.runs()
			.list(ListRunsRequest.builder().pageSize(2).build())
			.map(Run::id)
			.collectList()
			.block();

		// run_4 repeated across the page boundary is streamed once.
		assertThat(ids).containsExactly("run_1", "run_2", "run_3", "run_4", "run_5");
		verify(3, getRequestedFor(urlPathEqualTo("/api/v1/runs")));
	}

	@Test
	void listForProjectWalksEveryPageWithTheEnvironmentsAndTheAccessToken(WireMockRuntimeInfo wm) {
		String path = "/api/v1/projects/proj_abcdefghijklmnopqrst/runs";
		stubFor(get(urlEqualTo(path + "?filter%5Benv%5D=prod%2Cstg&page%5Bsize%5D=2"))
			.willReturn(okJson(page("c1", "run_1", "run_2"))));
		stubFor(get(urlEqualTo(path + "?filter%5Benv%5D=prod%2Cstg&page%5Bsize%5D=2&page%5Bafter%5D=c1"))
			.willReturn(okJson(page(null, "run_3"))));
		TriggerOperations client = TestClients.builder(wm).accessToken(TestClients.ACCESS_TOKEN).build();

		List<String> ids = client.runs()
			.listForProject("proj_abcdefghijklmnopqrst", List.of("prod", "stg"),
					ListRunsRequest.builder().pageSize(2).build())
			.map(Run::id)
			.collectList()
			.block();

		assertThat(ids).containsExactly("run_1", "run_2", "run_3");
		verify(2, getRequestedFor(urlPathEqualTo(path)).withQueryParam("filter[env]", equalTo("prod,stg"))
			.withHeader("Authorization", equalTo("Bearer " + TestClients.ACCESS_TOKEN)));
	}

	static String page(String next, String... ids) {
		StringBuilder data = new StringBuilder();
		for (String id : ids) {
			data.append(data.isEmpty() ? "" : ",")
				.append("{\"id\":\"")
				.append(id)
				.append("\",\"status\":\"QUEUED\",\"taskIdentifier\":\"t\",\"createdAt\":\"2026-08-21T10:15:30Z\"}");
		}
		return "{\"data\":[" + data + "],\"pagination\":{" + ((next != null) ? "\"next\":\"" + next + "\"" : "") + "}}";
	}

	@Test
	void cancelPostsWithoutBodyButWithContentLength(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v2/runs/run_1/cancel").willReturn(okJson("{\"id\":\"run_1\",\"someNewField\":true}")));

		assertThat(TestClients.client(wm).runs().cancel("run_1").block()).isEqualTo("run_1");
		verify(postRequestedFor(urlEqualTo("/api/v2/runs/run_1/cancel")).withHeader("Content-Length", equalTo("0"))
			.withHeader("Transfer-Encoding", absent()));
	}

	@Test
	void replayReturnsTheNewRunId(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/runs/run_1/replay").willReturn(okJson("{\"id\":\"run_new\",\"someNewField\":[1]}")));

		assertThat(TestClients.client(wm).runs().replay("run_1").block()).isEqualTo("run_new");
		verify(postRequestedFor(urlEqualTo("/api/v1/runs/run_1/replay")).withHeader("Content-Length", equalTo("0")));
	}

	@Test
	void rescheduleSendsTheDelayAndReturnsTheRun(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/runs/run_1/reschedule").willReturn(
				okJson("""
						{"id":"run_1","status":"DELAYED","taskIdentifier":"t","delayedUntil":"2026-11-22T20:00:00Z","someNewField":{}}""")));

		Run run = TestClients.client(wm).runs().reschedule("run_1", Duration.ofMinutes(150)).block();

		assertThat(run.status()).isEqualTo(RunStatus.DELAYED);
		assertThat(run.isTerminal()).isFalse();
		assertThat(run.delayedUntil()).isEqualTo(Instant.parse("2026-11-22T20:00:00Z"));
		assertThat(run.createdAt()).isNull();
		assertThat(run.tags()).isEmpty();
		verify(postRequestedFor(urlEqualTo("/api/v1/runs/run_1/reschedule"))
			.withRequestBody(equalToJson("{\"delay\":\"2h30m\"}")));
	}

	@Test
	void rescheduleUntilSendsAnIsoDate(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/runs/run_1/reschedule")
			.willReturn(okJson("{\"id\":\"run_1\",\"status\":\"DELAYED\",\"taskIdentifier\":\"t\"}")));

		TestClients.client(wm).runs().rescheduleUntil("run_1", Instant.parse("2026-12-24T18:00:00Z")).block();

		verify(postRequestedFor(urlEqualTo("/api/v1/runs/run_1/reschedule"))
			.withRequestBody(equalToJson("{\"delay\":\"2026-12-24T18:00:00Z\"}")));
	}

	@Test
	void addTagsSendsTheTagsAndReturnsTheMessage(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/runs/run_1/tags")
			.willReturn(okJson("{\"message\":\"Successfully set 2 new tags.\",\"someNewField\":1}")));

		String message = TestClients.client(wm).runs().addTags("run_1", List.of("a", "b")).block();

		assertThat(message).isEqualTo("Successfully set 2 new tags.");
		verify(postRequestedFor(urlEqualTo("/api/v1/runs/run_1/tags"))
			.withRequestBody(equalToJson("{\"tags\":[\"a\",\"b\"]}")));
	}

	@Test
	void updateMetadataPutsTheMetadataAndReturnsWhatIsStored(WireMockRuntimeInfo wm) {
		stubFor(put("/api/v1/runs/run_1/metadata")
			.willReturn(okJson("{\"metadata\":{\"progress\":0.5},\"someNewField\":1}")));

		JsonValue stored = TestClients.client(wm).runs().updateMetadata("run_1", Map.of("progress", 0.5)).block();

		assertThat(stored.asMap()).containsEntry("progress", 0.5);
		verify(putRequestedFor(urlEqualTo("/api/v1/runs/run_1/metadata"))
			.withHeader("Content-Type", equalTo("application/json"))
			.withRequestBody(equalToJson("{\"metadata\":{\"progress\":0.5}}")));
	}

	@Test
	void resultDecodesTheExecutionResult(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v1/runs/run_1/result").willReturn(okJson("""
				{"ok":true,"id":"run_1","taskIdentifier":"t","output":"{\\"url\\":\\"u\\",\\"pages\\":3}",
				 "outputType":"application/json","usage":{"durationMs":120},"someNewField":1}""")));

		RunResult result = TestClients.client(wm).runs().result("run_1").block();

		assertThat(result.ok()).isTrue();
		assertThat(result.output(Report.class)).isEqualTo(new Report("u", 3));
		assertThat(result.usage().durationMs()).isEqualTo(120.0);
		assertThat(result.error()).isNull();
		verify(getRequestedFor(urlEqualTo("/api/v1/runs/run_1/result")));
	}

}
