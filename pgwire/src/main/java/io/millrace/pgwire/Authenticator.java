package io.millrace.pgwire;

import io.millrace.common.MillraceException;

import java.util.Map;

/**
 * The authentication exchange between the startup packet and opening the session. The connection
 * sends whatever the current {@link Step} asks for and passes each PasswordMessage ('p') the client
 * sends back to {@link #respond}, until a step is {@link Step.Ok} (AuthenticationOk) or
 * {@link Step.Fail} (a FATAL error). See {@link PasswordAuthenticators} for password and SCRAM
 * authentication.
 */
public interface Authenticator {

    /** Starts authenticating the client that sent these startup parameters. */
    Step start(Map<String, String> startupParameters);

    /** Handles the body of the client's PasswordMessage. */
    Step respond(byte[] response);

    /** What the connection does next. */
    sealed interface Step {
        /** Authenticated: send AuthenticationOk and open the session. */
        record Ok() implements Step {
        }

        /** Authenticated, once this last message (e.g. 12 = SASL final) is sent before AuthenticationOk. */
        record Final(int code, byte[] data) implements Step {
        }

        /** Send an Authentication request (e.g. 3 = cleartext password, 10 = SASL) and await 'p'. */
        record Challenge(int code, byte[] data) implements Step {
        }

        /** Refused: FATAL error (28000 or 28P01), then close. */
        record Fail(MillraceException error) implements Step {
        }
    }

    /** Trusts every client: authentication succeeds at once. */
    public static Authenticator trust() {
        return new Authenticator() {
            @Override
            public Step start(Map<String, String> startupParameters) {
                return new Step.Ok();
            }

            @Override
            public Step respond(byte[] response) {
                return new Step.Ok();
            }
        };
    }
}
