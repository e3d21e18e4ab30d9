package io.github.mcpstarter.diagnostics;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * Starts a real application that must fail, and analyzes the exception it really threw.
 */
final class FailureAnalyzerTestSupport {

	private FailureAnalyzerTestSupport() {
	}

	/**
	 * Runs the application on a random port, expecting it to fail, and returns the analysis.
	 * @param analyzer the analyzer to apply
	 * @param application the application class
	 * @param args extra arguments
	 */
	static FailureAnalysis analyzeStartupFailure(FailureAnalyzer analyzer, Class<?> application, String... args) {
		String[] all = new String[args.length + 2];
		all[0] = "--server.port=0";
		all[1] = "--spring.main.banner-mode=off";
		System.arraycopy(args, 0, all, 2, args.length);
		Throwable[] failure = new Throwable[1];
		assertThatThrownBy(() -> new SpringApplication(application).run(all)).satisfies((ex) -> failure[0] = ex);
		FailureAnalysis analysis = analyzer.analyze(failure[0]);
		if (analysis == null) {
			fail("No analysis of " + failure[0]);
		}
		return analysis;
	}

}
