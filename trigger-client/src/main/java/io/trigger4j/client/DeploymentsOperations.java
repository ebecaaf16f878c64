package io.trigger4j.client;

/**
 * Deployments: retrieving them and promoting a version. Obtain from
 * {@link TriggerOperations#deployments()}.
 */
public interface DeploymentsOperations {

}
