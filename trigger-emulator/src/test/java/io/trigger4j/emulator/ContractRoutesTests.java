package io.trigger4j.emulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import io.trigger4j.emulator.api.EmulatorApi;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract's routes the emulator does not serve yet, and wrong methods. */
class ContractRoutesTests extends EmulatorTestSupport {

	@Test
	void aContractRouteNotServedYetAnswers501NamingTheOperation() {
		Http.Answer answer = this.http.get("/api/v1/runs/run_1/trace");

		assertThat(answer.status()).isEqualTo(501);
		assertThat(answer.json().get("error").asString())
			.isEqualTo("The trigger4j emulator does not serve get_run_trace_v1 (GET /api/v1/runs/{runId}/trace) yet");
		assertThat(this.http.post("/api/v1/waitpoints/tokens", "{}").status()).isEqualTo(501);
	}

	@Test
	void aWrongMethodOnAKnownPathAnswers405WithAllow() {
		Http.Answer answer = this.http.get("/api/v1/tasks/hello-world/trigger");

		assertThat(answer.status()).isEqualTo(405);
		assertThat(answer.json().get("error").asString()).isEqualTo("Method not allowed");
		assertThat(answer.header("Allow")).isEqualTo("POST");
		assertThat(this.http.put("/api/v1/runs", "{}").header("Allow")).isEqualTo("GET");
	}

	@Test
	void anUnknownPathAnswers404() {
		Http.Answer answer = this.http.get("/api/v9/nothing");

		assertThat(answer.status()).isEqualTo(404);
		assertThat(answer.json().get("error").asString()).isEqualTo("Not found");
	}

	@Test
	void theEmulatorsTableOfOperationsIsTheContracts() throws IOException {
		JsonNode contract = new YAMLMapper()
			.readTree(Files.readString(Path.of("..", "contract", "trigger-v3-openapi.yaml"), StandardCharsets.UTF_8));
		Set<String> documented = new LinkedHashSet<>();
		for (Map.Entry<String, JsonNode> path : contract.path("paths").properties()) {
			for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
				if (Set.of("get", "post", "put", "delete", "patch").contains(operation.getKey())) {
					documented.add(operation.getKey().toUpperCase() + " " + path.getKey() + " "
							+ operation.getValue().path("operationId").asString());
				}
			}
		}

		assertThat(EmulatorApi.contractOperations()).containsExactlyInAnyOrderElementsOf(documented);
	}

}
