package io.trigger4j.autoconfigure;

import java.util.Locale;

import io.micrometer.observation.ObservationRegistry;
import io.trigger4j.client.TriggerClient;
import io.trigger4j.client.TriggerEnvironmentType;
import io.trigger4j.client.TriggerOperations;
import io.trigger4j.client.TriggerRetrySettings;
import io.trigger4j.client.observation.TriggerRequestObservationConvention;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Auto-configures {@link TriggerOperations} from {@link TriggerProperties}, built on
 * Spring Boot's {@link WebClient.Builder} (so its customizers, codecs and HTTP client
 * observations apply) and the {@link ObservationRegistry}; a {@code trigger} health
 * indicator when Actuator's health support is present; and masking of the secret key in
 * Actuator's {@code configprops} and {@code env}. Every bean backs off when the
 * application defines its own. Payloads, metadata and outputs are written and read with
 * the application's {@link JsonMapper} when it has a unique one, while the API envelope
 * keeps trigger4j's own mapping.
 */
@AutoConfiguration(after = WebClientAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
				"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration" })
@ConditionalOnClass({ TriggerOperations.class, WebClient.class })
@EnableConfigurationProperties(TriggerProperties.class)
public final class TriggerAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TriggerOperations triggerOperations(TriggerProperties properties, Environment environment,
			ObjectProvider<WebClient.Builder> webClientBuilder, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<TriggerRequestObservationConvention> observationConvention,
			ObjectProvider<JsonMapper> jsonMapper, ObjectProvider<TriggerClientBuilderCustomizer> customizers) {
		TriggerProperties.Retry retry = properties.retry();
		TriggerClient.Builder builder = TriggerClient.builder()
			.secretKey(secretKey(properties, environment))
			.baseUrl(baseUrl(properties, environment))
			.branch(properties.branch())
			.webClientBuilder(webClientBuilder.getIfAvailable(WebClient::builder))
			.observationRegistry(observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP))
			.observationConvention(observationConvention.getIfUnique())
			.connectTimeout(properties.connectTimeout())
			.responseTimeout(properties.responseTimeout())
			.retry(new TriggerRetrySettings(retry.maxAttempts(), retry.minBackoff(), retry.maxBackoff(),
					retry.multiplier(), retry.jitter(), retry.maxRateLimitWait()));
		jsonMapper.ifUnique(builder::jsonMapper);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	static String secretKey(TriggerProperties properties, Environment environment) {
		String key = configuredSecretKey(properties, environment);
		if (key == null) {
			throw new TriggerSecretKeyMissingException();
		}
		return key;
	}

	/**
	 * {@code trigger.secret-key}, else {@code TRIGGER_SECRET_KEY}, stripped; {@code null}
	 * when neither is set.
	 */
	static @Nullable String configuredSecretKey(TriggerProperties properties, Environment environment) {
		String key = properties.secretKey();
		if (key == null || key.isBlank()) {
			key = environment.getProperty("TRIGGER_SECRET_KEY");
		}
		return (key == null || key.isBlank()) ? null : key.strip();
	}

	static String baseUrl(TriggerProperties properties, Environment environment) {
		if (environment.containsProperty("trigger.base-url")) {
			return properties.baseUrl();
		}
		String fromEnvironment = environment.getProperty("TRIGGER_API_URL");
		return (fromEnvironment != null && !fromEnvironment.isBlank()) ? fromEnvironment : properties.baseUrl();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ReactiveHealthIndicator.class)
	static class TriggerHealthConfiguration {

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnEnabledHealthIndicator("trigger")
		static class Enabled {

			@Bean
			@ConditionalOnMissingBean(name = "triggerHealthIndicator")
			TriggerHealthIndicator triggerHealthIndicator(TriggerOperations operations, TriggerProperties properties,
					Environment environment) {
				String key = configuredSecretKey(properties, environment);
				return new TriggerHealthIndicator(operations, baseUrl(properties, environment),
						(key != null) ? TriggerEnvironmentType.of(key) : TriggerEnvironmentType.UNKNOWN,
						properties.health().timeout());
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SanitizingFunction.class)
	static class TriggerSanitizingConfiguration {

		/**
		 * Masks {@code trigger.secret-key} and {@code TRIGGER_SECRET_KEY} in
		 * {@code /actuator/configprops} and {@code /actuator/env}, even with
		 * {@code show-values=always}.
		 */
		@Bean
		@ConditionalOnMissingBean(name = "triggerSecretKeySanitizingFunction")
		SanitizingFunction triggerSecretKeySanitizingFunction() {
			return (data) -> isSecretKey(data) ? data.withSanitizedValue() : data;
		}

		private static boolean isSecretKey(SanitizableData data) {
			String key = data.getKey().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").replace(".", "");
			return key.equals("secretkey") || key.equals("triggersecretkey")
					|| (key.endsWith("secretkey") && key.startsWith("trigger"));
		}

	}

}
