package io.trigger4j.client;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.trigger4j.benchmarks.RunBodies;
import io.trigger4j.client.internal.JsonDefaults;
import io.trigger4j.client.model.CursorPage;
import io.trigger4j.client.model.runs.Run;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tools.jackson.databind.JsonNode;

/**
 * JMH benchmarks of decoding a response body as the client does for each response
 * ({@code WireJson.read} with the client's wire mapper into {@link Run}, or into the list
 * page's wire record and then its {@link CursorPage}) against Jackson's {@code readTree}
 * of the same bytes with the same mapper. In this package (in the benchmarks module) to
 * reach the client's package-private decoding; run by
 * {@code io.trigger4j.benchmarks.DecodingSection}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DecodingBenchmark {

	/** The operation names the client gives its decoding errors. */
	private static final String RETRIEVE = "runs.retrieve";

	private static final String LIST = "runs.list";

	private byte[] retrieveBody;

	private byte[] pageBody;

	private WireJson json;

	/**
	 * Makes the bodies and the client's decoder (with the default application mapper).
	 */
	@Setup
	public void setUp() {
		this.retrieveBody = RunBodies.retrieve();
		this.pageBody = page();
		this.json = wireJson();
	}

	/**
	 * The client's decoding of a retrieve-run body.
	 * @return the run
	 */
	@Benchmark
	public Run retrieveClient() {
		return this.json.read(RETRIEVE, this.retrieveBody, Run.class);
	}

	/**
	 * The baseline: {@code readTree} of the retrieve-run body.
	 * @return the tree
	 */
	@Benchmark
	public JsonNode retrieveReadTree() {
		return WireJson.WIRE.readTree(this.retrieveBody);
	}

	/**
	 * The client's decoding of a 100-run list page.
	 * @return the page
	 */
	@Benchmark
	public CursorPage<Run> pageClient() {
		return decodePage(this.json, this.pageBody);
	}

	/**
	 * The baseline: {@code readTree} of the 100-run list page.
	 * @return the tree
	 */
	@Benchmark
	public JsonNode pageReadTree() {
		return WireJson.WIRE.readTree(this.pageBody);
	}

	/**
	 * The list page decoded: the fourth page of a list of a million runs (100 runs, both
	 * cursors).
	 * @return the page's body
	 */
	public static byte[] page() {
		return RunBodies.page(3, 1_000_000);
	}

	/**
	 * Checks, outside any measurement, that both contenders read what the bodies hold:
	 * the client's run id and page size against the tree's.
	 * @return a sentence saying what was checked
	 * @throws IllegalStateException if the client and the tree disagree
	 */
	public static String check() {
		WireJson json = wireJson();
		byte[] retrieve = RunBodies.retrieve();
		byte[] page = page();
		Run run = json.read(RETRIEVE, retrieve, Run.class);
		CursorPage<Run> runs = decodePage(json, page);
		JsonNode runTree = WireJson.WIRE.readTree(retrieve);
		JsonNode pageTree = WireJson.WIRE.readTree(page);
		List<Run> data = runs.data();
		if (!run.id().equals(runTree.get("id").asString()) || run.createdAt() == null
				|| data.size() != pageTree.get("data").size() || runs.next() == null
				|| !data.get(data.size() - 1)
					.id()
					.equals(pageTree.get("data").get(data.size() - 1).get("id").asString())) {
			throw new IllegalStateException("the client's decoding and readTree disagree");
		}
		return "the client read run " + run.id() + " (" + retrieve.length + " bytes) and a page of " + data.size()
				+ " runs with both cursors (" + page.length + " bytes), as readTree did";
	}

	private static WireJson wireJson() {
		// As TriggerClient.builder() makes it when the application gives no mapper.
		return new WireJson(JsonDefaults.MAPPER);
	}

	private static CursorPage<Run> decodePage(WireJson json, byte[] body) {
		// As DefaultRunsOperations reads each page of runs().list().
		return json.read(LIST, body, DefaultRunsOperations.RunPage.class).toPage();
	}

}
