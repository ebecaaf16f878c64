package io.trigger4j.autoconfigure;

import io.trigger4j.client.TriggerClient;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Details required to connect to the Trigger.dev API: where it is and which credentials
 * to send. The auto-configuration builds {@code TriggerOperations} and reports its
 * {@code trigger} health from these details; by default they come from
 * {@link TriggerProperties} ({@code trigger.base-url}, {@code trigger.secret-key},
 * {@code trigger.access-token}, {@code trigger.branch}). Define a bean of this type to
 * supply them from elsewhere, for example a secret store; timeouts and retries still come
 * from the properties.
 * <p>
 * A secret key or an access token is required: start-up fails when both are {@code null}
 * or blank.
 */
public interface TriggerConnectionDetails extends ConnectionDetails {

	/**
	 * Base URL of the Trigger.dev API.
	 * @return the base URL of the API
	 */
	default String baseUrl() {
		return TriggerClient.DEFAULT_BASE_URL;
	}

	/**
	 * Secret key of the Trigger.dev environment ({@code tr_dev_...},
	 * {@code tr_prod_...}), sent to the operations that accept one.
	 * @return the secret key or {@code null}
	 */
	default @Nullable String secretKey() {
		return null;
	}

	/**
	 * Personal access token ({@code tr_pat_...}), sent to the project-wide operations
	 * that need one.
	 * @return the personal access token or {@code null}
	 */
	default @Nullable String accessToken() {
		return null;
	}

	/**
	 * Preview or dev branch to address, sent as the {@code x-trigger-branch} header.
	 * @return the branch or {@code null}
	 */
	default @Nullable String branch() {
		return null;
	}

}
