package io.github.mcpstarter.discovery;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.github.mcpstarter.McpTool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Spring Data is an optional dependency: the scanner, loaded where Spring Data's classes do not
 * exist, still scans.
 */
class McpEndpointScannerWithoutSpringDataTests {

	@Test
	void theScannerScansWhereSpringDataIsAbsent() throws Exception {
		URL mainClasses = McpEndpointScanner.class.getProtectionDomain().getCodeSource().getLocation();
		try (WithoutSpringData loader = new WithoutSpringData(mainClasses, getClass().getClassLoader())) {
			assertThatExceptionOfType(ClassNotFoundException.class)
				.isThrownBy(() -> loader.loadClass("org.springframework.data.domain.Pageable"));
			Class<?> scannerType = loader.loadClass(McpEndpointScanner.class.getName());
			assertThat(scannerType.getClassLoader()).isSameAs(loader);
			new WebApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(DispatcherServletAutoConfiguration.class,
						WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
						JacksonAutoConfiguration.class))
				.withUserConfiguration(PlainController.class)
				.run((context) -> {
					Object scanner = scannerType.getConstructor(List.class, RequestMappingHandlerAdapter.class)
						.newInstance(context.getBeanProvider(RequestMappingHandlerMapping.class).orderedStream().toList(),
								context.getBean(RequestMappingHandlerAdapter.class));
					List<?> endpoints = (List<?>) scannerType.getMethod("scan").invoke(scanner);
					Method name = endpoints.get(0).getClass().getMethod("name");
					assertThat(endpoints).hasSize(1);
					assertThat(name.invoke(endpoints.get(0))).isEqualTo("plain");
				});
		}
	}

	/** Loads this module's own classes itself, and finds no Spring Data class at all. */
	private static final class WithoutSpringData extends URLClassLoader {

		WithoutSpringData(URL mainClasses, ClassLoader parent) {
			super(new URL[] { mainClasses }, parent);
		}

		@Override
		protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
			synchronized (getClassLoadingLock(name)) {
				if (name.startsWith("org.springframework.data.")) {
					throw new ClassNotFoundException(name);
				}
				if (name.startsWith("io.github.mcpstarter.") && !name.startsWith(McpTool.class.getName())) {
					Class<?> loaded = findLoadedClass(name);
					if (loaded == null) {
						try {
							loaded = findClass(name);
						}
						catch (ClassNotFoundException ex) {
							return super.loadClass(name, resolve);
						}
					}
					return loaded;
				}
				return super.loadClass(name, resolve);
			}
		}

	}

	@RestController
	static class PlainController {

		@McpTool
		@GetMapping("/plain")
		String plain(@RequestParam String q, java.util.Locale locale) {
			return q;
		}

	}

}
