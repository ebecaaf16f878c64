package io.trigger4j.emulator;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import io.trigger4j.emulator.api.EmulatorApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Every route of the contract is served; wrong methods and unknown paths. */
class ContractRoutesTests extends EmulatorTestSupport {

	@ParameterizedTest
	@MethodSource("contractOperations")
	void everyOperationOfTheContractIsServed(String operation) {
		String[] parts = operation.split(" ");
		String path = parts[1].replaceAll("\\{[^}]+}", "x_1");
		HttpRequest.Builder request = this.http.request(path).header("Content-Type", "application/json");
		request = switch (parts[0]) {
			case "GET" -> request.GET();
			case "DELETE" -> request.DELETE();
			default -> request.method(parts[0], HttpRequest.BodyPublishers.ofString("{}"));
		};

		Http.Answer answer = Http.send(request);

		assertThat(answer.status()).as("%s answered %s", operation, answer.body()).isNotIn(405, 501);
		assertThat(answer.body()).as("%s answered %s", operation, answer.body()).doesNotContain("trigger4j emulator");
	}

	static java.util.List<String> contractOperations() {
		return EmulatorApi.contractOperations();
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
