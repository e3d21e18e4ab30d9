package io.github.mcpstarter.security;

import java.lang.reflect.AnnotatedElement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.SpelNode;
import org.springframework.expression.spel.ast.MethodReference;
import org.springframework.expression.spel.ast.OpAnd;
import org.springframework.expression.spel.ast.StringLiteral;
import org.springframework.expression.spel.ast.VariableReference;
import org.springframework.expression.spel.standard.SpelExpression;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.annotation.Secured;
import org.springframework.security.access.prepost.PostAuthorize;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.method.HandlerMethod;

import io.github.mcpstarter.McpTool;

/**
 * The OAuth2 scopes a tool needs: those declared in {@code @McpTool(scopes)}, and those its method
 * security demands, read from {@code hasAuthority('SCOPE_x')} in {@code @PreAuthorize} and from a
 * single {@code @Secured("SCOPE_x")}, where {@code SCOPE_} is the authority prefix of the
 * application's token converter.
 *
 * <p>Reading an expression gives the scopes every way through it needs: those in
 * {@code hasAuthority} at its top or joined by {@code and}; a scope under {@code or} or {@code !},
 * like {@code hasAnyAuthority} (one of several), is needed by no caller for sure.
 * The method security itself still decides every call.
 */
final class ToolScopes {

	private static final SpelExpressionParser PARSER = new SpelExpressionParser();

	private ToolScopes() {
	}

	static List<String> of(HandlerMethod handler, String prefix) {
		Set<String> scopes = new LinkedHashSet<>();
		for (AnnotatedElement element : new AnnotatedElement[] { handler.getBeanType(), handler.getMethod() }) {
			McpTool tool = AnnotatedElementUtils.findMergedAnnotation(element, McpTool.class);
			if (tool != null) {
				scopes.addAll(List.of(tool.scopes()));
			}
		}
		PreAuthorize preAuthorize = findOnMethodOrClass(handler, PreAuthorize.class);
		if (preAuthorize != null) {
			try {
				collect(((SpelExpression) PARSER.parseExpression(preAuthorize.value())).getAST(), prefix, scopes);
			}
			catch (ParseException ex) {
				// Method security reports an invalid expression itself, at call time.
			}
		}
		Secured secured = findOnMethodOrClass(handler, Secured.class);
		if (secured != null && secured.value().length == 1 && secured.value()[0].startsWith(prefix)) {
			scopes.add(secured.value()[0].substring(prefix.length()));
		}
		return List.copyOf(scopes);
	}

	/**
	 * Why the method security of a handler cannot be decided before its call, or {@code null}
	 * when it can: an {@code @PreAuthorize} that reads an argument ({@code #id}), or an
	 * {@code @PostAuthorize}, which reads the result.
	 */
	static @Nullable String undecidableBeforeTheCall(HandlerMethod handler) {
		String variable = preAuthorizeArgument(handler);
		if (variable != null) {
			return "its @PreAuthorize reads the argument " + variable;
		}
		if (findOnMethodOrClass(handler, PostAuthorize.class) != null) {
			return "its @PostAuthorize reads the result";
		}
		return null;
	}

	/**
	 * The argument ({@code #id}) the handler's {@code @PreAuthorize} reads, or {@code null}: such
	 * an expression cannot be asked without the arguments. An {@code @PostAuthorize} alone does not
	 * stop the rules before the call from being asked: its interceptor lets the call proceed first.
	 */
	static @Nullable String preAuthorizeArgument(HandlerMethod handler) {
		PreAuthorize preAuthorize = findOnMethodOrClass(handler, PreAuthorize.class);
		if (preAuthorize != null) {
			try {
				return variable(((SpelExpression) PARSER.parseExpression(preAuthorize.value())).getAST());
			}
			catch (ParseException ex) {
				// Method security reports an invalid expression itself, at call time.
			}
		}
		return null;
	}

	private static @Nullable String variable(SpelNode node) {
		if (node instanceof VariableReference reference) {
			String name = reference.toStringAST();
			if (!name.equals("#root") && !name.equals("#this")) {
				return name;
			}
		}
		for (int i = 0; i < node.getChildCount(); i++) {
			String variable = variable(node.getChild(i));
			if (variable != null) {
				return variable;
			}
		}
		return null;
	}

	private static <A extends java.lang.annotation.Annotation> @Nullable A findOnMethodOrClass(HandlerMethod handler,
			Class<A> type) {
		A onMethod = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), type);
		return (onMethod != null) ? onMethod : AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), type);
	}

	private static void collect(SpelNode node, String prefix, Set<String> scopes) {
		if (node instanceof MethodReference method && "hasAuthority".equals(method.getName())
				&& method.getChildCount() == 1 && method.getChild(0) instanceof StringLiteral literal) {
			String authority = String.valueOf(literal.getLiteralValue().getValue());
			if (authority.startsWith(prefix)) {
				scopes.add(authority.substring(prefix.length()));
			}
		}
		// Only what every way through the expression needs: the operands of "and", never those of
		// "or", "!", a ternary or a method's arguments, which a caller may pass without.
		if (node instanceof OpAnd) {
			for (int i = 0; i < node.getChildCount(); i++) {
				collect(node.getChild(i), prefix, scopes);
			}
		}
	}

}
