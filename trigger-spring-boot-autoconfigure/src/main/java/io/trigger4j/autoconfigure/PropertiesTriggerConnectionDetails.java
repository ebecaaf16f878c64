package io.trigger4j.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * Adapts {@link TriggerProperties} to {@link TriggerConnectionDetails}. Blank keys count
 * as not set; keys are stripped.
 */
class PropertiesTriggerConnectionDetails implements TriggerConnectionDetails {

	private final TriggerProperties properties;

	PropertiesTriggerConnectionDetails(TriggerProperties properties) {
		this.properties = properties;
	}

	@Override
	public String baseUrl() {
		return this.properties.baseUrl();
	}

	@Override
	public @Nullable String secretKey() {
		return stripped(this.properties.secretKey());
	}

	@Override
	public @Nullable String accessToken() {
		return stripped(this.properties.accessToken());
	}

	@Override
	public @Nullable String branch() {
		return stripped(this.properties.branch());
	}

	static @Nullable String stripped(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	@Override
	public String toString() {
		return "PropertiesTriggerConnectionDetails[baseUrl=" + baseUrl() + "]";
	}

}
