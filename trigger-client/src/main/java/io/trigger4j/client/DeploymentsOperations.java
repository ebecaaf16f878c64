package io.trigger4j.client;

import io.trigger4j.client.error.BadRequestException;
import io.trigger4j.client.error.NotFoundException;
import io.trigger4j.client.error.PermissionDeniedException;
import io.trigger4j.client.model.deployments.Deployment;
import io.trigger4j.client.model.deployments.PromotedDeployment;
import reactor.core.publisher.Mono;

/**
 * Deployments: retrieving them and promoting a version. Obtain from
 * {@link TriggerOperations#deployments()}.
 *
 * <p>
 * These routes take the environment's secret key; an additional key without the
 * deployments ability fails with a {@link PermissionDeniedException}.
 */
public interface DeploymentsOperations {

	/**
	 * Retrieves a deployment with its worker and tasks. {@code GET
	 * /api/v1/deployments/{deploymentId}}.
	 * @param deploymentId the deployment id ({@code deployment_...})
	 * @return the deployment
	 */
	Mono<Deployment> retrieve(String deploymentId);

	/**
	 * Retrieves the environment's latest <em>unmanaged</em> deployment. {@code GET
	 * /api/v1/deployments/latest}. The server only looks at unmanaged (self-hosted)
	 * deployments, so for the usual managed deployments this fails with a
	 * {@link NotFoundException} ("Deployment not found").
	 * @return the latest unmanaged deployment
	 */
	Mono<Deployment> latest();

	/**
	 * Makes a deployed version the environment's current one: new runs use it.
	 * {@code POST /api/v1/deployments/{version}/promote}. A version older than the
	 * current one is refused; see {@link #promote(String, boolean)}. Refusals (already
	 * current, not deployed) fail with a {@link BadRequestException}; an unknown version
	 * with a {@link NotFoundException}. Not retried.
	 * @param version the version, such as {@code 20260820.3}
	 * @return the promoted deployment
	 */
	Mono<PromotedDeployment> promote(String version);

	/**
	 * Makes a deployed version the environment's current one, allowing a rollback to an
	 * older version when {@code allowRollbacks} is {@code true} (sent as
	 * {@code ?allowRollbacks=true}, which the contract does not list; the server reads
	 * it). {@code POST /api/v1/deployments/{version}/promote}. Not retried.
	 * @param version the version, such as {@code 20260820.3}
	 * @param allowRollbacks whether a version older than the current one may be promoted
	 * @return the promoted deployment
	 */
	Mono<PromotedDeployment> promote(String version, boolean allowRollbacks);

}
