package io.github.mcpstarter.security;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.framework.AopConfigException;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

/**
 * Lets the application's {@link JwtDecoder} and {@link OpaqueTokenIntrospector} beans answer a
 * tool call's in-process request with the verification the MCP endpoint's chain just made of the
 * same token ({@link VerifiedBearerTokens}), instead of checking its signature, or introspecting
 * it, a second time in the same request.
 *
 * <p>Why the beans, and not the chains: both chains, the MCP endpoint's and the application's,
 * take the application's decoder or introspector bean, and each builds its own provider around it
 * with its own converter; the bean is the one thing they share, and the only place where the
 * application's chain can be spared the signature check without being changed or bypassed. A
 * chain given a decoder of its own ({@code jwt.decoder(...)}, {@code jwt.jwkSetUri(...)}) is not
 * touched, and verifies as before.
 *
 * <p>The bean stays what it was where Java allows: a proxy of its class when the class can be
 * extended (Boot's {@code SpringOpaqueTokenIntrospector}), and of its interfaces otherwise
 * ({@code NimbusJwtDecoder} and {@code SupplierJwtDecoder} are final), so such a bean is then
 * injected as a {@code JwtDecoder}, not by its class. {@code mcp.server.security.reuse-verified-token=false}
 * turns this off.
 *
 * @since 0.1.0
 */
public final class VerifiedBearerTokenPostProcessor implements BeanPostProcessor {

	private static final Log logger = LogFactory.getLog(VerifiedBearerTokenPostProcessor.class);

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!(bean instanceof JwtDecoder) && !(bean instanceof OpaqueTokenIntrospector)) {
			return bean;
		}
		ProxyFactory proxy = new ProxyFactory(bean);
		proxy.setProxyTargetClass(!Modifier.isFinal(bean.getClass().getModifiers()));
		proxy.addAdvice(new ReuseVerification(bean));
		try {
			return proxy.getProxy(bean.getClass().getClassLoader());
		}
		catch (AopConfigException ex) {
			// Fail closed: the bean as it is, which verifies each token every time it is asked.
			logger.debug("Tool calls verify the token again with '" + beanName + "', which cannot be proxied", ex);
			return bean;
		}
	}

	/** Answers {@code decode(token)} and {@code introspect(token)} through {@link VerifiedBearerTokens}. */
	private static final class ReuseVerification implements MethodInterceptor {

		private final Object verifier;

		ReuseVerification(Object verifier) {
			this.verifier = verifier;
		}

		@Override
		public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
			if (!verifiesAToken(invocation.getMethod()) || !(invocation.getArguments()[0] instanceof String token)) {
				return invocation.proceed();
			}
			return VerifiedBearerTokens.verify(this.verifier, token, invocation::proceed);
		}

		private boolean verifiesAToken(Method method) {
			if (method.getParameterCount() != 1 || method.getParameterTypes()[0] != String.class) {
				return false;
			}
			return (method.getName().equals("decode") && this.verifier instanceof JwtDecoder)
					|| (method.getName().equals("introspect") && this.verifier instanceof OpaqueTokenIntrospector);
		}

	}

}
