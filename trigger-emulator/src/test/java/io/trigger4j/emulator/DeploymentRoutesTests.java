package io.trigger4j.emulator;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.Map;

import io.trigger4j.emulator.engine.Engine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Deployments: retrieve, latest and promote, and the version new runs get. */
class DeploymentRoutesTests extends EmulatorTestSupport {

	private final TriggerEmulator deployed = TriggerEmulator.builder()
		.clock(new ManualClock(Instant.parse("2026-11-22T10:00:00Z")))
		.task("hello-world", (run) -> Map.of("greeting", "hi"))
		.task("report", (run) -> "done")
		.deployment("20260102.1")
		.deployment("20251231.3")
		.deployment("20260102.2", "FAILED")
		.deployment("20260103.1", "DEPLOYING")
		.start();

	private final Http client = new Http(this.deployed);

	@AfterEach
	void stopDeployed() {
		this.deployed.stop();
	}

	private Http.Answer promote(String version) {
		return this.client.post("/api/v1/deployments/" + version + "/promote", "");
	}

	private String versionOfANewRun() {
		Http.Answer triggered = this.client.post("/api/v1/tasks/hello-world/trigger", "{\"payload\":{}}");
		return this.client.get("/api/v3/runs/" + triggered.json().get("id").asString())
			.json()
			.get("version")
			.asString();
	}

	private void refused(Http.Answer answer, int status, String error) {
		assertThat(answer.status()).as(answer.body()).isEqualTo(status);
		assertThat(answer.body()).isEqualTo("{\"error\":\"" + error + "\"}");
	}

	@Test
	void promotingALaterVersionGivesItToNewRuns() {
		assertThat(versionOfANewRun()).isEqualTo(Engine.DEFAULT_VERSION);

		Http.Answer promoted = promote("20260102.1");

		assertThat(promoted.status()).isEqualTo(200);
		JsonNode answer = promoted.json();
		assertThat(answer.get("id").asString()).matches("deployment_[1-9a-km-z]{21}");
		assertThat(answer.get("version").asString()).isEqualTo("20260102.1");
		assertThat(answer.get("shortCode").asString()).matches("[0-9a-z]{8}");
		assertThat(answer.size()).isEqualTo(3);
		assertThat(versionOfANewRun()).isEqualTo("20260102.1");
		refused(promote("20260102.1"), 400, "Deployment is already the current deployment.");
	}

	@Test
	void anOlderVersionIsPromotedOnlyWithAllowRollbacks() {
		promote("20260102.1");

		refused(promote(Engine.DEFAULT_VERSION), 400,
				"Cannot promote a deployment that is older than the current deployment.");
		refused(promote("20251231.3"), 400, "Cannot promote a deployment that is older than the current deployment.");
		assertThat(versionOfANewRun()).isEqualTo("20260102.1");

		Http.Answer rolledBack = this.client.post("/api/v1/deployments/20251231.3/promote?allowRollbacks=true", "");
		assertThat(rolledBack.status()).isEqualTo(200);
		assertThat(versionOfANewRun()).isEqualTo("20251231.3");
	}

	@Test
	void aDeploymentThatIsNotDeployedIsNotPromoted() {
		refused(promote("20260102.2"), 400, "Deployment is not associated with a worker and cannot be promoted.");
		refused(promote("20260103.1"), 400, "Deployment must be in the DEPLOYED state to be promoted.");
		refused(promote("20991231.1"), 404, "Deployment not found");
		assertThat(versionOfANewRun()).isEqualTo(Engine.DEFAULT_VERSION);
	}

	@Test
	void aDeploymentIsRetrievedByIdWithItsWorkersTasks() {
		String id = promote("20260102.1").json().get("id").asString();

		Http.Answer answer = this.client.get("/api/v1/deployments/" + id);

		assertThat(answer.status()).isEqualTo(200);
		JsonNode deployment = answer.json();
		assertThat(deployment.get("id").asString()).isEqualTo(id);
		assertThat(deployment.get("status").asString()).isEqualTo("DEPLOYED");
		assertThat(deployment.get("version").asString()).isEqualTo("20260102.1");
		assertThat(deployment.get("contentHash").asString()).matches("[0-9a-f]{64}");
		assertThat(deployment.get("imagePlatform").asString()).isEqualTo("linux/amd64");
		assertThat(deployment.get("imageReference").isNull()).isTrue();
		assertThat(deployment.get("errorData").isNull()).isTrue();
		JsonNode worker = deployment.get("worker");
		assertThat(worker.get("id").asString()).matches("worker_[1-9a-km-z]{21}");
		assertThat(worker.get("version").asString()).isEqualTo("20260102.1");
		assertThat(worker.get("tasks")).hasSize(2);
		JsonNode task = worker.get("tasks").get(0);
		assertThat(task.get("id").asString()).matches("task_[1-9a-km-z]{21}");
		assertThat(task.get("slug").asString()).isEqualTo("hello-world");
		assertThat(task.get("filePath").asString()).isEqualTo("src/trigger/hello-world.ts");
		assertThat(task.get("exportName").asString()).isEqualTo("helloWorld");
		refused(this.client.get("/api/v1/deployments/deployment_unknown"), 404, "Deployment not found");
	}

	@Test
	void theLatestUnmanagedDeploymentIsNeverFound() {
		refused(this.client.get("/api/v1/deployments/latest"), 404, "Deployment not found");
	}

	@Test
	void onlySecretKeysAreAccepted() {
		Http.Answer answer = Http
			.send(HttpRequest.newBuilder(URI.create(this.deployed.baseUrl() + "/api/v1/deployments/20260102.1/promote"))
				.header("Authorization", "Bearer tr_pat_" + "a".repeat(40))
				.POST(HttpRequest.BodyPublishers.noBody()));

		refused(answer, 401, "Invalid API key");
		assertThat(versionOfANewRun()).isEqualTo(Engine.DEFAULT_VERSION);
	}

	@Test
	void theBuilderRefusesMalformedVersionsUnknownStatusesAndRepeats() {
		assertThatIllegalArgumentException().isThrownBy(() -> TriggerEmulator.builder().deployment("v2"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TriggerEmulator.builder().deployment("20260102.1", "LIVE"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TriggerEmulator.builder().deployment(Engine.DEFAULT_VERSION));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TriggerEmulator.builder().deployment("20260102.1").deployment("20260102.1"));
	}

	@Test
	void theDefaultEmulatorPromotesNothingElse() {
		Http.Answer answer = this.http.post("/api/v1/deployments/" + Engine.DEFAULT_VERSION + "/promote", "");

		refused(answer, 400, "Deployment is already the current deployment.");
	}

	@Test
	void hostileVersionsAndIdsAreNotFoundAndChangeNothing() {
		for (String version : new String[] { "x".repeat(3000), "20260102.1%2F..%2F..", "%00", "20260102.1.1",
				"20260102", "..", "20260102.1%20" }) {
			Http.Answer answer = promote(version);
			assertThat(answer.status()).as(version + " " + answer.body()).isIn(400, 404);
			assertThat(this.client.get("/api/v1/deployments/" + version).status()).isEqualTo(404);
		}

		assertThat(versionOfANewRun()).isEqualTo(Engine.DEFAULT_VERSION);
		assertThat(promote("20260102.1").status()).isEqualTo(200);
	}

}
