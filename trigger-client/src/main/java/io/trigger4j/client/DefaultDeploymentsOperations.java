package io.trigger4j.client;

import io.trigger4j.client.model.deployments.Deployment;
import io.trigger4j.client.model.deployments.PromotedDeployment;
import reactor.core.publisher.Mono;

/** The {@link DeploymentsOperations} implementation. */
final class DefaultDeploymentsOperations implements DeploymentsOperations {

	private final TriggerHttp http;

	DefaultDeploymentsOperations(TriggerHttp http) {
		this.http = http;
	}

	@Override
	public Mono<Deployment> retrieve(String deploymentId) {
		return this.http.execute(ApiCall.to(Operation.DEPLOYMENTS_RETRIEVE, deploymentId).reading(Deployment.class));
	}

	@Override
	public Mono<Deployment> latest() {
		return this.http.execute(ApiCall.to(Operation.DEPLOYMENTS_LATEST).reading(Deployment.class));
	}

	@Override
	public Mono<PromotedDeployment> promote(String version) {
		return promote(version, false);
	}

	@Override
	public Mono<PromotedDeployment> promote(String version, boolean allowRollbacks) {
		return this.http.execute(ApiCall.to(Operation.DEPLOYMENTS_PROMOTE, version)
			.query("allowRollbacks", allowRollbacks ? "true" : null)
			.reading(PromotedDeployment.class));
	}

}
