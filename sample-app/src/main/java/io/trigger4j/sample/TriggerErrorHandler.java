package io.trigger4j.sample;

import java.util.LinkedHashMap;
import java.util.Map;

import io.trigger4j.client.error.TriggerApiException;
import io.trigger4j.client.error.TriggerTransportException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns trigger4j errors into JSON answers: the API's status and message, or 502 for
 * transport failures.
 */
@RestControllerAdvice
class TriggerErrorHandler {

	@ExceptionHandler
	ResponseEntity<Map<String, Object>> apiError(TriggerApiException ex) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", (ex.serverMessage() != null) ? ex.serverMessage() : ex.getMessage());
		body.put("operation", ex.operation());
		if (!ex.details().isEmpty()) {
			body.put("details", ex.details());
		}
		HttpStatus status = HttpStatus.resolve(ex.statusCode());
		return ResponseEntity.status((status != null) ? status : HttpStatus.BAD_GATEWAY).body(body);
	}

	@ExceptionHandler
	ResponseEntity<Map<String, Object>> transportError(TriggerTransportException ex) {
		return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(Map.of("error", ex.getMessage()));
	}

	@ExceptionHandler
	ResponseEntity<Map<String, Object>> badInput(IllegalArgumentException ex) {
		return ResponseEntity.badRequest().body(Map.of("error", ex.getMessage()));
	}

}
