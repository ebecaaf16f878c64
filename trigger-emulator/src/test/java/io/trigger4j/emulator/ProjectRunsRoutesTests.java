package io.trigger4j.emulator;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The project's runs across environments: a personal access token, {@code filter[env]},
 * and the run list's filters and cursor pages.
 */
class ProjectRunsRoutesTests extends EmulatorTestSupport {

	private static final String PAT = "tr_pat_" + "a".repeat(40);

	private Http.Answer get(String token, String query) {
		return Http.send(HttpRequest
			.newBuilder(URI
				.create(this.emulator.baseUrl() + "/api/v1/projects/" + this.emulator.projectRef() + "/runs" + query))
			.header("Authorization", "Bearer " + token)
			.header("x-trigger-api-version", Http.CURRENT));
	}

	@Test
	void thePersonalAccessTokenListsTheDevRunsWithTheListsFiltersAndPages() {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			ids.add(0, trigger((i % 2 == 0) ? "slow" : "hello-world", "{\"payload\":{\"name\":\"x\"}}"));
			this.clock.advance(Duration.ofMillis(1));
		}
		Http.Answer all = get(PAT, "?filter%5Benv%5D=dev");
		assertThat(all.status()).as(all.body()).isEqualTo(200);
		List<String> listed = new ArrayList<>();
		all.json().get("data").forEach((run) -> listed.add(run.get("id").asString()));
		assertThat(listed).isEqualTo(ids);
		assertThat(all.json().get("data").get(0).get("env").get("name").asString()).isEqualTo("dev");
		assertThat(all.json().get("pagination").isEmpty()).isTrue();

		Http.Answer slow = get(PAT, "?filter%5Benv%5D=dev,prod&filter%5BtaskIdentifier%5D=slow");
		assertThat(slow.json().get("data")).hasSize(3);

		List<String> walked = new ArrayList<>();
		String cursor = null;
		do {
			JsonNode page = get(PAT,
					"?filter%5Benv%5D=dev&page%5Bsize%5D=2" + ((cursor != null) ? "&page%5Bafter%5D=" + cursor : ""))
				.json();
			page.get("data").forEach((run) -> walked.add(run.get("id").asString()));
			cursor = page.get("pagination").has("next") ? page.get("pagination").get("next").asString() : null;
		}
		while (cursor != null);
		assertThat(walked).isEqualTo(ids);
	}

	@Test
	void otherEnvironmentsHaveNoRunsAndNoMatchingEnvironmentFailsAsOnTheServer() {
		trigger("slow", "{\"payload\":{}}");
		Http.Answer prod = get(PAT, "?filter%5Benv%5D=prod");
		assertThat(prod.status()).isEqualTo(200);
		assertThat(prod.body()).isEqualTo("{\"data\":[],\"pagination\":{}}");
		// The first matching environment wins: stg has no runs.
		assertThat(get(PAT, "?filter%5Benv%5D=stg,dev").json().get("data")).isEmpty();

		for (String query : new String[] { "", "?filter%5Benv%5D=staging", "?filter%5Benv%5D=" }) {
			Http.Answer none = get(PAT, query);
			assertThat(none.status()).as(query).isEqualTo(500);
			assertThat(none.body()).isEqualTo("{\"error\":\"Internal Server Error\"}");
		}
	}

	@Test
	void onlyAPersonalAccessTokenForTheEmulatedProjectIsServed() {
		Http.Answer secretKey = get(this.emulator.secretKey(), "?filter%5Benv%5D=dev");
		assertThat(secretKey.status()).isEqualTo(401);
		assertThat(secretKey.body()).isEqualTo("{\"error\":\"Invalid or Missing PAT\"}");
		assertThat(get("tr_oat_" + "a".repeat(40), "?filter%5Benv%5D=dev").body())
			.isEqualTo("{\"error\":\"Invalid or Missing PAT\"}");
		assertThat(get("tr_pat_", "?filter%5Benv%5D=dev").status()).isEqualTo(401);

		Http.Answer noHeader = Http.send(HttpRequest.newBuilder(
				URI.create(this.emulator.baseUrl() + "/api/v1/projects/" + this.emulator.projectRef() + "/runs")));
		assertThat(noHeader.status()).isEqualTo(401);
		assertThat(noHeader.json().get("error").asString()).isEqualTo("No authorization header provided");

		Http.Answer otherProject = Http
			.send(HttpRequest.newBuilder(URI.create(this.emulator.baseUrl() + "/api/v1/projects/proj_other/runs"))
				.header("Authorization", "Bearer " + PAT));
		assertThat(otherProject.status()).isEqualTo(404);
		assertThat(otherProject.body()).isEqualTo("{\"error\":\"Project not found\"}");
	}

	@Test
	void theQueryIsCheckedBeforeTheToken() {
		Http.Answer badSize = get(this.emulator.secretKey(), "?page%5Bsize%5D=0&filter%5Benv%5D=dev");
		assertThat(badSize.status()).isEqualTo(400);
		assertThat(badSize.json().get("error").asString()).isEqualTo("Query Error");
		Http.Answer badStatus = get(PAT, "?filter%5Benv%5D=dev&filter%5Bstatus%5D=NOPE");
		assertThat(badStatus.status()).isEqualTo(400);
		assertThat(badStatus.json().get("details").get(0).get("message").asString())
			.isEqualTo("Invalid status values: NOPE");
	}

}
