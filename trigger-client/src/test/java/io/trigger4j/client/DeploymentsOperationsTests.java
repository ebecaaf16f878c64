package io.trigger4j.client;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.trigger4j.client.error.BadRequestException;
import io.trigger4j.client.error.NotFoundException;
import io.trigger4j.client.error.PermissionDeniedException;
import io.trigger4j.client.error.ServerException;
import io.trigger4j.client.error.TriggerDecodingException;
import io.trigger4j.client.model.deployments.Deployment;
import io.trigger4j.client.model.deployments.DeploymentStatus;
import io.trigger4j.client.model.deployments.PromotedDeployment;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

@WireMockTest
class DeploymentsOperationsTests {

	@Test
	void retrieveDecodesTheDeploymentWithItsWorkerAndTasks(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v1/deployments/deployment_k3m9x2p7q4w8z1n5v6b0c").willReturn(
				okJson("""
						{"id":"deployment_k3m9x2p7q4w8z1n5v6b0c","status":"DEPLOYED","contentHash":"a1b2c3","shortCode":"x7k2m9",
						 "version":"20260820.3","imageReference":"registry.example/proj:20260820.3","imagePlatform":"linux/amd64",
						 "externalBuildData":{"buildId":"b1"},"errorData":null,
						 "worker":{"id":"worker_1","version":"20260820.3","tasks":[
						   {"id":"task_1","slug":"send-welcome-email","filePath":"src/trigger/email.ts","exportName":"sendWelcomeEmail","extra":1}]},
						 "someNewField":{"a":1}}""")));

		Deployment deployment = TestClients.client(wm)
			.deployments()
			.retrieve("deployment_k3m9x2p7q4w8z1n5v6b0c")
			.block();

		assertThat(deployment.id()).isEqualTo("deployment_k3m9x2p7q4w8z1n5v6b0c");
		assertThat(deployment.status()).isEqualTo(DeploymentStatus.DEPLOYED);
		assertThat(deployment.status().known()).isEqualTo(DeploymentStatus.Known.DEPLOYED);
		assertThat(deployment.status().isTerminal()).isTrue();
		assertThat(deployment.contentHash()).isEqualTo("a1b2c3");
		assertThat(deployment.shortCode()).isEqualTo("x7k2m9");
		assertThat(deployment.version()).isEqualTo("20260820.3");
		assertThat(deployment.imageReference()).isEqualTo("registry.example/proj:20260820.3");
		assertThat(deployment.imagePlatform()).isEqualTo("linux/amd64");
		assertThat(deployment.externalBuildData().asMap()).containsEntry("buildId", "b1");
		assertThat(deployment.errorData()).isNull();
		assertThat(deployment.worker().id()).isEqualTo("worker_1");
		assertThat(deployment.worker().version()).isEqualTo("20260820.3");
		assertThat(deployment.worker().tasks()).singleElement().satisfies((task) -> {
			assertThat(task.id()).isEqualTo("task_1");
			assertThat(task.slug()).isEqualTo("send-welcome-email");
			assertThat(task.filePath()).isEqualTo("src/trigger/email.ts");
			assertThat(task.exportName()).isEqualTo("sendWelcomeEmail");
		});
		verify(getRequestedFor(urlEqualTo("/api/v1/deployments/deployment_k3m9x2p7q4w8z1n5v6b0c"))
			.withHeader("Authorization", equalTo("Bearer " + TestClients.SECRET_KEY))
			.withHeader("x-trigger-api-version", equalTo("2025-07-16"))
			.withHeader("Content-Type", absent())
			.withHeader("x-trigger-request-idempotency-key", absent()));
	}

	@Test
	void latestDecodesAFailedDeploymentWithoutTheRetrieveOnlyFields(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v1/deployments/latest").willReturn(
				okJson("""
						{"id":"deployment_k3m9x2p7q4w8z1n5v6b0c","status":"FAILED","contentHash":"a1b2c3","shortCode":"x7k2m9",
						 "version":"20260821.1","imageReference":null,
						 "errorData":{"name":"BuildError","message":"npm install failed","stderr":"ERR!","more":1},"x":true}""")));

		Deployment deployment = TestClients.client(wm).deployments().latest().block();

		assertThat(deployment.status()).isEqualTo(DeploymentStatus.FAILED);
		assertThat(deployment.imageReference()).isNull();
		assertThat(deployment.imagePlatform()).isNull();
		assertThat(deployment.externalBuildData()).isNull();
		assertThat(deployment.worker()).isNull();
		assertThat(deployment.errorData().name()).isEqualTo("BuildError");
		assertThat(deployment.errorData().message()).isEqualTo("npm install failed");
		assertThat(deployment.errorData().stack()).isNull();
		assertThat(deployment.errorData().stderr()).isEqualTo("ERR!");
		verify(getRequestedFor(urlEqualTo("/api/v1/deployments/latest"))
			.withHeader("Authorization", equalTo("Bearer " + TestClients.SECRET_KEY))
			.withHeader("Content-Type", absent()));
	}

	@Test
	void latestIsNotFoundForManagedDeployments(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v1/deployments/latest")
			.willReturn(aResponse().withStatus(404).withBody("{\"error\":\"Deployment not found\"}")));

		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> TestClients.client(wm).deployments().latest().block())
			.satisfies((ex) -> assertThat(ex.serverMessage()).isEqualTo("Deployment not found"));
	}

	@Test
	void anUnknownStatusKeepsItsValueAndAWorkerWithoutTasksHasNone() {
		Deployment deployment = TestClients.read(
				"{\"id\":\"deployment_1\",\"status\":\"QUEUED_FOR_BUILD\",\"worker\":{\"id\":\"w\"}}",
				Deployment.class);

		assertThat(deployment.status().value()).isEqualTo("QUEUED_FOR_BUILD");
		assertThat(deployment.status().known()).isEqualTo(DeploymentStatus.Known.UNKNOWN);
		assertThat(deployment.status().isTerminal()).isFalse();
		assertThat(deployment.worker().tasks()).isEmpty();
		assertThat(TestClients.read("{\"id\":\"deployment_1\"}", Deployment.class).status().known())
			.isEqualTo(DeploymentStatus.Known.UNKNOWN);
	}

	@Test
	void aDeploymentWithoutIdIsADecodingError(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v1/deployments/latest").willReturn(okJson("{\"status\":\"DEPLOYED\"}")));

		assertThatExceptionOfType(TriggerDecodingException.class)
			.isThrownBy(() -> TestClients.client(wm).deployments().latest().block())
			.withMessageStartingWith("Could not decode the response of deployments.latest as Deployment")
			.withMessageContaining("'id'");
	}

	@Test
	void promotePostsWithoutBodyOrQuery(WireMockRuntimeInfo wm) {
		stubFor(post(urlPathEqualTo("/api/v1/deployments/20260820.3/promote")).willReturn(okJson(
				"{\"id\":\"deployment_k3m9x2p7q4w8z1n5v6b0c\",\"version\":\"20260820.3\",\"shortCode\":\"x7k2m9\",\"new\":1}")));

		PromotedDeployment promoted = TestClients.client(wm).deployments().promote("20260820.3").block();

		assertThat(promoted)
			.isEqualTo(new PromotedDeployment("deployment_k3m9x2p7q4w8z1n5v6b0c", "20260820.3", "x7k2m9"));
		verify(postRequestedFor(urlEqualTo("/api/v1/deployments/20260820.3/promote"))
			.withHeader("Authorization", equalTo("Bearer " + TestClients.SECRET_KEY))
			.withHeader("Content-Length", equalTo("0"))
			.withHeader("Content-Type", absent())
			.withHeader("x-trigger-request-idempotency-key", matching("[0-9a-f-]{36}")));
	}

	@Test
	void promoteWithRollbacksAllowedSendsAllowRollbacks(WireMockRuntimeInfo wm) {
		stubFor(post(urlPathEqualTo("/api/v1/deployments/20260801.2/promote"))
			.willReturn(okJson("{\"id\":\"deployment_k3m9x2p7q4w8z1n5v6b0c\"}")));

		PromotedDeployment promoted = TestClients.client(wm).deployments().promote("20260801.2", true).block();

		assertThat(promoted.version()).isNull();
		assertThat(promoted.shortCode()).isNull();
		verify(postRequestedFor(urlEqualTo("/api/v1/deployments/20260801.2/promote?allowRollbacks=true"))
			.withHeader("Content-Length", equalTo("0")));
	}

	@Test
	void promoteWithRollbacksRefusedSendsNoQuery(WireMockRuntimeInfo wm) {
		stubFor(post(urlPathEqualTo("/api/v1/deployments/20260801.2/promote"))
			.willReturn(okJson("{\"id\":\"deployment_k3m9x2p7q4w8z1n5v6b0c\"}")));

		TestClients.client(wm).deployments().promote("20260801.2", false).block();

		verify(postRequestedFor(urlEqualTo("/api/v1/deployments/20260801.2/promote")));
	}

	@Test
	void aRefusedPromotionIsABadRequestAndIsNotRetried(WireMockRuntimeInfo wm) {
		stubFor(post(urlPathEqualTo("/api/v1/deployments/20260820.3/promote")).willReturn(
				aResponse().withStatus(400).withBody("{\"error\":\"Deployment is already the current deployment.\"}")));
		stubFor(post(urlPathEqualTo("/api/v1/deployments/20260820.4/promote"))
			.willReturn(aResponse().withStatus(500).withBody("{\"error\":\"Failed to promote deployment\"}")));
		DeploymentsOperations deployments = TestClients.client(wm).deployments();

		assertThatExceptionOfType(BadRequestException.class).isThrownBy(() -> deployments.promote("20260820.3").block())
			.satisfies(
					(ex) -> assertThat(ex.serverMessage()).isEqualTo("Deployment is already the current deployment."));
		assertThatExceptionOfType(ServerException.class).isThrownBy(() -> deployments.promote("20260820.4").block());
		verify(1, postRequestedFor(urlPathEqualTo("/api/v1/deployments/20260820.4/promote")));
	}

	@Test
	void aKeyWithoutTheDeploymentsAbilityIsDenied(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v1/deployments/deployment_1")
			.willReturn(aResponse().withStatus(403).withBody("{\"error\":\"Unauthorized\"}")));

		assertThatExceptionOfType(PermissionDeniedException.class)
			.isThrownBy(() -> TestClients.client(wm).deployments().retrieve("deployment_1").block());
	}

	@Test
	void badArgumentsFailBeforeSending(WireMockRuntimeInfo wm) {
		DeploymentsOperations deployments = TestClients.client(wm).deployments();

		assertThatIllegalArgumentException().isThrownBy(() -> deployments.retrieve(" "))
			.withMessage("deploymentId must not be blank");
		assertThatNullPointerException().isThrownBy(() -> deployments.retrieve(null))
			.withMessage("deploymentId must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> deployments.retrieve("latest"))
			.withMessage("deploymentId must be a deployment id starting with deployment_ but was 'latest'");
		assertThatIllegalArgumentException().isThrownBy(() -> deployments.retrieve(" deployment_1"))
			.withMessageContaining("deploymentId must not start or end with whitespace");
		assertThatIllegalArgumentException().isThrownBy(() -> deployments.promote(""))
			.withMessage("version must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> deployments.promote("20260820.3 ", true))
			.withMessageContaining("version must not start or end with whitespace");
		assertThatNullPointerException().isThrownBy(() -> deployments.promote(null))
			.withMessage("version must not be null");
		verify(0, anyRequestedFor(anyUrl()));
	}

}
