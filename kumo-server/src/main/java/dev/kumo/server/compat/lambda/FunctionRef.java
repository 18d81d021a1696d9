package dev.kumo.server.compat.lambda;

import dev.kumo.core.FunctionVersion;
import dev.kumo.core.InvalidRequestException;
import dev.kumo.core.Names;
import dev.kumo.server.http.Request;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a Lambda {@code FunctionName} names: a function and maybe a qualifier. SDKs send a name
 * ({@code my-fn}), a name with a qualifier ({@code my-fn:1}, {@code my-fn:$LATEST}, {@code my-fn:prod}), a full
 * ARN ({@code arn:aws:lambda:us-east-1:123456789012:function:my-fn[:QUALIFIER]}) or a partial one
 * ({@code 123456789012:function:my-fn[:QUALIFIER]}); the region and account are ignored. The router has already
 * percent-decoded the path ({@code %24LATEST}, {@code %3A}).
 *
 * @param name      the function name
 * @param qualifier the qualifier the name carried, if any
 */
record FunctionRef(String name, Optional<String> qualifier) {

    private static final Pattern QUALIFIER = Pattern.compile("\\$LATEST|[0-9]+|[A-Za-z0-9][A-Za-z0-9_-]{0,127}");
    private static final Pattern ARN_HEAD = Pattern.compile("arn:aws[a-z-]*:lambda:[a-z0-9-]*:[0-9]{12}:function:.*");
    private static final Pattern PARTIAL_HEAD = Pattern.compile("[0-9]{12}:function:.*");

    /** Parses {@code raw}; a 400 InvalidParameterValueException names the problem. */
    static FunctionRef parse(String raw) {
        String rest;
        if (ARN_HEAD.matcher(raw).matches()) {
            rest = raw.substring(raw.indexOf(":function:") + ":function:".length());
        } else if (PARTIAL_HEAD.matcher(raw).matches()) {
            rest = raw.substring(raw.indexOf(":function:") + ":function:".length());
        } else if (raw.startsWith("arn:")) {
            throw LambdaErrors.invalidParameter("FunctionName '" + raw + "' is not a Lambda function ARN"
                    + " (arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER])");
        } else {
            rest = raw;
        }
        String[] parts = rest.split(":", -1);
        if (parts.length > 2) {
            throw LambdaErrors.invalidParameter("FunctionName '" + raw + "' must be NAME, NAME:QUALIFIER or a"
                    + " function ARN");
        }
        try {
            Names.function(parts[0]);
        } catch (InvalidRequestException e) {
            throw LambdaErrors.invalidParameter("FunctionName '" + raw + "': " + e.getMessage());
        }
        if (parts.length == 1) {
            return new FunctionRef(parts[0], Optional.empty());
        }
        return new FunctionRef(parts[0], Optional.of(checkQualifier(parts[1])));
    }

    /** Validates a qualifier: {@code $LATEST}, a version number or an alias name. */
    static String checkQualifier(String qualifier) {
        if (!QUALIFIER.matcher(qualifier).matches() || qualifier.matches("0+|0[0-9]+")) {
            throw LambdaErrors.invalidParameter("Qualifier '" + qualifier + "' must be $LATEST, a version number or"
                    + " an alias name");
        }
        return qualifier;
    }

    /**
     * The function of path parameter {@code FunctionName} and the qualifier from it or from query parameter
     * {@code Qualifier} (400 when both are given and differ); {@code $LATEST} when neither.
     */
    static FunctionRef of(Request r) {
        var ref = parse(r.param("FunctionName"));
        var query = r.query("Qualifier").filter(q -> !q.isEmpty()).map(FunctionRef::checkQualifier);
        if (ref.qualifier().isPresent() && query.isPresent() && !ref.qualifier().equals(query)) {
            throw LambdaErrors.invalidParameter("the qualifier in FunctionName (" + ref.qualifier().get()
                    + ") and the Qualifier parameter (" + query.get() + ") differ");
        }
        return new FunctionRef(ref.name(), ref.qualifier().or(() -> query));
    }

    /** Like {@link #of}, but a qualifier is refused: the operation acts on the function as a whole. */
    static String unqualified(Request r, String operation) {
        var ref = parse(r.param("FunctionName"));
        if (ref.qualifier().isPresent()) {
            throw LambdaErrors.invalidParameter(operation + " takes an unqualified FunctionName, got qualifier '"
                    + ref.qualifier().get() + "'");
        }
        return ref.name();
    }

    /** The qualifier, {@code $LATEST} when none was given. */
    String qualifierOrLatest() {
        return qualifier.orElse(FunctionVersion.LATEST);
    }
}
